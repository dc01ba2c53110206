import { runRuleCases } from '../../test-support/rule-tester';
import { duplicateTable } from './duplicate-table';
import { cases } from './duplicate-table.cases';

runRuleCases(duplicateTable, cases);
