import { runRuleCases } from '../../test-support/rule-tester';
import { missingLoopback } from './missing-loopback';
import { cases } from './missing-loopback.cases';

runRuleCases(missingLoopback, cases);
