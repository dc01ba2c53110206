import { runRuleCases } from '../../test-support/rule-tester';
import { missingFinalNewline } from './missing-final-newline';
import { cases } from './missing-final-newline.cases';

runRuleCases(missingFinalNewline, cases);
