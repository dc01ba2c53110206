import { runRuleCases } from '../../test-support/rule-tester';
import { invalidValue } from './invalid-value';
import { cases } from './invalid-value.cases';

runRuleCases(invalidValue, cases);
