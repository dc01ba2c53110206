import { runCheckCases } from '../../test-support/check-tester';
import { invalidValue } from './invalid-value';
import { cases } from './invalid-value.cases';

runCheckCases(invalidValue, cases);
