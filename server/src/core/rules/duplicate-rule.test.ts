import { runRuleCases } from '../../test-support/rule-tester';
import { duplicateRule } from './duplicate-rule';
import { cases } from './duplicate-rule.cases';

runRuleCases(duplicateRule, cases);
