import { runCheckCases } from '../../test-support/check-tester';
import { maskAsAddress } from './mask-as-address';
import { cases } from './mask-as-address.cases';

runCheckCases(maskAsAddress, cases);
