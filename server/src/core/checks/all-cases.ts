// Every rule's case table, for tests that check them against the real iptables and kernel.
import type { CheckCases } from '../lint/cases';
import { cases as addressFamilyMismatch } from './address-family-mismatch.cases';
import { cases as chainDeclaredLate } from './chain-declared-late.cases';
import { cases as crlfLineEndings } from './crlf-line-endings.cases';
import { cases as databaseExposed } from './database-exposed.cases';
import { cases as duplicateRule } from './duplicate-rule.cases';
import { cases as duplicateTable } from './duplicate-table.cases';
import { cases as hostBitsSet } from './host-bits-set.cases';
import { cases as octalAddress } from './octal-address.cases';
import { cases as reversedIprange } from './reversed-iprange.cases';
import { cases as icmpv6NeighbourDiscovery } from './icmpv6-neighbour-discovery.cases';
import { cases as inlineComment } from './inline-comment.cases';
import { cases as invalidOptionUse } from './invalid-option-use.cases';
import { cases as invalidValue } from './invalid-value.cases';
import { cases as jumpLoop } from './jump-loop.cases';
import { cases as logPrefixTooLong } from './log-prefix-too-long.cases';
import { cases as malformedRule } from './malformed-rule.cases';
import { cases as missingCommit } from './missing-commit.cases';
import { cases as missingEstablished } from './missing-established.cases';
import { cases as missingFinalNewline } from './missing-final-newline.cases';
import { cases as missingLoopback } from './missing-loopback.cases';
import { cases as missingProtocol } from './missing-protocol.cases';
import { cases as missingTableHeader } from './missing-table-header.cases';
import { cases as noDefaultDeny } from './no-default-deny.cases';
import { cases as plaintextMailProtocol } from './plaintext-mail-protocol.cases';
import { cases as policyOnUserChain } from './policy-on-user-chain.cases';
import { cases as recentWithoutNew } from './recent-without-new.cases';
import { cases as shadowedRule } from './shadowed-rule.cases';
import { cases as sshLockout } from './ssh-lockout.cases';
import { cases as stateMatch } from './state-match.cases';
import { cases as undefinedChain } from './undefined-chain.cases';
import { cases as unknownExtension } from './unknown-extension.cases';
import { cases as unknownOption } from './unknown-option.cases';
import { cases as unknownTable } from './unknown-table.cases';
import { cases as unreachableRule } from './unreachable-rule.cases';
import { cases as wrongTableOrChain } from './wrong-table-or-chain.cases';

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
