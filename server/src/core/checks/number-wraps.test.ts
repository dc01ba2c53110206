import { runCheckCases } from '../../test-support/check-tester';
import { numberWraps } from './number-wraps';
import { cases } from './number-wraps.cases';

runCheckCases(numberWraps, cases);
