import { runRuleCases } from '../../test-support/rule-tester';
import { malformedRule } from './malformed-rule';
import { cases } from './malformed-rule.cases';

runRuleCases(malformedRule, cases);
