import { runCheckCases } from '../../test-support/check-tester';
import { logPrefixTooLong } from './log-prefix-too-long';
import { cases } from './log-prefix-too-long.cases';

runCheckCases(logPrefixTooLong, cases);
