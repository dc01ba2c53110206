import { runCheckCases } from '../../test-support/check-tester';
import { stringTruncated } from './string-truncated';
import { cases } from './string-truncated.cases';

runCheckCases(stringTruncated, cases);
