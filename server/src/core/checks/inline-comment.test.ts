import { runCheckCases } from '../../test-support/check-tester';
import { inlineComment } from './inline-comment';
import { cases } from './inline-comment.cases';

runCheckCases(inlineComment, cases);
