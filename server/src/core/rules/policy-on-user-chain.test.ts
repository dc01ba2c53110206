import { runRuleCases } from '../../test-support/rule-tester';
import { policyOnUserChain } from './policy-on-user-chain';
import { cases } from './policy-on-user-chain.cases';

runRuleCases(policyOnUserChain, cases);
