import { runCheckCases } from '../../test-support/check-tester';
import { plaintextMailProtocol } from './plaintext-mail-protocol';
import { cases } from './plaintext-mail-protocol.cases';

runCheckCases(plaintextMailProtocol, cases);
