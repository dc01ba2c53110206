import { runRuleCases } from '../../test-support/rule-tester';
import { noDefaultDeny } from './no-default-deny';
import { cases } from './no-default-deny.cases';

runRuleCases(noDefaultDeny, cases);
