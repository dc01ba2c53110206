import { runCheckCases } from '../../test-support/check-tester';
import { crlfLineEndings } from './crlf-line-endings';
import { cases } from './crlf-line-endings.cases';

runCheckCases(crlfLineEndings, cases);
