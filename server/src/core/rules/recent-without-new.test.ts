import { runRuleCases } from '../../test-support/rule-tester';
import { recentWithoutNew } from './recent-without-new';
import { cases } from './recent-without-new.cases';

runRuleCases(recentWithoutNew, cases);
