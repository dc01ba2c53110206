// Every rule's case table, for tests that check them against the real iptables and kernel.
import type { RuleCases } from '../rule-cases';
import { cases as crlfLineEndings } from './crlf-line-endings.cases';
import { cases as missingCommit } from './missing-commit.cases';
import { cases as missingTableHeader } from './missing-table-header.cases';
import { cases as plaintextMailProtocol } from './plaintext-mail-protocol.cases';
import { cases as sshLockout } from './ssh-lockout.cases';

export const ALL_CASES: Readonly<Record<string, RuleCases>> = {
  'missing-table-header': missingTableHeader,
  'missing-commit': missingCommit,
  'crlf-line-endings': crlfLineEndings,
  'ssh-lockout': sshLockout,
  'plaintext-mail-protocol': plaintextMailProtocol,
};
