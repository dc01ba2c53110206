import { runRuleCases } from '../../test-support/rule-tester';
import { plaintextMailProtocol } from './plaintext-mail-protocol';
import { cases } from './plaintext-mail-protocol.cases';

runRuleCases(plaintextMailProtocol, cases);
