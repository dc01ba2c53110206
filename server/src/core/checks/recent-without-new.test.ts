import { runCheckCases } from '../../test-support/check-tester';
import { recentWithoutNew } from './recent-without-new';
import { cases } from './recent-without-new.cases';

runCheckCases(recentWithoutNew, cases);
