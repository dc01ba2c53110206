import { runRuleCases } from '../../test-support/rule-tester';
import { missingEstablished } from './missing-established';
import { cases } from './missing-established.cases';

runRuleCases(missingEstablished, cases);
