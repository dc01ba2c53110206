import { runCheckCases } from '../../test-support/check-tester';
import { missingEstablished } from './missing-established';
import { cases } from './missing-established.cases';

runCheckCases(missingEstablished, cases);
