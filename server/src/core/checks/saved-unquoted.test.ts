import { runCheckCases } from '../../test-support/check-tester';
import { savedUnquoted } from './saved-unquoted';
import { cases } from './saved-unquoted.cases';

runCheckCases(savedUnquoted, cases);
