import type { LintRule } from '../rule';
import { crlfLineEndings } from './crlf-line-endings';
import { missingCommit } from './missing-commit';
import { missingTableHeader } from './missing-table-header';
import { plaintextMailProtocol } from './plaintext-mail-protocol';
import { sshLockout } from './ssh-lockout';

/** Every rule, in the order their diagnostics are reported for one line. */
export const ALL_RULES: readonly LintRule[] = [
  missingTableHeader,
  missingCommit,
  crlfLineEndings,
  sshLockout,
  plaintextMailProtocol,
];
