import { runRuleCases } from '../../test-support/rule-tester';
import { missingTableHeader } from './missing-table-header';
import { cases } from './missing-table-header.cases';

runRuleCases(missingTableHeader, cases);
