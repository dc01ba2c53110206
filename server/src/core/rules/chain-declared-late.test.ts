import { runRuleCases } from '../../test-support/rule-tester';
import { chainDeclaredLate } from './chain-declared-late';
import { cases } from './chain-declared-late.cases';

runRuleCases(chainDeclaredLate, cases);
