import { runCheckCases } from '../../test-support/check-tester';
import { missingLoopback } from './missing-loopback';
import { cases } from './missing-loopback.cases';

runCheckCases(missingLoopback, cases);
