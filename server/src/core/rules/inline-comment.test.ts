import { runRuleCases } from '../../test-support/rule-tester';
import { inlineComment } from './inline-comment';
import { cases } from './inline-comment.cases';

runRuleCases(inlineComment, cases);
