import { runRuleCases } from '../../test-support/rule-tester';
import { unreachableRule } from './unreachable-rule';
import { cases } from './unreachable-rule.cases';

runRuleCases(unreachableRule, cases);
