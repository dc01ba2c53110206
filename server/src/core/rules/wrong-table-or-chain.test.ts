import { runRuleCases } from '../../test-support/rule-tester';
import { wrongTableOrChain } from './wrong-table-or-chain';
import { cases } from './wrong-table-or-chain.cases';

runRuleCases(wrongTableOrChain, cases);
