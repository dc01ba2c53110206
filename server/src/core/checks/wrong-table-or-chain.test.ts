import { runCheckCases } from '../../test-support/check-tester';
import { wrongTableOrChain } from './wrong-table-or-chain';
import { cases } from './wrong-table-or-chain.cases';

runCheckCases(wrongTableOrChain, cases);
