import { runRuleCases } from '../../test-support/rule-tester';
import { unknownTable } from './unknown-table';
import { cases } from './unknown-table.cases';

runRuleCases(unknownTable, cases);
