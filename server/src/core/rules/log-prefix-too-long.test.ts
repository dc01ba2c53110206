import { runRuleCases } from '../../test-support/rule-tester';
import { logPrefixTooLong } from './log-prefix-too-long';
import { cases } from './log-prefix-too-long.cases';

runRuleCases(logPrefixTooLong, cases);
