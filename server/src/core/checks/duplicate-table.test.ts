import { runCheckCases } from '../../test-support/check-tester';
import { duplicateTable } from './duplicate-table';
import { cases } from './duplicate-table.cases';

runCheckCases(duplicateTable, cases);
