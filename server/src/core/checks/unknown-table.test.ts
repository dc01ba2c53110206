import { runCheckCases } from '../../test-support/check-tester';
import { unknownTable } from './unknown-table';
import { cases } from './unknown-table.cases';

runCheckCases(unknownTable, cases);
