import { runCheckCases } from '../../test-support/check-tester';
import { addressFamilyMismatch } from './address-family-mismatch';
import { cases } from './address-family-mismatch.cases';

runCheckCases(addressFamilyMismatch, cases);
