import { runCheckCases } from '../../test-support/check-tester';
import { missingProtocol } from './missing-protocol';
import { cases } from './missing-protocol.cases';

runCheckCases(missingProtocol, cases);
