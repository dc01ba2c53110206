import { runCheckCases } from '../../test-support/check-tester';
import { jumpLoop } from './jump-loop';
import { cases } from './jump-loop.cases';

runCheckCases(jumpLoop, cases);
