import { runCheckCases } from '../../test-support/check-tester';
import { shadowedRule } from './shadowed-rule';
import { cases } from './shadowed-rule.cases';

runCheckCases(shadowedRule, cases);
