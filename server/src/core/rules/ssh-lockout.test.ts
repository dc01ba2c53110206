import { runRuleCases } from '../../test-support/rule-tester';
import { sshLockout } from './ssh-lockout';
import { cases } from './ssh-lockout.cases';

runRuleCases(sshLockout, cases);
