import { runCheckCases } from '../../test-support/check-tester';
import { octalAddress } from './octal-address';
import { cases } from './octal-address.cases';

runCheckCases(octalAddress, cases);
