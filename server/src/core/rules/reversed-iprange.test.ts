import { runRuleCases } from '../../test-support/rule-tester';
import { reversedIprange } from './reversed-iprange';
import { cases } from './reversed-iprange.cases';

runRuleCases(reversedIprange, cases);
