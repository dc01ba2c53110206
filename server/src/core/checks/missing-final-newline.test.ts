import { runCheckCases } from '../../test-support/check-tester';
import { missingFinalNewline } from './missing-final-newline';
import { cases } from './missing-final-newline.cases';

runCheckCases(missingFinalNewline, cases);
