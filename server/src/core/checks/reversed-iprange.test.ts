import { runCheckCases } from '../../test-support/check-tester';
import { reversedIprange } from './reversed-iprange';
import { cases } from './reversed-iprange.cases';

runCheckCases(reversedIprange, cases);
