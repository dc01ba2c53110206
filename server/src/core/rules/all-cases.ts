// Every rule's case table, for tests that check them against the real iptables and kernel.
import type { RuleCases } from '../rule-cases';
import { cases as addressFamilyMismatch } from './address-family-mismatch.cases';
import { cases as chainDeclaredLate } from './chain-declared-late.cases';
import { cases as crlfLineEndings } from './crlf-line-endings.cases';
import { cases as duplicateRule } from './duplicate-rule.cases';
import { cases as duplicateTable } from './duplicate-table.cases';
import { cases as hostBitsSet } from './host-bits-set.cases';
import { cases as inlineComment } from './inline-comment.cases';
import { cases as invalidOptionUse } from './invalid-option-use.cases';
import { cases as invalidValue } from './invalid-value.cases';
import { cases as jumpLoop } from './jump-loop.cases';
import { cases as logPrefixTooLong } from './log-prefix-too-long.cases';
import { cases as malformedRule } from './malformed-rule.cases';
import { cases as missingCommit } from './missing-commit.cases';
import { cases as missingFinalNewline } from './missing-final-newline.cases';
import { cases as missingProtocol } from './missing-protocol.cases';
import { cases as missingTableHeader } from './missing-table-header.cases';
import { cases as plaintextMailProtocol } from './plaintext-mail-protocol.cases';
import { cases as policyOnUserChain } from './policy-on-user-chain.cases';
import { cases as sshLockout } from './ssh-lockout.cases';
import { cases as stateMatch } from './state-match.cases';
import { cases as undefinedChain } from './undefined-chain.cases';
import { cases as unknownExtension } from './unknown-extension.cases';
import { cases as unknownOption } from './unknown-option.cases';
import { cases as unknownTable } from './unknown-table.cases';
import { cases as wrongTableOrChain } from './wrong-table-or-chain.cases';

export const ALL_CASES: Readonly<Record<string, RuleCases>> = {
  'address-family-mismatch': addressFamilyMismatch,
  'chain-declared-late': chainDeclaredLate,
  'crlf-line-endings': crlfLineEndings,
  'duplicate-rule': duplicateRule,
  'duplicate-table': duplicateTable,
  'host-bits-set': hostBitsSet,
  'inline-comment': inlineComment,
  'invalid-option-use': invalidOptionUse,
  'invalid-value': invalidValue,
  'jump-loop': jumpLoop,
  'log-prefix-too-long': logPrefixTooLong,
  'malformed-rule': malformedRule,
  'missing-commit': missingCommit,
  'missing-final-newline': missingFinalNewline,
  'missing-protocol': missingProtocol,
  'missing-table-header': missingTableHeader,
  'plaintext-mail-protocol': plaintextMailProtocol,
  'policy-on-user-chain': policyOnUserChain,
  'ssh-lockout': sshLockout,
  'state-match': stateMatch,
  'undefined-chain': undefinedChain,
  'unknown-extension': unknownExtension,
  'unknown-option': unknownOption,
  'unknown-table': unknownTable,
  'wrong-table-or-chain': wrongTableOrChain,
};
