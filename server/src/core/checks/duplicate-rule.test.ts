import { runCheckCases } from '../../test-support/check-tester';
import { duplicateRule } from './duplicate-rule';
import { cases } from './duplicate-rule.cases';

runCheckCases(duplicateRule, cases);
