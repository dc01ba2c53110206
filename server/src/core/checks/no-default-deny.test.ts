import { runCheckCases } from '../../test-support/check-tester';
import { noDefaultDeny } from './no-default-deny';
import { cases } from './no-default-deny.cases';

runCheckCases(noDefaultDeny, cases);
