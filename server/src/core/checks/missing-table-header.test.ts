import { runCheckCases } from '../../test-support/check-tester';
import { missingTableHeader } from './missing-table-header';
import { cases } from './missing-table-header.cases';

runCheckCases(missingTableHeader, cases);
