import { runCheckCases } from '../../test-support/check-tester';
import { malformedRule } from './malformed-rule';
import { cases } from './malformed-rule.cases';

runCheckCases(malformedRule, cases);
