import { runRuleCases } from '../../test-support/rule-tester';
import { missingCommit } from './missing-commit';
import { cases } from './missing-commit.cases';

runRuleCases(missingCommit, cases);
