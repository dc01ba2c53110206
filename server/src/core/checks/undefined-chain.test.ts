import { runCheckCases } from '../../test-support/check-tester';
import { undefinedChain } from './undefined-chain';
import { cases } from './undefined-chain.cases';

runCheckCases(undefinedChain, cases);
