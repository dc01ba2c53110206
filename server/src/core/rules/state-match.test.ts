import { runRuleCases } from '../../test-support/rule-tester';
import { stateMatch } from './state-match';
import { cases } from './state-match.cases';

runRuleCases(stateMatch, cases);
