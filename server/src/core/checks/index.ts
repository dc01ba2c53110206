import type { Check } from '../lint/check';
import { addressFamilyMismatch } from './address-family-mismatch';
import { chainDeclaredLate } from './chain-declared-late';
import { crlfLineEndings } from './crlf-line-endings';
import { databaseExposed } from './database-exposed';
import { duplicateRule } from './duplicate-rule';
import { duplicateTable } from './duplicate-table';
import { hostBitsSet } from './host-bits-set';
import { octalAddress } from './octal-address';
import { reversedIprange } from './reversed-iprange';
import { icmpv6NeighbourDiscovery } from './icmpv6-neighbour-discovery';
import { inlineComment } from './inline-comment';
import { invalidOptionUse } from './invalid-option-use';
import { invalidValue } from './invalid-value';
import { jumpLoop } from './jump-loop';
import { hashlimitTableClash } from './hashlimit-table-clash';
import { logPrefixTooLong } from './log-prefix-too-long';
import { portWraps } from './port-wraps';
import { numberWraps } from './number-wraps';
import { savedUnquoted } from './saved-unquoted';
import { maskAsAddress } from './mask-as-address';
import { recentHitcount } from './recent-hitcount';
import { stringTruncated } from './string-truncated';
import { malformedRule } from './malformed-rule';
import { missingCommit } from './missing-commit';
import { missingObject } from './missing-object';
import { missingFinalNewline } from './missing-final-newline';
import { missingProtocol } from './missing-protocol';
import { missingTableHeader } from './missing-table-header';
import { missingEstablished } from './missing-established';
import { missingLoopback } from './missing-loopback';
import { noDefaultDeny } from './no-default-deny';
import { recentWithoutNew } from './recent-without-new';
import { plaintextMailProtocol } from './plaintext-mail-protocol';
import { policyOnUserChain } from './policy-on-user-chain';
import { shadowedRule } from './shadowed-rule';
import { sshLockout } from './ssh-lockout';
import { stateMatch } from './state-match';
import { undefinedChain } from './undefined-chain';
import { unknownExtension } from './unknown-extension';
import { unknownOption } from './unknown-option';
import { unknownTable } from './unknown-table';
import { unreachableRule } from './unreachable-rule';
import { wrongTableOrChain } from './wrong-table-or-chain';

/** Every check, in the order their diagnostics are reported for one line. */
export const ALL_CHECKS: readonly Check[] = [
  missingTableHeader,
  missingCommit,
  crlfLineEndings,
  unknownTable,
  malformedRule,
  inlineComment,
  unknownOption,
  unknownExtension,
  invalidValue,
  addressFamilyMismatch,
  // iptables looks the objects up as it reads the option, before the extension's final check.
  missingObject,
  invalidOptionUse,
  missingProtocol,
  wrongTableOrChain,
  undefinedChain,
  chainDeclaredLate,
  jumpLoop,
  hashlimitTableClash,
  policyOnUserChain,
  missingFinalNewline,
  duplicateTable,
  duplicateRule,
  logPrefixTooLong,
  stringTruncated,
  portWraps,
  numberWraps,
  savedUnquoted,
  maskAsAddress,
  recentHitcount,
  hostBitsSet,
  octalAddress,
  reversedIprange,
  stateMatch,
  sshLockout,
  plaintextMailProtocol,
  noDefaultDeny,
  missingEstablished,
  missingLoopback,
  recentWithoutNew,
  databaseExposed,
  unreachableRule,
  shadowedRule,
  icmpv6NeighbourDiscovery,
];
