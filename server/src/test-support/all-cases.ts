// Every rule's case table, for tests that check them against the real iptables and kernel.
import type { CheckCases } from './cases';
import { cases as addressFamilyMismatch } from '../core/checks/address-family-mismatch.cases';
import { cases as chainDeclaredLate } from '../core/checks/chain-declared-late.cases';
import { cases as crlfLineEndings } from '../core/checks/crlf-line-endings.cases';
import { cases as databaseExposed } from '../core/checks/database-exposed.cases';
import { cases as duplicateRule } from '../core/checks/duplicate-rule.cases';
import { cases as duplicateTable } from '../core/checks/duplicate-table.cases';
import { cases as hostBitsSet } from '../core/checks/host-bits-set.cases';
import { cases as octalAddress } from '../core/checks/octal-address.cases';
import { cases as reversedIprange } from '../core/checks/reversed-iprange.cases';
import { cases as icmpv6NeighbourDiscovery } from '../core/checks/icmpv6-neighbour-discovery.cases';
import { cases as inlineComment } from '../core/checks/inline-comment.cases';
import { cases as invalidOptionUse } from '../core/checks/invalid-option-use.cases';
import { cases as invalidValue } from '../core/checks/invalid-value.cases';
import { cases as jumpLoop } from '../core/checks/jump-loop.cases';
import { cases as logPrefixTooLong } from '../core/checks/log-prefix-too-long.cases';
import { cases as portWraps } from '../core/checks/port-wraps.cases';
import { cases as numberWraps } from '../core/checks/number-wraps.cases';
import { cases as savedUnquoted } from '../core/checks/saved-unquoted.cases';
import { cases as missingObject } from '../core/checks/missing-object.cases';
import { cases as hashlimitTableClash } from '../core/checks/hashlimit-table-clash.cases';
import { cases as maskAsAddress } from '../core/checks/mask-as-address.cases';
import { cases as recentHitcount } from '../core/checks/recent-hitcount.cases';
import { cases as stringTruncated } from '../core/checks/string-truncated.cases';
import { cases as malformedRule } from '../core/checks/malformed-rule.cases';
import { cases as missingCommit } from '../core/checks/missing-commit.cases';
import { cases as missingEstablished } from '../core/checks/missing-established.cases';
import { cases as missingFinalNewline } from '../core/checks/missing-final-newline.cases';
import { cases as missingLoopback } from '../core/checks/missing-loopback.cases';
import { cases as missingProtocol } from '../core/checks/missing-protocol.cases';
import { cases as missingTableHeader } from '../core/checks/missing-table-header.cases';
import { cases as noDefaultDeny } from '../core/checks/no-default-deny.cases';
import { cases as plaintextMailProtocol } from '../core/checks/plaintext-mail-protocol.cases';
import { cases as policyOnUserChain } from '../core/checks/policy-on-user-chain.cases';
import { cases as recentWithoutNew } from '../core/checks/recent-without-new.cases';
import { cases as shadowedRule } from '../core/checks/shadowed-rule.cases';
import { cases as sshLockout } from '../core/checks/ssh-lockout.cases';
import { cases as stateMatch } from '../core/checks/state-match.cases';
import { cases as undefinedChain } from '../core/checks/undefined-chain.cases';
import { cases as unknownExtension } from '../core/checks/unknown-extension.cases';
import { cases as unknownOption } from '../core/checks/unknown-option.cases';
import { cases as unknownTable } from '../core/checks/unknown-table.cases';
import { cases as unreachableRule } from '../core/checks/unreachable-rule.cases';
import { cases as wrongTableOrChain } from '../core/checks/wrong-table-or-chain.cases';

export const ALL_CASES: Record<string, CheckCases> = {
  'address-family-mismatch': addressFamilyMismatch,
  'chain-declared-late': chainDeclaredLate,
  'crlf-line-endings': crlfLineEndings,
  'database-exposed': databaseExposed,
  'duplicate-rule': duplicateRule,
  'duplicate-table': duplicateTable,
  'host-bits-set': hostBitsSet,
  'octal-address': octalAddress,
  'reversed-iprange': reversedIprange,
  'icmpv6-neighbour-discovery': icmpv6NeighbourDiscovery,
  'inline-comment': inlineComment,
  'invalid-option-use': invalidOptionUse,
  'invalid-value': invalidValue,
  'jump-loop': jumpLoop,
  'log-prefix-too-long': logPrefixTooLong,
  'string-truncated': stringTruncated,
  'port-wraps': portWraps,
  'number-wraps': numberWraps,
  'saved-unquoted': savedUnquoted,
  'missing-object': missingObject,
  'hashlimit-table-clash': hashlimitTableClash,
  'mask-as-address': maskAsAddress,
  'recent-hitcount': recentHitcount,
  'malformed-rule': malformedRule,
  'missing-commit': missingCommit,
  'missing-established': missingEstablished,
  'missing-final-newline': missingFinalNewline,
  'missing-loopback': missingLoopback,
  'missing-protocol': missingProtocol,
  'missing-table-header': missingTableHeader,
  'no-default-deny': noDefaultDeny,
  'plaintext-mail-protocol': plaintextMailProtocol,
  'policy-on-user-chain': policyOnUserChain,
  'recent-without-new': recentWithoutNew,
  'shadowed-rule': shadowedRule,
  'ssh-lockout': sshLockout,
  'state-match': stateMatch,
  'undefined-chain': undefinedChain,
  'unknown-extension': unknownExtension,
  'unknown-option': unknownOption,
  'unknown-table': unknownTable,
  'unreachable-rule': unreachableRule,
  'wrong-table-or-chain': wrongTableOrChain,
};
