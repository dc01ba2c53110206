import { runRuleCases } from '../../test-support/rule-tester';
import { invalidOptionUse } from './invalid-option-use';
import { cases } from './invalid-option-use.cases';

runRuleCases(invalidOptionUse, cases);
