import { runCheckCases } from '../../test-support/check-tester';
import { unknownOption } from './unknown-option';
import { cases } from './unknown-option.cases';

runCheckCases(unknownOption, cases);
