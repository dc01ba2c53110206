import { runCheckCases } from '../../test-support/check-tester';
import { portWraps } from './port-wraps';
import { cases } from './port-wraps.cases';

runCheckCases(portWraps, cases);
