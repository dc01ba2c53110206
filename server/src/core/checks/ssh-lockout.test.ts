import { runCheckCases } from '../../test-support/check-tester';
import { sshLockout } from './ssh-lockout';
import { cases } from './ssh-lockout.cases';

runCheckCases(sshLockout, cases);
