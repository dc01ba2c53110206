import { runCheckCases } from '../../test-support/check-tester';
import { invalidOptionUse } from './invalid-option-use';
import { cases } from './invalid-option-use.cases';

runCheckCases(invalidOptionUse, cases);
