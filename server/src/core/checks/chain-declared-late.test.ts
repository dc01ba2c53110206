import { runCheckCases } from '../../test-support/check-tester';
import { chainDeclaredLate } from './chain-declared-late';
import { cases } from './chain-declared-late.cases';

runCheckCases(chainDeclaredLate, cases);
