import { runCheckCases } from '../../test-support/check-tester';
import { unreachableRule } from './unreachable-rule';
import { cases } from './unreachable-rule.cases';

runCheckCases(unreachableRule, cases);
