// Targets of iptables 1.8 (`-j NAME`), their options, and where the kernel allows them.
import { ADDRESS, FLAG, FREE, MARK, PORT, U16, U32, U8, num, oneOf, opt, str } from './define';
import type { ArgForm } from './forms';
import { DSCP_CLASSES, TOS_NAMES } from './matches';
import type { Releases } from './releases';
import type { ExtensionSpec } from './types';

// Release facts (kb/releases.ts). 1.8.7's SNAT and DNAT tables let --to-source/--to-destination
// repeat (XTOPT_MULTI, a leftover of the multi-range IPv4 NAT of kernels before 2.6.11) and their
// parse functions refused a second one with their own words; 1.8.8 dropped both, so xtables refuses
// it (upstream 30b178b9 "extensions: *NAT: Kill multiple IPv4 range support", 070a8626 for IPv6).
const NAT_MULTI: Releases = { before: '1.8.8' };
// 1.8.11's libxtables applies the table's `.max = UINT16_MAX - 1` of --queue-balance to the range
// (a392cf0e "xtoptions: Respect min/max values when completing ranges"); earlier ones read 0-65535.
const QUEUE_BALANCE: ArgForm = { kind: 'number-range', min: 0, max: 65535, backwardsOk: {}, tableMax: 65534 };

/** Verdicts built into iptables: not extensions, no options. */
export const STANDARD_TARGETS: Readonly<Record<string, string>> = {
  ACCEPT: 'Lets the packet through: it leaves this table\'s chain and goes on to the next table or hook.',
  DROP: 'Discards the packet silently; the sender hears nothing and times out.',
  RETURN: 'Leaves the current chain: the calling chain continues after its jump, or a built-in chain\'s policy applies.',
  QUEUE: 'Hands the packet to a userspace program on queue 0 (as NFQUEUE does); it is dropped if none listens.',
};
const STANDARD_NAMES = new Set(Object.keys(STANDARD_TARGETS));

/** ACCEPT, DROP, RETURN or QUEUE: a set lookup, where indexing the record by a line's word costs a string-table probe. */
export function isStandardTarget(name: string): boolean {
  return STANDARD_NAMES.has(name);
}

