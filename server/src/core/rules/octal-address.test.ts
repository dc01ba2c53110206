import { runRuleCases } from '../../test-support/rule-tester';
import { octalAddress } from './octal-address';
import { cases } from './octal-address.cases';

runRuleCases(octalAddress, cases);
