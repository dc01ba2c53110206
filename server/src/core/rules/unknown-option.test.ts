import { runRuleCases } from '../../test-support/rule-tester';
import { unknownOption } from './unknown-option';
import { cases } from './unknown-option.cases';

runRuleCases(unknownOption, cases);
