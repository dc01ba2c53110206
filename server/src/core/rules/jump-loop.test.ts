import { runRuleCases } from '../../test-support/rule-tester';
import { jumpLoop } from './jump-loop';
import { cases } from './jump-loop.cases';

runRuleCases(jumpLoop, cases);
