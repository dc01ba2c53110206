import { runCheckCases } from '../../test-support/check-tester';
import { policyOnUserChain } from './policy-on-user-chain';
import { cases } from './policy-on-user-chain.cases';

runCheckCases(policyOnUserChain, cases);
