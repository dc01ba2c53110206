import { runCheckCases } from '../../test-support/check-tester';
import { stateMatch } from './state-match';
import { cases } from './state-match.cases';

runCheckCases(stateMatch, cases);
