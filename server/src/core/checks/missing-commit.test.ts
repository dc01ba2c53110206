import { runCheckCases } from '../../test-support/check-tester';
import { missingCommit } from './missing-commit';
import { cases } from './missing-commit.cases';

runCheckCases(missingCommit, cases);
