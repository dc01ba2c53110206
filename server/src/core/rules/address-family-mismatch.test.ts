import { runRuleCases } from '../../test-support/rule-tester';
import { addressFamilyMismatch } from './address-family-mismatch';
import { cases } from './address-family-mismatch.cases';

runRuleCases(addressFamilyMismatch, cases);