const REJECT4 = ['icmp-net-unreachable', 'net-unreach', 'icmp-host-unreachable', 'host-unreach', 'icmp-proto-unreachable', 'proto-unreach', 'icmp-port-unreachable', 'port-unreach', 'icmp-net-prohibited', 'net-prohib', 'icmp-host-prohibited', 'host-prohib', 'tcp-reset', 'tcp-rst', 'icmp-admin-prohibited', 'admin-prohib'];
const REJECT6 = ['icmp6-no-route', 'no-route', 'icmp6-adm-prohibited', 'adm-prohibited', 'icmp6-addr-unreachable', 'addr-unreach', 'icmp6-port-unreachable', 'port-unreach', 'tcp-reset', 'icmp6-policy-fail', 'policy-fail', 'icmp6-reject-route', 'reject-route'];
export const LOG_LEVELS = ['emerg', 'panic', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'];
const HOST: ArgForm = { kind: 'host' };
// The NAT parser of libxt_NAT.c reads DNAT and REDIRECT since 1.8.8, SNAT and MASQUERADE since
// 1.8.9 (kb/forms.ts); before, each had its own (not followed in its words: see releases.cases.ts).
const NAT_SHARED_DNAT: Releases = { since: '1.8.8' };
const NAT_SHARED_SNAT: Releases = { since: '1.8.9' };
const MASQUERADE_PORTS: ArgForm = { kind: 'nat-ports', shared: NAT_SHARED_SNAT };
const REDIRECT_PORTS: ArgForm = { kind: 'nat-ports', shared: NAT_SHARED_DNAT };
const SNAT_RANGE: ArgForm = { kind: 'nat-range', shared: NAT_SHARED_SNAT };
const DNAT_RANGE: ArgForm = { kind: 'nat-range', shared: NAT_SHARED_DNAT };
/** TCPOPTSTRIP's names of TCP options (case-sensitive), and their numbers. */
export const TCP_OPTION_NUMBERS: ReadonlyMap<string, number> = new Map([['mss', 2], ['wscale', 3], ['sack-permitted', 4], ['sack', 5], ['timestamp', 8], ['md5', 19]]);
const TCP_OPTION_NAMES = [...TCP_OPTION_NUMBERS.keys()];

const ttlTarget = (name: 'TTL' | 'HL', what: string, family: 'ipv4' | 'ipv6'): ExtensionSpec => {
  const p = name.toLowerCase();
  return {
    name,
    kind: 'target',
    family,
    help: `Changes the ${what} field. Only in the mangle table.`,
    tables: ['mangle'],
    required: [`${p}-set`, `${p}-dec`, `${p}-inc`],
    options: [
      opt(`${p}-set`, U8, `Set the ${what} to this value.`, { excl: [`${p}-dec`, `${p}-inc`] }),
      opt(`${p}-dec`, num(1, 255), `Decrease the ${what} by this much.`, { excl: [`${p}-set`, `${p}-inc`] }),
      opt(`${p}-inc`, num(1, 255), `Increase the ${what} by this much.`, { excl: [`${p}-set`, `${p}-dec`] }),
    ],
  };
};

export const TARGETS: readonly ExtensionSpec[] = [
  {
    name: 'REJECT',
    kind: 'target',
    help: 'Discards the packet and tells the sender: an ICMP error by default, or a TCP reset. Only in the filter table.',
    tables: ['filter'],
    hooks: ['INPUT', 'FORWARD', 'OUTPUT'],
    options: [
      opt('reject-with', oneOf(REJECT4, 'unknown reject type "%s"', { prefix: 'first' }), 'The reply: icmp-port-unreachable (default), icmp-host-prohibited, icmp-admin-prohibited, tcp-reset (needs `-p tcp`), and others.', { family: 'ipv4' }),
      opt('reject-with', oneOf(REJECT6, 'unknown reject type "%s"', { prefix: 'first' }), 'The reply: icmp6-port-unreachable (default), icmp6-adm-prohibited, tcp-reset (needs `-p tcp`), and others.', { family: 'ipv6' }),
    ],
  },
  {
    name: 'LOG',
    kind: 'target',
    help: 'Writes a line about the packet to the kernel log, then lets the next rule decide. It is not a verdict.',
    options: [
      opt('log-level', oneOf(LOG_LEVELS, 'log level "%s" unknown', { numeric: { min: 0, max: 7 } }), 'Syslog level: a number 0-7 or emerg, alert, crit, error, warning, notice, info, debug.'),
      opt('log-prefix', { kind: 'string', maxLength: Number.MAX_SAFE_INTEGER, minLength: 1, keeps: 29 }, 'Text put before the log line; the kernel keeps only the first 29 bytes.'),
      opt('log-tcp-sequence', FLAG, 'Log TCP sequence numbers (readable by local users with log access).'),
      opt('log-tcp-options', FLAG, 'Log the TCP header options.'),
      opt('log-ip-options', FLAG, 'Log the IP header options.'),
      opt('log-uid', FLAG, 'Log the user ID of the socket that sent the packet.'),
      opt('log-macdecode', FLAG, 'Decode the MAC addresses and protocol.'),
    ],
  },
  {
    name: 'NFLOG',
    kind: 'target',
    help: 'Sends the packet to a userspace logger (ulogd) through a netlink group. It is not a verdict.',
    options: [
      opt('nflog-group', U16, 'Netlink group number, 0 to 65535.'),
      // xt_nflog_info holds 63 bytes; iptables-nft hands the kernel's log expression up to 127.
      opt('nflog-prefix', { kind: 'string', maxLength: Number.MAX_SAFE_INTEGER, minLength: 1, keeps: 63, keepsNft: 127 }, 'Prefix for the log message; the kernel keeps the first 63 bytes (127 with iptables-nft).'),
      opt('nflog-range', U32, 'Obsolete and ignored; use --nflog-size.', { excl: ['nflog-size'] }),
      opt('nflog-size', U32, 'Number of bytes of the packet to copy.', { excl: ['nflog-range'] }),
      opt('nflog-threshold', U16, 'Packets to queue in the kernel before sending them.'),
    ],
  },
  {
    name: 'ULOG',
    kind: 'target',
    family: 'ipv4',
    help: 'The predecessor of NFLOG. Linux 3.17 removed it, so current kernels refuse rules that use it.',
    removed: 'the ULOG target was removed from Linux 3.17; use NFLOG',
    options: [
      opt('ulog-nlgroup', num(1, 32), 'Netlink group.'),
      opt('ulog-prefix', str(31), 'Prefix for the log message.'),
      opt('ulog-cprange', U32, 'Bytes to copy.'),
      opt('ulog-qthreshold', num(1, 50), 'Packets to queue.'),
    ],
  },
  {
    name: 'NFQUEUE',
    kind: 'target',
    help: 'Hands the packet to a userspace program (an IPS, for instance) on a numbered queue; that program gives the verdict.',
    options: [
      opt('queue-num', U16, 'Queue number, 0 to 65535.', { excl: ['queue-balance'] }),
      opt('queue-balance', QUEUE_BALANCE, 'Spread flows across the queues `first:last`, first below last.', { excl: ['queue-num'] }),
      opt('queue-bypass', FLAG, 'Accept the packet when no program listens, instead of dropping it.'),
      opt('queue-cpu-fanout', FLAG, 'With --queue-balance: pick the queue by CPU.', { also: ['queue-balance'] }),
    ],
  },
  {
    name: 'MASQUERADE',
    kind: 'target',
    help: 'Source NAT to the address of the outgoing interface, for links with a changing address. Only in nat POSTROUTING.',
    tables: ['nat'],
    hooks: ['POSTROUTING'],
    options: [
      opt('to-ports', MASQUERADE_PORTS, 'Source port or range `first-last` (needs `-p tcp`, `udp`, `sctp` or `dccp`).'),
      opt('random', FLAG, 'Randomize the source port.'),
      opt('random-fully', FLAG, 'Fully randomize the source port.'),
    ],
  },
  {
    name: 'SNAT',
    kind: 'target',
    help: 'Rewrites the source address (and port) of a connection. Only in the nat table, POSTROUTING and INPUT.',
    tables: ['nat'],
    hooks: ['POSTROUTING', 'INPUT'],
    required: ['to-source'],
    options: [
      opt('to-source', SNAT_RANGE, 'New source `addr[-addr][:port[-port]]`; IPv6 addresses go in brackets when a port follows.', { repeated: { releases: NAT_MULTI, message: 'SNAT: Multiple --to-source not supported' } }),
      opt('random', FLAG, 'Randomize the source port.'),
      opt('random-fully', FLAG, 'Fully randomize the source port.'),
      opt('persistent', FLAG, 'Give a client the same address on every connection.'),
    ],
  },
  {
    name: 'DNAT',
    kind: 'target',
    help: 'Rewrites the destination address (and port), as for port forwarding. Only in the nat table, PREROUTING and OUTPUT.',
    tables: ['nat'],
    hooks: ['PREROUTING', 'OUTPUT'],
    required: ['to-destination'],
    options: [
      opt('to-destination', DNAT_RANGE, 'New destination `addr[-addr][:port[-port[/base]]]`.', { repeated: { releases: NAT_MULTI, message: 'DNAT: Multiple --to-destination not supported' } }),
      opt('random', FLAG, 'Randomize the port mapping.'),
      opt('persistent', FLAG, 'Give a client the same destination on every connection.'),
    ],
  },
  {
    name: 'REDIRECT',
    kind: 'target',
    help: 'Sends the packet to the machine itself, to a local port. Only in nat PREROUTING and OUTPUT.',
    tables: ['nat'],
    hooks: ['PREROUTING', 'OUTPUT'],
    options: [
      opt('to-ports', REDIRECT_PORTS, 'Local port or range `first-last` (needs `-p tcp`, `udp`, `sctp` or `dccp`).'),
      opt('random', FLAG, 'Randomize the port.'),
    ],
  },
  {
    name: 'NETMAP',
    kind: 'target',
    help: 'Maps a whole network onto another one address by address, keeping the host part. Only in the nat table.',
    tables: ['nat'],
    required: ['to'],
    options: [opt('to', ADDRESS, 'The network to map to, `addr[/mask]`.')],
  },
  {
    name: 'TPROXY',
    kind: 'target',
    help: 'Transparent proxying: delivers the packet to a local socket without changing its destination. Only in mangle PREROUTING, with `-p tcp` or `udp`.',
    tables: ['mangle'],
    hooks: ['PREROUTING'],
    protocols: ['tcp', 'udp'],
    required: ['on-port'],
    options: [
      opt('on-port', PORT, 'Local port of the proxy; 0 keeps the original port.'),
      opt('on-ip', HOST, 'Local address of the proxy.'),
      opt('tproxy-mark', MARK, 'Mark to set on the packet, `value[/mask]`, for policy routing.'),
    ],
  },
  {
    name: 'MARK',
    kind: 'target',
    help: 'Sets the packet\'s netfilter mark, for policy routing, traffic control or later rules.',
    required: ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark'],
    options: [
      opt('set-xmark', MARK, 'Clear the mask bits, then XOR the value in.', { excl: ['set-mark', 'and-mark', 'or-mark', 'xor-mark'] }),
      opt('set-mark', MARK, 'Clear the mask bits, then OR the value in.', { excl: ['set-xmark', 'and-mark', 'or-mark', 'xor-mark'] }),
      opt('and-mark', U32, 'AND the mark with these bits.', { excl: ['set-xmark', 'set-mark', 'or-mark', 'xor-mark'] }),
      opt('or-mark', U32, 'OR these bits into the mark.', { excl: ['set-xmark', 'set-mark', 'and-mark', 'xor-mark'] }),
      opt('xor-mark', U32, 'XOR these bits into the mark.', { excl: ['set-xmark', 'set-mark', 'and-mark', 'or-mark'] }),
    ],
  },
  {
    name: 'CONNMARK',
    kind: 'target',
    help: 'Sets the mark stored on the connection, or copies marks between the packet and its connection.',
    required: ['set-xmark', 'set-mark', 'save-mark', 'restore-mark', 'and-mark', 'or-mark', 'xor-mark'],
    idOrder: ['set-mark', 'save-mark', 'restore-mark', 'and-mark', 'or-mark', 'xor-mark', 'left-shift-mark', 'right-shift-mark', 'set-xmark', 'ctmask', 'nfmask', 'mask'],
    options: [
      // In the order of libxt_CONNMARK's table: where two options exclude each other, iptables names the one met first.
      opt('set-xmark', MARK, 'Clear the mask bits of the connection mark, then XOR the value in.', { excl: ['set-mark', 'save-mark', 'restore-mark', 'and-mark', 'or-mark', 'xor-mark'] }),
      opt('set-mark', MARK, 'Clear the mask bits of the connection mark, then OR the value in.', { excl: ['set-xmark', 'save-mark', 'restore-mark', 'and-mark', 'or-mark', 'xor-mark'] }),
      opt('and-mark', U32, 'AND the connection mark with these bits.', { excl: ['set-xmark', 'set-mark', 'save-mark', 'restore-mark', 'or-mark', 'xor-mark'] }),
      opt('or-mark', U32, 'OR these bits into the connection mark.', { excl: ['set-xmark', 'set-mark', 'save-mark', 'restore-mark', 'and-mark', 'xor-mark'] }),
      opt('xor-mark', U32, 'XOR these bits into the connection mark.', { excl: ['set-xmark', 'set-mark', 'save-mark', 'restore-mark', 'and-mark', 'or-mark'] }),
      opt('save-mark', FLAG, 'Copy the packet mark to the connection.', { excl: ['set-xmark', 'set-mark', 'restore-mark', 'and-mark', 'or-mark', 'xor-mark'] }),
      opt('restore-mark', FLAG, 'Copy the connection mark to the packet.', { excl: ['set-xmark', 'set-mark', 'save-mark', 'and-mark', 'or-mark', 'xor-mark'] }),
      // iptables takes 0 to 32; the kernel refuses 32 (RULE_APPEND failed), which kb does not tell yet.
      opt('left-shift-mark', num(0, 32), 'Shift the mark left by this many bits as it is copied.'),
      opt('right-shift-mark', num(0, 32), 'Shift the mark right by this many bits as it is copied.'),
      opt('ctmask', U32, 'Mask applied to the connection mark.', { excl: ['mask'] }),
      opt('nfmask', U32, 'Mask applied to the packet mark.', { excl: ['mask'] }),
      opt('mask', U32, 'Bits to copy with --save-mark / --restore-mark.', { excl: ['ctmask', 'nfmask'] }),
    ],
  },
  {
    name: 'CT',
    kind: 'target',
    help: 'Sets up how connection tracking treats the packet: no tracking, a helper, a timeout policy, a zone. Only in the raw table.',
    tables: ['raw'],
    options: [
      opt('notrack', FLAG, 'Do not track this connection.'),
      opt('helper', str(15), 'Conntrack helper to attach, such as ftp.'),
      opt('timeout', str(31), 'Timeout policy created with nfct.'),
      opt('ctevents', oneOf(['new', 'related', 'destroy', 'reply', 'assured', 'protoinfo', 'helper', 'mark', 'natseqinfo', 'secmark'], 'Unknown event type "%s"', { list: true }), 'A comma list of conntrack events to report.'),
      opt('expevents', oneOf(['new'], 'Unknown event type "%s"', { list: true }), 'Expectation events to report: new.'),
      opt('zone-orig', oneOf(['mark'], 'Cannot parse %s as a zone ID', { ignoreCase: true, numeric: { min: 0, max: 65535 } }), 'Zone for the original direction only.'),
      opt('zone-reply', oneOf(['mark'], 'Cannot parse %s as a zone ID', { ignoreCase: true, numeric: { min: 0, max: 65535 } }), 'Zone for the reply direction only.'),
      opt('zone', oneOf(['mark'], 'Cannot parse %s as a zone ID', { ignoreCase: true, numeric: { min: 0, max: 65535 } }), 'Conntrack zone: a number 0-65535, or `mark` for the packet mark.'),
    ],
  },
  {
    name: 'NOTRACK',
    kind: 'target',
    help: 'Exempts the packet from connection tracking (the same as `CT --notrack`). Only in the raw table.',
    tables: ['raw'],
    options: [],
  },
  {
    name: 'TRACE',
    kind: 'target',
    help: 'Traces the packet through every rule it meets (with the nft backend, `nft monitor trace` shows it). With iptables-legacy, only in the raw table.',
    // x_tables registers TRACE for raw; iptables-nft loads it in any table (1.8.9, Linux 6.18).
    legacyTables: ['raw'],
    options: [],
  },
  {
    name: 'TCPMSS',
    kind: 'target',
    help: 'Rewrites the MSS option of TCP SYN packets, to work around broken path-MTU discovery. Needs `-p tcp`.',
    protocols: ['tcp'],
    // xt_TCPMSS's checkentry looks for a tcp match of SYN packets, and skips that under nft_compat.
    legacyNeedsSyn: true,
    required: ['set-mss', 'clamp-mss-to-pmtu'],
    options: [
      // The MSS leaves room for the IP header: 65535 less 20 (IPv4) or 40 (IPv6), as iptables's option table says.
      // Both write the MSS field (libxt_TCPMSS.c, 1.8.9): given together, the last one loads (measured).
      opt('set-mss', num(0, 65515), 'Set the MSS to this value.', { family: 'ipv4', sameField: ['clamp-mss-to-pmtu'] }),
      opt('set-mss', num(0, 65495), 'Set the MSS to this value.', { family: 'ipv6', sameField: ['clamp-mss-to-pmtu'] }),
      opt('clamp-mss-to-pmtu', FLAG, 'Clamp the MSS to the path MTU minus 40 (IPv4) or 60 (IPv6). Only in FORWARD, OUTPUT and POSTROUTING.', { hooks: ['FORWARD', 'OUTPUT', 'POSTROUTING'], sameField: ['set-mss'] }),
    ],
  },
  {
    name: 'TOS',
    kind: 'target',
    help: 'Changes the IPv4 Type of Service byte or the IPv6 traffic class. Only in the mangle table.',
    tables: ['mangle'],
    required: ['set-tos', 'and-tos', 'or-tos', 'xor-tos'],
    options: [
      opt('set-tos', oneOf(TOS_NAMES, 'Symbolic name "%s" is unknown', { ignoreCase: true, numeric: { min: 0, max: 255, slash: true } }), '`value[/mask]` or a name such as Minimize-Delay.', { excl: ['and-tos', 'or-tos', 'xor-tos'] }),
      opt('and-tos', U8, 'AND the field with these bits.', { excl: ['set-tos', 'or-tos', 'xor-tos'] }),
      opt('or-tos', U8, 'OR these bits in.', { excl: ['set-tos', 'and-tos', 'xor-tos'] }),
      opt('xor-tos', U8, 'XOR these bits in.', { excl: ['set-tos', 'and-tos', 'or-tos'] }),
    ],
  },
  {
    name: 'DSCP',
    kind: 'target',
    help: 'Sets the DiffServ code point. Only in the mangle table.',
    tables: ['mangle'],
    required: ['set-dscp', 'set-dscp-class'],
    options: [
      opt('set-dscp', num(0, 63), 'A code point from 0 to 63 (0x3f).', { excl: ['set-dscp-class'] }),
      opt('set-dscp-class', oneOf(DSCP_CLASSES, "Invalid DSCP value `%s'", { ignoreCase: true }), 'A class name: BE, EF, CS0-CS7, AF11-AF43.', { excl: ['set-dscp'] }),
    ],
  },
  ttlTarget('TTL', 'IPv4 time-to-live', 'ipv4'),
  ttlTarget('HL', 'IPv6 hop limit', 'ipv6'),
  {
    name: 'ECN',
    kind: 'target',
    family: 'ipv4',
    help: 'Clears the ECN bits of TCP packets, for paths that drop ECN traffic. Only in the mangle table, with `-p tcp`.',
    tables: ['mangle'],
    protocols: ['tcp'],
    required: ['ecn-tcp-remove'],
    options: [opt('ecn-tcp-remove', FLAG, 'Remove the ECE and CWR bits from the TCP header.')],
  },
  {
    name: 'CLASSIFY',
    kind: 'target',
    help: 'Puts the packet in a traffic-control class. Only from OUTPUT, FORWARD and POSTROUTING.',
    hooks: ['OUTPUT', 'FORWARD', 'POSTROUTING'],
    required: ['set-class'],
    options: [opt('set-class', FREE, 'The class `MAJOR:MINOR`, in hexadecimal.')],
  },
  {
    name: 'SET',
    kind: 'target',
    help: 'Adds the packet\'s addresses to an ipset, or removes them. The set must exist before the rules load.',
    // SET's parser is getopt's (libxt_SET.c, revision 3 in 1.8.9): it ignores `!`, lets the flags
    // repeat, and words its own checks (final-checks.ts). The kernel takes --map-set in mangle only,
    // and sets a packet's priority or queue only from FORWARD, OUTPUT and POSTROUTING.
    options: [
      opt('!add-set', { kind: 'set-flags' }, 'Set name, then the `src`/`dst` list of what to add.', { once: { message: '--add-set can be specified only once' }, object: 'ipset' }),
      opt('!del-set', { kind: 'set-flags' }, 'Set name, then the `src`/`dst` list of what to remove.', { once: { message: '--del-set can be specified only once' }, object: 'ipset' }),
      opt('!map-set', { kind: 'set-flags' }, 'Set name, then the `src`/`dst` list to look up for mapping.', { once: { message: '--map-set can be specified only once' }, tables: ['mangle'], object: 'ipset' }),
      opt('!exist*', FLAG, 'With --add-set: refresh the timeout of an existing entry.'),
      opt('!timeout*', { kind: 'number', min: 0, max: 4294967294, message: 'Invalid value for option --timeout or out of range 0-4294967294' }, 'With --add-set: the entry\'s timeout in seconds.'),
      opt('!map-mark*', FLAG, 'Set the packet mark from the set.'),
      opt('!map-prio*', FLAG, 'Set the priority from the set.', { hooks: ['FORWARD', 'OUTPUT', 'POSTROUTING'] }),
      opt('!map-queue*', FLAG, 'Set the queue from the set.', { hooks: ['FORWARD', 'OUTPUT', 'POSTROUTING'] }),
    ],
  },
  {
    name: 'AUDIT',
    kind: 'target',
    help: 'Writes an audit record for the packet (accept, drop or reject) to the kernel audit log.',
    required: ['type'],
    options: [opt('type', oneOf(['accept', 'drop', 'reject'], 'Bad action type value "%s"', { ignoreCase: true }), 'accept, drop or reject.')],
  },
  {
    name: 'CHECKSUM',
    kind: 'target',
    help: 'Fills in a missing UDP checksum, for old DHCP clients on virtual machines. Only in the mangle table.',
    tables: ['mangle'],
    required: ['checksum-fill'],
    options: [opt('checksum-fill', FLAG, 'Compute and fill in the checksum.')],
  },
  {
    name: 'SECMARK',
    kind: 'target',
    help: 'Sets the SELinux security mark of the packet. Only in the mangle and security tables.',
    tables: ['mangle', 'security'],
    required: ['selctx'],
    options: [opt('selctx', str(255), 'The SELinux context.')],
  },
  {
    name: 'CONNSECMARK',
    kind: 'target',
    help: 'Copies the security mark between the packet and its connection. Only in the mangle and security tables.',
    tables: ['mangle', 'security'],
    required: ['save', 'restore'],
    options: [
      opt('save', FLAG, 'Copy the packet\'s mark to the connection.', { excl: ['restore'] }),
      opt('restore', FLAG, 'Copy the connection\'s mark to the packet.', { excl: ['save'] }),
    ],
  },
  {
    name: 'SYNPROXY',
    kind: 'target',
    help: 'Answers TCP handshakes itself and only opens connections for clients that complete them, against SYN floods. Needs `-p tcp`, in INPUT or FORWARD.',
    protocols: ['tcp'],
    hooks: ['INPUT', 'FORWARD'],
    options: [
      opt('sack-perm', FLAG, 'Announce selective acknowledgements.'),
      opt('timestamp', FLAG, 'Announce timestamps.'),
      opt('wscale', { kind: 'number', min: 0, max: 4294967295, keepsBits: 8 }, 'Window scale to announce.'),
      // iptables reads 32 bits and the kernel keeps 16 (mss) or 8 (wscale) without a check.
      opt('mss', { kind: 'number', min: 0, max: 4294967295, keepsBits: 16 }, 'MSS to announce.'),
      opt('ecn', FLAG, 'Announce ECN.'),
    ],
  },
  {
    name: 'TEE',
    kind: 'target',
    help: 'Copies the packet to another host on the local network (the original goes on).',
    required: ['gateway'],
    options: [
      opt('gateway', HOST, 'Address of the host that receives the copy.'),
      // A string, not an interface: iptables keeps 15 bytes of it, and takes an empty one.
      opt('oif', { kind: 'string', maxLength: Number.MAX_SAFE_INTEGER, keeps: 15, savedBare: 'nonEmpty' }, 'Interface to send the copy by.'),
    ],
  },
  {
    name: 'HMARK',
    kind: 'target',
    help: 'Sets the packet mark from a hash of its addresses and ports, to spread traffic.',
    required: ['hmark-mod'],
    requiredGroups: [['hmark-rnd'], ['hmark-tuple', 'hmark-src-prefix', 'hmark-dst-prefix', 'hmark-sport-mask', 'hmark-dport-mask', 'hmark-spi-mask', 'hmark-proto-mask', 'hmark-sport', 'hmark-dport', 'hmark-spi']],
    options: [
      opt('hmark-tuple', { kind: 'hmark-tuple' }, 'A comma list of src, dst, sport, dport, spi, proto, ct (any prefix of each, in any case).'),
      opt('hmark-src-prefix', { kind: 'group-mask' }, 'Source prefix length (or a mask).'),
      opt('hmark-dst-prefix', { kind: 'group-mask' }, 'Destination prefix length (or a mask).'),
      opt('hmark-sport-mask', U16, 'Source port mask.'),
      opt('hmark-dport-mask', U16, 'Destination port mask.'),
      opt('hmark-spi-mask', U32, 'SPI mask.'),
      opt('hmark-sport', U16, 'Source port value.'),
      opt('hmark-dport', U16, 'Destination port value.'),
      opt('hmark-spi', U32, 'SPI value.'),
      opt('hmark-proto-mask', U16, 'Protocol mask.'),
      opt('hmark-rnd', U32, 'Random seed.'),
      opt('hmark-mod', num(1, 4294967295), 'Modulus of the mark.'),
      opt('hmark-offset', U32, 'Value added to the mark.'),
    ],
  },
  {
    name: 'IDLETIMER',
    kind: 'target',
    help: 'Starts a timer that notifies userspace when no packet has hit the rule for a while.',
    required: ['timeout'],
    requiredGroups: [['label']],
    options: [
      opt('timeout', U32, 'Seconds of idleness before the notification.'),
      // iptables keeps 27 bytes of it; the kernel refuses an empty one (kernel-verdict).
      opt('label', { kind: 'string', maxLength: Number.MAX_SAFE_INTEGER, keeps: 27, savedBare: 'always' }, 'A unique name for the timer; the kernel keeps the first 27 bytes.'),
      opt('alarm', FLAG, 'Use an alarm timer, which wakes the system.'),
    ],
  },
  {
    name: 'LED',
    kind: 'target',
    help: 'Blinks an LED trigger when packets hit the rule.',
    required: ['led-trigger-id'],
    options: [
      opt('led-trigger-id', str(16, 1), 'Suffix of the trigger name (`netfilter-NAME`), at most 16 characters.'),
      opt('led-delay', FREE, 'Milliseconds the LED stays on, or `inf`.'),
      opt('led-always-blink', FLAG, 'Blink even when the LED is already on.'),
    ],
  },
  {
    name: 'RATEEST',
    kind: 'target',
    help: 'Measures the rate of the packets that hit the rule, for the rateest match.',
    required: ['rateest-name'],
    requiredGroups: [['rateest-interval'], ['rateest-ewmalog']],
    options: [
      // iptables keeps 15 bytes of it; the kernel takes an empty one.
      opt('rateest-name', { kind: 'string', maxLength: Number.MAX_SAFE_INTEGER, keeps: 15, savedBare: 'always' }, 'Name of the estimator; the kernel keeps the first 15 bytes.'),
      opt('rateest-interval', FREE, 'Measurement interval, such as 250ms (at most 8s).'),
      opt('rateest-ewmalog', FREE, 'Averaging time constant, such as 1s: it must be more than the interval.'),
    ],
  },
  {
    name: 'TCPOPTSTRIP',
    kind: 'target',
    help: 'Removes the given options from TCP headers. Only in the mangle table, with `-p tcp`.',
    tables: ['mangle'],
    protocols: ['tcp'],
    // Its parser also refuses 0 and 1 and an option named twice (final-checks.ts, PARSE_CHECKS).
    options: [opt('strip-options', oneOf(TCP_OPTION_NAMES, 'Bad TCP option value "%s"', { list: true, numeric: { min: 0, max: 255 } }), 'A comma list of option names or numbers (2-255): mss, wscale, sack-permitted, sack, timestamp, md5.')],
  },
  {
    name: 'DNPT',
    kind: 'target',
    family: 'ipv6',
    help: 'Stateless IPv6 destination prefix translation (RFC 6296). Only in the mangle table, PREROUTING and OUTPUT.',
    tables: ['mangle'],
    hooks: ['PREROUTING', 'OUTPUT'],
    required: ['src-pfx'],
    requiredGroups: [['dst-pfx']],
    options: [
      opt('src-pfx', { kind: 'prefix' }, 'The prefix to translate from, `addr/length`.'),
      opt('dst-pfx', { kind: 'prefix' }, 'The prefix to translate to, `addr/length`.'),
    ],
  },
  {
    name: 'SNPT',
    kind: 'target',
    family: 'ipv6',
    help: 'Stateless IPv6 source prefix translation (RFC 6296). Only in the mangle table, INPUT and POSTROUTING.',
    tables: ['mangle'],
    hooks: ['INPUT', 'POSTROUTING'],
    required: ['src-pfx'],
    requiredGroups: [['dst-pfx']],
    options: [
      opt('src-pfx', { kind: 'prefix' }, 'The prefix to translate from, `addr/length`.'),
      opt('dst-pfx', { kind: 'prefix' }, 'The prefix to translate to, `addr/length`.'),
    ],
  },
];

