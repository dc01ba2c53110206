import { runCheckCases } from '../../test-support/check-tester';
import { hostBitsSet } from './host-bits-set';
import { cases } from './host-bits-set.cases';

runCheckCases(hostBitsSet, cases);
