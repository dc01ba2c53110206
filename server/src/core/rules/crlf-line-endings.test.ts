import { runRuleCases } from '../../test-support/rule-tester';
import { crlfLineEndings } from './crlf-line-endings';
import { cases } from './crlf-line-endings.cases';

runRuleCases(crlfLineEndings, cases);
