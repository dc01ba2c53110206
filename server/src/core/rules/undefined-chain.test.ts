import { runRuleCases } from '../../test-support/rule-tester';
import { undefinedChain } from './undefined-chain';
import { cases } from './undefined-chain.cases';

runRuleCases(undefinedChain, cases);
