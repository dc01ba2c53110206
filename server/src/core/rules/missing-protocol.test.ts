import { runRuleCases } from '../../test-support/rule-tester';
import { missingProtocol } from './missing-protocol';
import { cases } from './missing-protocol.cases';

runRuleCases(missingProtocol, cases);
