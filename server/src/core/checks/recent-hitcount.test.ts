import { runCheckCases } from '../../test-support/check-tester';
import { recentHitcount } from './recent-hitcount';
import { cases } from './recent-hitcount.cases';

runCheckCases(recentHitcount, cases);
