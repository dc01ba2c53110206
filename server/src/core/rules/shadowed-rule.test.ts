import { runRuleCases } from '../../test-support/rule-tester';
import { shadowedRule } from './shadowed-rule';
import { cases } from './shadowed-rule.cases';

runRuleCases(shadowedRule, cases);
