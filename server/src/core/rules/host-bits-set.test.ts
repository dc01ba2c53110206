import { runRuleCases } from '../../test-support/rule-tester';
import { hostBitsSet } from './host-bits-set';
import { cases } from './host-bits-set.cases';

runRuleCases(hostBitsSet, cases);
