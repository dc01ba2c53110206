import { runCheckCases } from '../../test-support/check-tester';
import { hashlimitTableClash } from './hashlimit-table-clash';
import { cases } from './hashlimit-table-clash.cases';

runCheckCases(hashlimitTableClash, cases);
