// Matches of iptables 1.8 (`-m NAME`), their options, and what the kernel requires of them.
// Help texts are ours; option names, forms and limits follow iptables' behaviour.
import { ADDRESS, FLAG, FREE, MARK, PORT, PORT_RANGE, PROTO, U16, U32, U8, num, oneOf, opt } from './define';
import type { ArgForm } from './forms';
import type { Releases } from './releases';
import { PORT_PROTOCOLS } from './protocols';
import type { ExtensionSpec, OptionSpec } from './types';

const ICMP_TYPES = [
  'any', 'echo-reply', 'pong', 'destination-unreachable', 'network-unreachable', 'host-unreachable',
  'protocol-unreachable', 'port-unreachable', 'fragmentation-needed', 'source-route-failed', 'network-unknown',
  'host-unknown', 'network-prohibited', 'host-prohibited', 'TOS-network-unreachable', 'TOS-host-unreachable',
  'communication-prohibited', 'host-precedence-violation', 'precedence-cutoff', 'source-quench', 'redirect',
  'network-redirect', 'host-redirect', 'TOS-network-redirect', 'TOS-host-redirect', 'echo-request', 'ping',
  'router-advertisement', 'router-solicitation', 'time-exceeded', 'ttl-exceeded', 'ttl-zero-during-transit',
  'ttl-zero-during-reassembly', 'parameter-problem', 'ip-header-bad', 'required-option-missing',
  'timestamp-request', 'timestamp-reply', 'address-mask-request', 'address-mask-reply',
];

export const ICMP6_TYPES = [
  'destination-unreachable', 'no-route', 'communication-prohibited', 'beyond-scope', 'address-unreachable',
  'port-unreachable', 'failed-policy', 'reject-route', 'packet-too-big', 'time-exceeded', 'ttl-exceeded',
  'ttl-zero-during-transit', 'ttl-zero-during-reassembly', 'parameter-problem', 'bad-header',
  'unknown-header-type', 'unknown-option', 'echo-request', 'ping', 'echo-reply', 'pong', 'router-solicitation',
  'router-advertisement', 'neighbour-solicitation', 'neighbor-solicitation', 'neighbour-advertisement',
  'neighbor-advertisement', 'redirect',
];

export const CT_STATES = ['INVALID', 'ESTABLISHED', 'NEW', 'RELATED', 'UNTRACKED', 'SNAT', 'DNAT'];
// libxt_addrtype.c (1.8.9): a case-insensitive prefix names the first type it begins; an item before
// the last is refused with other quotes.
const ADDRTYPE_LIST = { list: true, prefix: 'first', rest: true, listMessage: "addrtype: bad type `%s'" } as const;
const ADDR_TYPES = ['UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE'];
export const DSCP_CLASSES = ['CS0', 'CS1', 'CS2', 'CS3', 'CS4', 'CS5', 'CS6', 'CS7', 'BE', 'AF11', 'AF12', 'AF13', 'AF21', 'AF22', 'AF23', 'AF31', 'AF32', 'AF33', 'AF41', 'AF42', 'AF43', 'EF'];
export const TOS_NAMES = ['Minimize-Delay', 'Maximize-Throughput', 'Maximize-Reliability', 'Minimize-Cost', 'Normal-Service'];
const TCP_FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'URG', 'PSH', 'ALL', 'NONE'];
// Its words keep libxt_tcp.c's two spaces before "allowed".
const TCP_FLAGS_ONCE = (other: string): { message: string; with: readonly string[] } => ({ message: "Only one of `--syn' or `--tcp-flags'  allowed", with: [other] });
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * A match of source and destination ports. `longFirst`: its option table lists `--source-port` before
 * `--sport` (udp's), so libxtables names the options by their long spellings in its messages.
 */
const portMatch = (name: string, proto: string, extra: string, form: ArgForm = PORT_RANGE, longFirst = false): ExtensionSpec => ({
  name,
  kind: 'match',
  help: `Matches ${extra} by source and destination port. iptables loads it by itself after \`-p ${proto}\`.`,
  protocols: [name],
  options: [
    opt('!sport,source-port', form, 'Source port or range `first:last`; an empty side means 0 or 65535.', longFirst ? { printed: 'source-port' } : {}),
    opt('!dport,destination-port', form, 'Destination port or range `first:last`; an empty side means 0 or 65535.', longFirst ? { printed: 'destination-port' } : {}),
  ],
});

const DSCP_VALUE: ArgForm = num(0, 63);
const TOS_FORM = oneOf(TOS_NAMES, 'Symbolic name "%s" is unknown', { ignoreCase: true, numeric: { min: 0, max: 255, slash: true } });
// Release facts (kb/releases.ts). The ranges libxtables reads (XTTYPE_*RC: SPIs, fragment id,
// segments left, ctexpire, length; XTTYPE_PORTRC: udp, dccp and conntrack ports) load backwards
// (`4:3`, matching nothing) up to 1.8.10, as 1.8.9 does here; 1.8.11's libxtables refuses them
// (upstream commits "xtoptions: Assert ranges are monotonic increasing", "Reject negative port ranges").
const BACKWARDS_LOAD: Releases = { before: '1.8.11' };
const SPI: ArgForm = { kind: 'number-range', min: 0, max: 4294967295, backwardsOk: BACKWARDS_LOAD };
const XT_PORT_RANGE: ArgForm = { kind: 'port-range', backwardsOk: BACKWARDS_LOAD };
const CT_PORT = XT_PORT_RANGE;
// ip6tables 1.8.10 added names for the MLD types 130-132 (upstream commit "libip6t_icmp: Add names
// for mld-listener types"); 1.8.9, Debian 12's, refuses them (seen here). The numbers load in every release.
const MLD_NAMES = ['mld-listener-query', 'mld-listener-report', 'mld-listener-done', 'mld-listener-reduction'];
const MLD_SINCE: Releases = { since: '1.8.10' };
const MLD_RELEASES: Readonly<Record<string, Releases>> = Object.fromEntries(MLD_NAMES.map((n) => [n, MLD_SINCE]));
const HASHLIMIT_RATE: ArgForm = { kind: 'hashlimit-rate' };
// libxt_hashlimit.c (1.8.9) reads its masks as XTTYPE_PLEN: a length up to the family's bits, or a mask.
const HASHLIMIT_MASK: ArgForm = { kind: 'group-mask', lengthOnly: true };
// sctp's chunk names with the letters of their flags ('-' for an unused bit, which the parser also
// takes), in the source's order; I_DATA, RE_CONFIG, PAD and I_FORWARD_TSN came with 1.8.9 (upstream
// 6b04d9c3 "xt_sctp: support a couple of new chunk types").
const SCTP_NEW: Releases = { since: '1.8.9' };
const SCTP_CHUNKS: ArgForm = {
  kind: 'sctp-chunks',
  chunks: [
    ['DATA', '----IUBE'], ['INIT', '--------'], ['INIT_ACK', '--------'], ['SACK', '--------'], ['HEARTBEAT', '--------'],
    ['HEARTBEAT_ACK', '--------'], ['ABORT', '-------T'], ['SHUTDOWN', '--------'], ['SHUTDOWN_ACK', '--------'],
    ['ERROR', '--------'], ['COOKIE_ECHO', '--------'], ['COOKIE_ACK', '--------'], ['ECN_ECNE', '--------'],
    ['ECN_CWR', '--------'], ['SHUTDOWN_COMPLETE', '-------T'], ['I_DATA', '----IUBE'], ['RE_CONFIG', '--------'],
    ['PAD', '--------'], ['ASCONF', '--------'], ['ASCONF_ACK', '--------'], ['FORWARD_TSN', '--------'], ['I_FORWARD_TSN', '--------'],
  ],
  releases: { I_DATA: SCTP_NEW, RE_CONFIG: SCTP_NEW, PAD: SCTP_NEW, I_FORWARD_TSN: SCTP_NEW },
};
// conntrack --ctproto 0 never matches (and `! 0` always does): refused since 1.8.10 (upstream
// 2e704f6d "extensions: Fix checking of conntrack --ctproto 0"); 1.8.9 loads both (seen here).
const CTPROTO_NONZERO: Releases = { since: '1.8.10' };
// pkttype's otherhost was commented out of its list until 1.8.9 (0da2d1a3 "libxt_pkttype: support otherhost").
const PKTTYPE_RELEASES: Readonly<Record<string, Releases>> = { otherhost: { since: '1.8.9' } };
// libxt_conntrack.c (1.8.9): states and status bits by a case-insensitive prefix, the first that fits;
// the message names the list from the refused item on.
const CT_LIST = { list: true, prefix: 'first', rest: true } as const;
// The state match (not conntrack's revision 3) has a word of its own for a list that ends in a comma.
const TRAILING_STATES = (option: string): string => `"--${option}" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED`;
// A bridge port: libxt_physdev reads it with xtables_parse_interface, which takes an empty name.
const BRIDGE_PORT: ArgForm = { kind: 'interface', emptyOk: true };
// ip6tables's names of the mobility header types (libip6t_mh.c), with their short forms.
const MH_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['binding-refresh-request', 0], ['brr', 0], ['home-test-init', 1], ['hoti', 1], ['careof-test-init', 2], ['coti', 2],
  ['home-test', 3], ['hot', 3], ['careof-test', 4], ['cot', 4], ['binding-update', 5], ['bu', 5],
  ['binding-acknowledgement', 6], ['ba', 6], ['binding-error', 7], ['be', 7],
];
const MH_TYPES: ArgForm = { kind: 'number-range', min: 0, max: 255, ownParser: true, names: MH_NAMES, message: 'Invalid MH type `%s\'', backwards: 'Invalid MH type range (min > max)' };
// devgroup reads group names from /etc/iproute2/group (an lmap); iproute2's own file names group 0
// `default`. Names a machine adds there are outside the rules file: the kb knows iproute2's.
const DEVGROUP: ArgForm = { kind: 'value-mask', bits: 32, names: ['default'] };

/** set's counter options: one of `--NAME-eq`/`-lt`/`-gt` each for packets and bytes, 64-bit, only `-eq` negated. */
function counterOptions(name: string, what: string): OptionSpec[] {
  const form: ArgForm = { kind: 'u64', message: 'Cannot parse %s as a counter value' };
  const once = { message: `only one of the --${name}-[eq|lt|gt] is allowed`, with: [`${name}-eq`, `${name}-lt`, `${name}-gt`] };
  return [
    opt(`!${name}-eq`, form, `Match if the element's ${what} counter equals this.`, { once }),
    opt(`${name}-lt`, form, `Match if the element's ${what} counter is below this.`, { once, invertMessage: `--${name}-lt option cannot be inverted` }),
    opt(`${name}-gt`, form, `Match if the element's ${what} counter is above this.`, { once, invertMessage: `--${name}-gt option cannot be inverted` }),
  ];
}

export const MATCHES: readonly ExtensionSpec[] = [
  {
    ...portMatch('tcp', 'tcp', 'TCP packets'),
    protocolMessage: "TCP match requires '-p tcp'",
    options: [
      // libxt_tcp.c (1.8.9) parses with getopt and refuses a repeated option in its own words, where
      // `--syn` and `--tcp-flags` take one place.
      ...portMatch('tcp', 'tcp', '').options.map((o) => ({ ...o, once: { message: `Only one \`--${o.aliases[0]}' allowed` } })),
      opt('!syn', FLAG, 'Only the first packet of a connection: SYN set, and ACK, RST and FIN clear.', { excl: ['tcp-flags'], once: TCP_FLAGS_ONCE('tcp-flags') }),
      opt('!tcp-flags', { kind: 'flag-list', values: TCP_FLAGS, args: 2 }, 'Two comma lists: the flags to examine, then those that must be set among them, as in `SYN,ACK,FIN,RST SYN`.', { excl: ['syn'], once: TCP_FLAGS_ONCE('syn') }),
      // libxt_tcp.c (1.8.9) reads it with xtables_strtoui from 1 to 255.
      opt('!tcp-option', { kind: 'number', min: 1, max: 255, message: 'Bad TCP option "%s"' }, 'Matches when the TCP option with this number (1 to 255) is present.', { once: { message: "Only one `--tcp-option' allowed" } }),
    ],
  },
  portMatch('udp', 'udp', 'UDP datagrams', XT_PORT_RANGE, true),
  // No udplite match: iptables 1.8.7 to 1.8.11 have none (`-m udplite` is "Couldn't load match
  // `udplite'", and `-p udplite --dport` an unknown option); -p udplite works with multiport.
  {
    name: 'sctp',
    kind: 'match',
    help: 'Matches SCTP packets by port and chunk type. Loaded by itself after `-p sctp`.',
    protocols: ['sctp'],
    options: [
      // sctp's parser is getopt's, with its own words for an option given again.
      opt('!sport,source-port', PORT_RANGE, 'Source port or range.', { once: { message: "Only one `--source-port' allowed" } }),
      opt('!dport,destination-port', PORT_RANGE, 'Destination port or range.', { once: { message: "Only one `--destination-port' allowed" } }),
      opt('!chunk-types', SCTP_CHUNKS, '`all`, `any` or `only`, then a comma list of chunk types, each with optional flags.', { once: { message: "Only one `--chunk-types' allowed" } }),
    ],
  },
  {
    name: 'dccp',
    kind: 'match',
    help: 'Matches DCCP packets by port, packet type or option. Loaded by itself after `-p dccp`.',
    protocols: ['dccp'],
    options: [
      opt('!sport,source-port', XT_PORT_RANGE, 'Source port or range.', { printed: 'source-port' }),
      opt('!dport,destination-port', XT_PORT_RANGE, 'Destination port or range.', { printed: 'destination-port' }),
      opt('!dccp-types', oneOf(['REQUEST', 'RESPONSE', 'DATA', 'ACK', 'DATAACK', 'CLOSEREQ', 'CLOSE', 'RESET', 'SYNC', 'SYNCACK', 'INVALID'], 'Unknown DCCP type `%s\'', { list: true, ignoreCase: true, tokens: ',' }), 'A comma list of DCCP packet types.'),
      opt('!dccp-option', num(1, 255), 'Matches when the DCCP option with this number is present.'),
    ],
  },
  {
    name: 'icmp',
    kind: 'match',
    family: 'ipv4',
    help: 'Matches ICMP messages by type and code. Loaded by itself after `-p icmp`.',
    protocols: ['icmp'],
    required: ['icmp-type'],
    options: [
      opt('!icmp-type', oneOf(ICMP_TYPES, "Unknown ICMP type `%s'", { icmp: 'ICMP' }), 'A type name such as `echo-request`, or `type[/code]` in numbers.'),
    ],
  },
  {
    name: 'icmp6',
    kind: 'match',
    family: 'ipv6',
    help: 'Matches ICMPv6 messages by type and code. Loaded by itself after `-p icmpv6` (`ipv6-icmp`).',
    protocols: ['icmp6'],
    required: ['icmpv6-type'],
    options: [
      opt('!icmpv6-type', oneOf([...ICMP6_TYPES, ...MLD_NAMES], "Unknown ICMPv6 type `%s'", { icmp: 'ICMPv6', releases: MLD_RELEASES }), 'A type name such as `neighbour-solicitation`, or `type[/code]` in numbers.'),
    ],
  },
  {
    name: 'multiport',
    kind: 'match',
    help: 'Matches up to 15 ports or ranges in one rule (a range counts twice). Needs `-p tcp`, `udp`, `udplite`, `sctp` or `dccp`.',
    protocols: PORT_PROTOCOLS,
    protocolMessage: "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'",
    required: ['sports', 'dports', 'ports'],
    options: [
      opt('!sports,source-ports', { kind: 'port-list', max: 15 }, 'A comma list of source ports or ranges `first:last`.', { excl: ['dports', 'ports'], printed: 'source-ports' }),
      opt('!dports,destination-ports', { kind: 'port-list', max: 15 }, 'A comma list of destination ports or ranges `first:last`.', { excl: ['sports', 'ports'], printed: 'destination-ports' }),
      opt('!ports', { kind: 'port-list', max: 15 }, 'A comma list of ports matched against either the source or the destination port.', { excl: ['sports', 'dports'] }),
    ],
  },
  {
    name: 'conntrack',
    kind: 'match',
    help: 'Matches on connection tracking: the state of the connection, its original or reply addresses, its status and remaining lifetime.',
    needsOption: true,
    options: [
      opt('!ctstate', oneOf(CT_STATES, 'Bad ctstate "%s"', CT_LIST), 'A comma list of states: NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED, SNAT, DNAT.'),
      opt('!ctproto', { kind: 'protocol', caseSensitive: true, nonzero: CTPROTO_NONZERO }, 'The layer-4 protocol of the connection, by name or number (0 is refused since 1.8.10).'),
      opt('!ctorigsrc', ADDRESS, 'Source address of the original direction.'),
      opt('!ctorigdst', ADDRESS, 'Destination address of the original direction.'),
      opt('!ctreplsrc', ADDRESS, 'Source address of the reply direction.'),
      opt('!ctrepldst', ADDRESS, 'Destination address of the reply direction.'),
      opt('!ctstatus', oneOf(['NONE', 'EXPECTED', 'SEEN_REPLY', 'ASSURED', 'CONFIRMED'], 'Bad ctstatus "%s"', CT_LIST), 'A comma list of status bits: NONE, EXPECTED, SEEN_REPLY, ASSURED, CONFIRMED.'),
      opt('!ctexpire', { kind: 'number-range', min: 0, max: 4294967295, backwardsOk: BACKWARDS_LOAD }, 'Remaining lifetime in seconds, or a range `min:max`.'),
      opt('!ctorigsrcport', CT_PORT, 'Source port (or range) of the original direction.'),
      opt('!ctorigdstport', CT_PORT, 'Destination port (or range) of the original direction.'),
      opt('!ctreplsrcport', CT_PORT, 'Source port (or range) of the reply direction.'),
      opt('!ctrepldstport', CT_PORT, 'Destination port (or range) of the reply direction.'),
      opt('ctdir', oneOf(['ORIGINAL', 'REPLY'], 'conntrack: Bad value for "--ctdir" option: "%s"', { ignoreCase: true }), 'Only packets of this direction: ORIGINAL or REPLY.'),
    ],
  },
  {
    name: 'state',
    kind: 'match',
    help: 'The old name of `-m conntrack --ctstate`: matches the connection tracking state. The kernel runs it as conntrack.',
    required: ['state'],
    options: [
      opt('!state', oneOf(['INVALID', 'NEW', 'ESTABLISHED', 'RELATED', 'UNTRACKED'], 'Bad state "%s"', { ...CT_LIST, trailing: TRAILING_STATES('state') }), 'A comma list of states: NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED.'),
    ],
  },
  {
    name: 'comment',
    kind: 'match',
    help: 'Attaches a comment to the rule; it always matches. `iptables -L` and `iptables-save` show the comment.',
    required: ['comment'],
    // iptables 1.8.9 keeps the first 255 bytes of a longer comment (xt_comment_info's field) and says nothing.
    options: [opt('comment', { kind: 'string', maxLength: Number.MAX_SAFE_INTEGER, keeps: 255 }, 'The comment text; the kernel keeps the first 255 bytes.')],
  },
  {
    name: 'limit',
    kind: 'match',
    help: 'Matches at most an average rate of packets, with a burst allowance: a token bucket shared by every packet the rule sees.',
    options: [
      opt('limit', { kind: 'rate' }, 'Average rate, such as `3/minute` (`second`, `minute`, `hour`, `day`); the default is 3/hour.'),
      opt('limit-burst', num(0, 10000), 'How many packets may match in a burst before the rate applies; the default is 5.'),
    ],
  },
  {
    name: 'hashlimit',
    kind: 'match',
    help: 'Like `limit`, but with one token bucket per source or destination (address, port or both), kept in a named table.',
    required: ['hashlimit-upto', 'hashlimit-above'],
    requiredGroups: [['hashlimit-name']],
    options: [
      opt('!hashlimit-upto,hashlimit', HASHLIMIT_RATE, 'Match while the rate stays at or below this, such as `10/sec` or `1mb/s`.', { excl: ['hashlimit-above'] }),
      opt('!hashlimit-above', HASHLIMIT_RATE, 'Match when the rate goes above this.', { excl: ['hashlimit-upto'] }),
      opt('hashlimit-srcmask', HASHLIMIT_MASK, 'Group source addresses by this prefix length.'),
      opt('hashlimit-dstmask', HASHLIMIT_MASK, 'Group destination addresses by this prefix length.'),
      opt('hashlimit-burst', { kind: 'hashlimit-burst' }, 'Burst size, up to 1000000 packets; the default is 5. With a byte rate, bytes such as `400kb`.'),
      // The kernel's xt_hashlimit lowers both to HASHLIMIT_MAX_SIZE, 1048576 ("size too large, truncated").
      opt('hashlimit-htable-size', { kind: 'number', min: 0, max: 4294967295, clampsAt: 1048576 }, 'Number of hash buckets, up to 1048576 (the kernel lowers more to that).'),
      opt('hashlimit-htable-max', { kind: 'number', min: 0, max: 4294967295, clampsAt: 1048576 }, 'Maximum number of entries, up to 1048576 (the kernel lowers more to that).'),
      opt('hashlimit-htable-gcinterval', U32, 'Milliseconds between garbage collections.'),
      opt('hashlimit-htable-expire', U32, 'Milliseconds after which an idle entry expires.'),
      opt('hashlimit-mode', oneOf(['srcip', 'srcport', 'dstip', 'dstport'], 'hashlimit: Bad value for "--hashlimit-mode" option: "%s"', { list: true, tokens: ',|', whole: true }), 'What keys a bucket: a comma list of srcip, srcport, dstip, dstport.'),
      // 1.8.9 keeps the first 254 bytes of a longer name (NAME_MAX less the NUL), seen here.
      opt('hashlimit-name', { kind: 'string', maxLength: Number.MAX_SAFE_INTEGER, minLength: 1, keeps: 254 }, 'Name of the table, shown in /proc/net/ipt_hashlimit/; the kernel keeps the first 254 bytes.'),
      opt('hashlimit-rate-match', FLAG, 'Classify flows by their rate instead of limiting them.'),
      // Read with atoi, which must give more than 0 (libxt_hashlimit.c's parse_interval).
      opt('hashlimit-rate-interval', { kind: 'number', min: 1, max: 2147483647, atoi: true, message: 'hashlimit: Bad value for "--hashlimit-rate-interval" option: "%s"' }, 'Seconds between rate samples for `--hashlimit-rate-match`.'),
    ],
  },
  {
    name: 'recent',
    kind: 'match',
    // One of --set, --rcheck, --update, --remove: recent's own final check asks for it, in its words (final-checks.ts).
    help: 'Keeps a named list of recently seen addresses: `--set` adds the packet\'s address, `--rcheck`/`--update` test it, often to slow down brute-force logins.',
    options: [
      opt('!set', FLAG, 'Add the address to the list; always matches.', { excl: ['rcheck', 'update', 'remove'] }),
      opt('!rcheck', FLAG, 'Match if the address is in the list.', { excl: ['set', 'update', 'remove'] }),
      opt('!update', FLAG, 'Like `--rcheck`, and refresh the last-seen time.', { excl: ['set', 'rcheck', 'remove'] }),
      opt('!remove', FLAG, 'Match if the address is in the list, and remove it.', { excl: ['set', 'rcheck', 'update'] }),
      opt('seconds', num(1, 4294967295), 'With `--rcheck`/`--update`: only entries seen within this many seconds.'),
      opt('reap', FLAG, 'With `--seconds`: purge entries older than that.', { also: ['seconds'] }),
      opt('hitcount', U32, 'With `--rcheck`/`--update`: only addresses seen at least this many times, up to 255 (the kernel refuses more).'),
      opt('rttl', FLAG, 'Also compare the TTL with the one recorded.', { excl: ['set', 'remove'] }),
      // 1.8.9 keeps the first 199 bytes of a longer name (XT_RECENT_NAME_LEN less the NUL), seen here.
      opt('name', { kind: 'string', maxLength: Number.MAX_SAFE_INTEGER, keeps: 199 }, 'The list to use; the default is DEFAULT. The kernel keeps the first 199 bytes.'),
      opt('rsource', FLAG, 'Record and test the source address (the default).'),
      opt('rdest', FLAG, 'Record and test the destination address.'),
      opt('mask', { kind: 'host' }, 'A netmask, written as an address, applied to addresses before they are recorded.'),
    ],
  },
  {
    name: 'connlimit',
    kind: 'match',
    help: 'Matches by the number of connections a host (or network) already has open.',
    required: ['connlimit-upto', 'connlimit-above'],
    options: [
      opt('!connlimit-upto', U32, 'Match while the count is at most this; negated, above it.', { excl: ['connlimit-above'] }),
      opt('!connlimit-above', U32, 'Match when the count is above this; negated, at most this.', { excl: ['connlimit-upto'] }),
      opt('connlimit-mask', { kind: 'group-mask' }, 'Group hosts by this prefix length.'),
      opt('connlimit-saddr', FLAG, 'Count per source address (the default).', { excl: ['connlimit-daddr'] }),
      opt('connlimit-daddr', FLAG, 'Count per destination address.', { excl: ['connlimit-saddr'] }),
    ],
  },
  {
    name: 'iprange',
    kind: 'match',
    help: 'Matches a source or destination address inside an arbitrary range `first-last`, not just a prefix.',
    needsOption: true,
    options: [
      opt('!src-range', { kind: 'address-range' }, 'Source addresses `first-last`.'),
      opt('!dst-range', { kind: 'address-range' }, 'Destination addresses `first-last`.'),
    ],
  },
  {
    name: 'mac',
    kind: 'match',
    help: 'Matches the source MAC address of Ethernet frames; only meaningful in PREROUTING, INPUT and FORWARD.',
    required: ['mac-source'],
    hooks: ['PREROUTING', 'INPUT', 'FORWARD'],
    options: [opt('!mac-source', { kind: 'mac' }, 'The address as `XX:XX:XX:XX:XX:XX`.')],
  },
  {
    name: 'owner',
    kind: 'match',
    help: 'Matches locally generated packets by the user, group or socket that sent them. The kernel allows it only in OUTPUT and POSTROUTING.',
    hooks: ['OUTPUT', 'POSTROUTING'],
    needsOption: true,
    options: [
      opt('!uid-owner', FREE, 'A user name or UID, or a range `first-last`.'),
      opt('!gid-owner', FREE, 'A group name or GID, or a range `first-last`.'),
      opt('!socket-exists', FLAG, 'Match if the packet has a local socket.'),
      // iptables 1.8.9 wants --gid-owner before it in the rule (a check of its own, final-checks.ts).
      opt('suppl-groups', FLAG, 'After `--gid-owner`: also match supplementary groups.'),
    ],
  },
  {
    name: 'set',
    kind: 'match',
    help: 'Matches addresses or ports against an ipset. The set must exist (`ipset create`) before the rules load.',
    // set's parser is getopt's (libxt_set.c, revision 4 in 1.8.9): an option may repeat unless the
    // parser says otherwise, `!` is taken unless it says otherwise, and its own final check asks for
    // --match-set (set.ts's own check, final-checks.ts).
    options: [
      opt('!match-set', { kind: 'set-flags' }, 'The set\'s name, then a comma list of `src`/`dst` saying which address each dimension takes.', { once: { message: '--match-set can be specified only once' }, object: 'ipset' }),
      opt('return-nomatch*', FLAG, 'With sets that support it: match elements marked nomatch.', { invertMessage: '--return-nomatch flag cannot be inverted' }),
      opt('!update-counters*', FLAG, 'Update the set\'s packet and byte counters (the default).'),
      opt('!update-subcounters*', FLAG, 'Update the counters of member sets of a list:set.'),
      ...counterOptions('packets', 'packet'),
      ...counterOptions('bytes', 'byte'),
    ],
  },
  {
    name: 'addrtype',
    kind: 'match',
    help: 'Matches the kind of address as the routing table sees it: LOCAL, UNICAST, BROADCAST, MULTICAST and so on.',
    required: ['src-type', 'dst-type'],
    options: [
      opt('!src-type', oneOf(ADDR_TYPES, 'addrtype: bad type "%s"', ADDRTYPE_LIST), 'A comma list of source address types.'),
      opt('!dst-type', oneOf(ADDR_TYPES, 'addrtype: bad type "%s"', ADDRTYPE_LIST), 'A comma list of destination address types.'),
      opt('limit-iface-in', FLAG, 'Only look up the incoming interface (PREROUTING, INPUT, FORWARD).', { excl: ['limit-iface-out'] }),
      opt('limit-iface-out', FLAG, 'Only look up the outgoing interface (OUTPUT, FORWARD, POSTROUTING).', { excl: ['limit-iface-in'] }),
    ],
  },
  {
    name: 'pkttype',
    kind: 'match',
    help: 'Matches the link-layer packet type: unicast, broadcast or multicast.',
    required: ['pkt-type'],
    options: [opt('!pkt-type', oneOf(['unicast', 'broadcast', 'multicast', 'host', 'otherhost'], "Bad packet type '%s'", { ignoreCase: true, releases: PKTTYPE_RELEASES }), 'unicast, broadcast or multicast.')],
  },
  {
    name: 'physdev',
    kind: 'match',
    help: 'Matches the bridge ports a bridged packet came in on or goes out of (needs br_netfilter).',
    needsOption: true,
    options: [
      opt('!physdev-in', BRIDGE_PORT, 'The bridge port the packet arrived on; `+` at the end matches a prefix.'),
      opt('!physdev-out', BRIDGE_PORT, 'The bridge port the packet will leave by.'),
      opt('!physdev-is-in', FLAG, 'The packet arrived on a bridge port.'),
      opt('!physdev-is-out', FLAG, 'The packet will leave by a bridge port.'),
      opt('!physdev-is-bridged', FLAG, 'The packet is being bridged, not routed.'),
    ],
  },
  {
    name: 'length',
    kind: 'match',
    help: 'Matches the length of the layer-3 packet (IP header included).',
    required: ['length'],
    options: [opt('!length', { kind: 'number-range', min: 0, max: 65535, backwardsOk: BACKWARDS_LOAD }, 'A length or range `min:max` in bytes.')],
  },
  {
    name: 'ttl',
    kind: 'match',
    family: 'ipv4',
    help: 'Matches the IPv4 time-to-live field.',
    needsOption: true,
    options: [
      // In the option table's order (lt, gt, eq): libxtables names the pair it refuses in that order.
      opt('ttl-lt', U8, 'TTL is less than this.', { excl: ['ttl-eq', 'ttl-gt'] }),
      opt('ttl-gt', U8, 'TTL is greater than this.', { excl: ['ttl-eq', 'ttl-lt'] }),
      opt('!ttl-eq', U8, 'TTL equals this.', { excl: ['ttl-lt', 'ttl-gt'] }),
    ],
  },
  {
    name: 'hl',
    kind: 'match',
    family: 'ipv6',
    help: 'Matches the IPv6 hop limit field.',
    needsOption: true,
    options: [
      // In the option table's order (lt, gt, eq): libxtables names the pair it refuses in that order.
      opt('hl-lt', U8, 'Hop limit is less than this.', { excl: ['hl-eq', 'hl-gt'] }),
      opt('hl-gt', U8, 'Hop limit is greater than this.', { excl: ['hl-eq', 'hl-lt'] }),
      opt('!hl-eq', U8, 'Hop limit equals this.', { excl: ['hl-lt', 'hl-gt'] }),
    ],
  },
  {
    name: 'tos',
    kind: 'match',
    help: 'Matches the IPv4 Type of Service byte or the IPv6 traffic class, by value/mask or by a symbolic name.',
    required: ['tos'],
    options: [opt('!tos', TOS_FORM, '`value[/mask]`, or a name such as Minimize-Delay.')],
  },
  {
    name: 'dscp',
    kind: 'match',
    help: 'Matches the 6-bit DiffServ code point, by number or by class name.',
    required: ['dscp', 'dscp-class'],
    options: [
      opt('!dscp', DSCP_VALUE, 'A code point from 0 to 63 (0x3f).', { excl: ['dscp-class'] }),
      opt('!dscp-class', oneOf(DSCP_CLASSES, "Invalid DSCP value `%s'", { ignoreCase: true }), 'A class name: BE, EF, CS0-CS7, AF11-AF43.', { excl: ['dscp'] }),
    ],
  },
  {
    name: 'ecn',
    kind: 'match',
    help: 'Matches the ECN bits of the IP header and the TCP CWR/ECE flags.',
    needsOption: true,
    options: [
      opt('!ecn-tcp-cwr', FLAG, 'TCP CWR flag set (needs `-p tcp`).', { protocols: ['tcp'] }),
      opt('!ecn-tcp-ece', FLAG, 'TCP ECE flag set (needs `-p tcp`).', { protocols: ['tcp'] }),
      opt('!ecn-ip-ect', num(0, 3), 'ECN code point of the IP header, 0 to 3.'),
    ],
  },
  {
    name: 'mark',
    kind: 'match',
    help: 'Matches the packet\'s netfilter mark (set by `-j MARK`), with an optional mask.',
    required: ['mark'],
    options: [opt('!mark', MARK, '`value[/mask]`: the mark ANDed with mask must equal value.')],
  },
  {
    name: 'connmark',
    kind: 'match',
    help: 'Matches the mark stored on the connection (set by `-j CONNMARK`).',
    required: ['mark'],
    options: [opt('!mark', MARK, '`value[/mask]` compared with the connection mark.')],
  },
  {
    name: 'string',
    kind: 'match',
    help: 'Searches the packet for a byte string with the Boyer-Moore or Knuth-Pratt-Morris algorithm.',
    required: ['algo'],
    requiredGroups: [['string', 'hex-string']],
    options: [
      opt('from', U16, 'Byte offset where the search starts.'),
      opt('to', U16, 'Byte offset where the search ends.'),
      opt('algo', oneOf(['bm', 'kmp'], 'string: Bad value for "--algo" option: "%s"'), 'The search algorithm: bm or kmp.'),
      opt('!string', { kind: 'string', maxLength: 128, minLength: 1, longMessage: 'STRING too long "%s"' }, 'The text to look for.', { excl: ['hex-string'] }),
      opt('!hex-string', FREE, 'The bytes to look for, hex between pipes: `|0d0a|`.', { excl: ['string'] }),
      opt('icase', FLAG, 'Ignore case.'),
    ],
  },
  {
    name: 'time',
    kind: 'match',
    help: 'Matches by the arrival time: time of day, weekdays, days of the month and a date window (UTC unless `--kerneltz`).',
    options: [
      opt('datestart', { kind: 'date' }, 'Start date `YYYY[-MM[-DD[Thh[:mm[:ss]]]]]`.'),
      opt('datestop', { kind: 'date' }, 'Stop date in the same form.'),
      opt('timestart', { kind: 'time-of-day' }, 'Start of the daily window `hh:mm[:ss]`.'),
      opt('timestop', { kind: 'time-of-day' }, 'End of the daily window `hh:mm[:ss]`.'),
      opt('contiguous', FLAG, 'When timestop is before timestart, match one contiguous span across midnight.'),
      opt('!weekdays', oneOf(DAYS, '%s is not a valid day specifier', { list: true, numeric: { min: 1, max: 7 }, days: 'week' }), 'A comma list of weekdays: Mon to Sun (as written), or 1 to 7.'),
      // libxt_time.c (1.8.9) reads its own lists: see forms.ts's checkWeekdays and checkMonthdays.
      opt('!monthdays', oneOf([], '%s is not a valid day for --monthdays', { list: true, numeric: { min: 1, max: 31 }, days: 'month' }), 'A comma list of days of the month, 1 to 31.'),
      opt('localtz', FLAG, 'The old name of `--kerneltz`; iptables warns that it is being replaced.', { excl: ['utc'] }),
      opt('utc', FLAG, 'Read times as UTC (the default).', { excl: ['localtz', 'kerneltz'] }),
      opt('kerneltz', FLAG, 'Use the kernel\'s time zone instead of UTC.', { excl: ['utc'] }),
    ],
  },
  {
    name: 'u32',
    kind: 'match',
    help: 'Tests 32-bit words at arbitrary offsets of the packet. Only the syntax is read here; the expression is not checked.',
    required: ['u32'],
    options: [opt('!u32', FREE, 'The test expression, such as `"0>>22&0x3C@12>>26&0x3F=0x10"`.')],
  },
  {
    name: 'policy',
    kind: 'match',
    help: 'Matches the IPsec policy used to decapsulate (`--dir in`) or that will encapsulate (`--dir out`) the packet.',
    required: ['dir', 'pol'],
    requiredGroups: [['dir']],
    options: [
      opt('dir', oneOf(['in', 'out'], 'policy_match: invalid dir "%s"'), '`in` (PREROUTING, INPUT, FORWARD) or `out` (FORWARD, OUTPUT, POSTROUTING).'),
      opt('pol', oneOf(['none', 'ipsec'], 'policy match: invalid policy "%s"'), '`ipsec` for packets under an IPsec policy, `none` for the rest.'),
      opt('strict', FLAG, 'Match the whole policy, element by element, instead of any element.'),
      opt('!reqid*', U32, 'The reqid of the policy element.'),
      opt('!spi*', U32, 'The SPI of the security association.'),
      opt('!tunnel-src*', ADDRESS, 'Tunnel source address (with `--mode tunnel`).'),
      opt('!tunnel-dst*', ADDRESS, 'Tunnel destination address (with `--mode tunnel`).'),
      // A protocol name or number (XTTYPE_PROTOCOL); policy's parser then wants ah, esp or ipcomp (final-checks.ts).
      opt('!proto*', { kind: 'protocol', caseSensitive: true }, 'ah, esp or ipcomp, by name or number.'),
      opt('!mode*', oneOf(['transport', 'tunnel'], 'policy match: invalid mode "%s"'), 'transport or tunnel.'),
      opt('next*', FLAG, 'Start the next element of a strict policy.', { also: ['strict'] }),
    ],
  },
  {
    name: 'frag',
    kind: 'match',
    family: 'ipv6',
    help: 'Matches fields of the IPv6 fragment header.',
    options: [
      opt('!fragid', SPI, 'Fragment identification, or a range `min:max`.'),
      opt('!fraglen', U32, 'Length of the header.'),
      opt('fragres', FLAG, 'Reserved fields are zero.'),
      opt('fragfirst', FLAG, 'The first fragment.'),
      opt('fragmore', FLAG, 'More fragments follow.', { excl: ['fraglast'] }),
      opt('fraglast', FLAG, 'The last fragment.', { excl: ['fragmore'] }),
    ],
  },
  {
    name: 'rt',
    kind: 'match',
    family: 'ipv6',
    help: 'Matches fields of the IPv6 routing header.',
    options: [
      opt('!rt-type', U32, 'Routing header type.'),
      opt('!rt-segsleft', SPI, 'Segments left, or a range.'),
      opt('!rt-len', U32, 'Length of the header.'),
      opt('rt-0-res', FLAG, 'Type 0: reserved field is zero.'),
      opt('rt-0-addrs', FREE, 'Type 0: a comma list of up to 16 addresses.'),
      opt('rt-0-not-strict', FLAG, 'Type 0: the address list is not strict.'),
    ],
  },
  {
    name: 'ah',
    kind: 'match',
    family: 'ipv4',
    help: 'Matches the SPI of IPsec Authentication Header packets. Needs `-p ah`.',
    protocols: ['ah'],
    options: [opt('!ahspi', SPI, 'An SPI or a range `min:max`.')],
  },
  {
    name: 'ah',
    kind: 'match',
    family: 'ipv6',
    help: 'Matches fields of the IPsec Authentication Header, an IPv6 extension header.',
    options: [
      opt('!ahspi', SPI, 'An SPI or a range `min:max`.'),
      opt('!ahlen', U32, 'Length of the header.'),
      opt('ahres', FLAG, 'Reserved field is zero.'),
    ],
  },
  {
    name: 'esp',
    kind: 'match',
    help: 'Matches the SPI of IPsec ESP packets. Needs `-p esp`.',
    protocols: ['esp'],
    options: [opt('!espspi', SPI, 'An SPI or a range `min:max`.')],
  },
  {
    name: 'ipcomp',
    kind: 'match',
    help: 'Matches the CPI of IPComp packets. Needs `-p ipcomp`.',
    protocols: ['ipcomp'],
    options: [
      opt('!ipcompspi', SPI, 'A CPI or a range `min:max`.'),
      opt('compres', FLAG, 'Reserved field is zero.'),
    ],
  },
  {
    name: 'helper',
    kind: 'match',
    help: 'Matches packets of connections set up by a conntrack helper, such as `ftp` (data connections).',
    required: ['helper'],
    // 1.8.9 keeps the first 29 bytes of a longer name (xt_helper_info's field less the NUL) and says nothing.
    options: [opt('!helper', { kind: 'string', maxLength: Number.MAX_SAFE_INTEGER, keeps: 29 }, 'The helper name, optionally with a port: `ftp-2121`; the kernel keeps the first 29 bytes.')],
  },
  {
    name: 'statistic',
    kind: 'match',
    help: 'Matches a random share of packets, or every nth packet.',
    required: ['mode'],
    options: [
      opt('mode', oneOf(['random', 'nth'], 'Bad mode "%s"'), '`random` or `nth`.'),
      opt('!probability', { kind: 'float', min: 0, max: 1 }, 'With `--mode random`: the probability, from 0 to 1.', { excl: ['every', 'packet'] }),
      opt('!every', num(1, 4294967295), 'With `--mode nth`: match one packet in this many.', { excl: ['probability'], also: ['packet'] }),
      opt('packet', U32, 'With `--mode nth`: the initial counter value.', { excl: ['probability'] }),
    ],
  },
  {
    name: 'quota',
    kind: 'match',
    help: 'Matches until a byte quota is used up, then stops matching.',
    required: ['quota'],
    options: [opt('!quota', { kind: 'u64' }, 'The quota in bytes, up to 18446744073709551615.')],
  },
  {
    name: 'connbytes',
    kind: 'match',
    help: 'Matches by how many packets or bytes a connection has transferred so far.',
    required: ['connbytes'],
    requiredGroups: [['connbytes-dir'], ['connbytes-mode']],
    options: [
      // XTTYPE_UINT64RC: each end up to 2^64-1.
      opt('!connbytes', { kind: 'number-range', min: 0, max: Number.MAX_SAFE_INTEGER, u64: true }, 'A count `from:[to]`, each up to 18446744073709551615, from no more than to.'),
      opt('connbytes-dir', oneOf(['original', 'reply', 'both'], "Unknown --connbytes-dir `%s'"), 'original, reply or both.'),
      opt('connbytes-mode', oneOf(['packets', 'bytes', 'avgpkt'], "Unknown --connbytes-mode `%s'"), 'packets, bytes or avgpkt (average bytes per packet).'),
    ],
  },
  {
    name: 'cpu',
    kind: 'match',
    help: 'Matches the CPU handling the packet, to spread load with RPS or queues.',
    required: ['cpu'],
    options: [opt('!cpu', U32, 'The CPU number.')],
  },
  {
    name: 'socket',
    kind: 'match',
    help: 'Matches packets that belong to a local socket, usually for transparent proxying with TPROXY.',
    hooks: ['PREROUTING', 'INPUT'],
    options: [
      opt('transparent', FLAG, 'Only transparent sockets.'),
      opt('nowildcard', FLAG, 'Also match listening sockets bound to 0.0.0.0 or ::.'),
      opt('restore-skmark', FLAG, 'Copy the socket mark to the packet.'),
    ],
  },
  {
    name: 'rpfilter',
    kind: 'match',
    help: 'Reverse path filter: matches when a reply to the source address would leave by the interface the packet came in on.',
    tables: ['raw', 'mangle'],
    hooks: ['PREROUTING'],
    options: [
      opt('loose', FLAG, 'Accept a reverse path through any interface.'),
      opt('validmark', FLAG, 'Use the packet mark in the route lookup.'),
      opt('accept-local', FLAG, 'Do not reject packets with a local source address.'),
      opt('invert', FLAG, 'Match packets that fail the test.'),
    ],
  },
  {
    name: 'bpf',
    kind: 'match',
    help: 'Runs a BPF program on the packet. Only the syntax is read here.',
    options: [
      opt('bytecode', FREE, 'The program as `nfbpf_compile` prints it: `N,op jt jf k,...`.', { excl: ['object-pinned'] }),
      opt('object-pinned', FREE, 'Path of a pinned BPF object.', { excl: ['bytecode'] }),
    ],
    needsOption: true,
  },
  {
    name: 'tcpmss',
    kind: 'match',
    help: 'Matches the MSS option of TCP SYN packets. Needs `-p tcp`.',
    protocols: ['tcp'],
    required: ['mss'],
    options: [opt('!mss', { kind: 'number-range', min: 0, max: 65535, backwards: 'tcpmss: invalid range given' }, 'An MSS or range `min:max`.')],
  },
  {
    name: 'devgroup',
    kind: 'match',
    help: 'Matches the device group of the incoming or outgoing interface.',
    needsOption: true,
    options: [
      opt('!src-group', DEVGROUP, 'Group of the incoming device, `value[/mask]`, or a name of /etc/iproute2/group.', { hooks: ['PREROUTING', 'INPUT', 'FORWARD'] }),
      opt('!dst-group', DEVGROUP, 'Group of the outgoing device, `value[/mask]`, or a name of /etc/iproute2/group.', { hooks: ['FORWARD', 'OUTPUT', 'POSTROUTING'] }),
    ],
  },
  {
    name: 'realm',
    kind: 'match',
    family: 'ipv4',
    help: 'Matches the routing realm of the packet\'s route.',
    required: ['realm'],
    // The kernel's xt_realm: the route is known only from INPUT, FORWARD, OUTPUT and POSTROUTING.
    hooks: ['INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
    options: [opt('!realm', FREE, '`value[/mask]`, or a realm name from /etc/iproute2/rt_realms.')],
  },
  {
    name: 'cgroup',
    kind: 'match',
    help: 'Matches packets of processes in a control group, by cgroup2 path or net_cls class id. Only in INPUT, OUTPUT and POSTROUTING.',
    // The kernel's xt_cgroup: only where the packet has a local socket.
    hooks: ['INPUT', 'OUTPUT', 'POSTROUTING'],
    needsOption: true,
    options: [
      opt('!path', FREE, 'A cgroup2 path.', { excl: ['cgroup'] }),
      opt('!cgroup', U32, 'A net_cls class id.', { excl: ['path'] }),
    ],
  },
  {
    name: 'cluster',
    kind: 'match',
    help: 'Splits traffic between cluster nodes by a hash of the connection.',
    required: ['cluster-total-nodes'],
    requiredGroups: [['cluster-local-node', 'cluster-local-nodemask'], ['cluster-hash-seed']],
    options: [
      opt('cluster-total-nodes', num(1, 32), 'Number of nodes.'),
      opt('!cluster-local-node', num(1, 32), 'This node\'s number.', { excl: ['cluster-local-nodemask'] }),
      opt('!cluster-local-nodemask', num(1, 32), 'This node\'s bit mask; iptables takes 1 to 32 only.', { excl: ['cluster-local-node'] }),
      opt('cluster-hash-seed', U32, 'Seed of the hash.'),
    ],
  },
  {
    name: 'connlabel',
    kind: 'match',
    help: 'Matches (or sets) a label bit on the connection; names come from connlabel.conf.',
    required: ['label'],
    options: [
      opt('!label', FREE, 'A label name or bit number from 0 to 127.', { object: 'connlabel' }),
      opt('set', FLAG, 'Set the label when the rule is reached.'),
    ],
  },
  {
    name: 'nfacct',
    kind: 'match',
    help: 'Counts packets and bytes in a named extended accounting object (`nfacct add NAME`).',
    required: ['nfacct-name'],
    // The table's minimum length is 1; a longer name loads cut to 31 bytes (xt_nfacct_match_info's field).
    options: [opt('nfacct-name', { kind: 'string', maxLength: Number.MAX_SAFE_INTEGER, minLength: 1, keeps: 31 }, 'The accounting object, which must exist; the kernel keeps the first 31 bytes.', { object: 'nfacct' })],
  },
  {
    name: 'rateest',
    kind: 'match',
    help: 'Compares rates measured by a RATEEST target, with each other or with a fixed rate.',
    options: [
      opt('rateest-delta', FLAG, 'Compare the difference between the estimator and the given rate.'),
      opt('rateest1,rateest', FREE, 'The first rate estimator.'),
      opt('rateest2', FREE, 'The second rate estimator.'),
      opt('rateest-bps1', { kind: 'free', optional: true }, 'Compare bytes per second (first estimator).'),
      opt('rateest-pps1', { kind: 'free', optional: true }, 'Compare packets per second (first estimator).'),
      opt('rateest-bps2,rateest-bps', { kind: 'free', optional: true }, 'Compare bytes per second (second estimator); `--rateest-bps` is this one, for the absolute mode.'),
      opt('rateest-pps2,rateest-pps', { kind: 'free', optional: true }, 'Compare packets per second (second estimator); `--rateest-pps` is this one, for the absolute mode.'),
      opt('!rateest-lt', FLAG, 'Match if the rate is lower.'),
      opt('!rateest-gt', FLAG, 'Match if the rate is greater.'),
      opt('!rateest-eq', FLAG, 'Match if the rate is equal.'),
    ],
  },
  {
    name: 'ipvs',
    kind: 'match',
    help: 'Matches packets that IPVS (the kernel load balancer) handles, by virtual address, port, protocol or method.',
    needsOption: true,
    options: [
      opt('!ipvs', FLAG, 'The packet belongs to an IPVS connection.'),
      opt('!vproto', PROTO, 'Protocol of the virtual service.'),
      opt('!vaddr', ADDRESS, 'Virtual address `addr[/mask]`.'),
      opt('!vport', PORT, 'Virtual port.'),
      opt('vdir', oneOf(['ORIGINAL', 'REPLY'], 'ipvs: Bad value for "--vdir" option: "%s"'), 'ORIGINAL or REPLY.'),
      opt('!vmethod', oneOf(['GATE', 'IPIP', 'MASQ'], 'ipvs: Bad value for "--vmethod" option: "%s"', { ignoreCase: true }), 'Forwarding method: GATE, IPIP or MASQ.'),
      opt('!vportctl', PORT, 'Virtual port of the controlling connection.'),
    ],
  },
  {
    name: 'osf',
    kind: 'match',
    family: 'ipv4',
    help: 'Passive OS fingerprinting of TCP SYN packets (needs fingerprints loaded with nfnl_osf).',
    protocols: ['tcp'],
    hooks: ['PREROUTING', 'INPUT', 'FORWARD'],
    required: ['genre'],
    options: [
      // 1.8.9 keeps the first 31 bytes of a longer genre (xt_osf_info's field less the NUL), seen here.
      opt('!genre', { kind: 'string', maxLength: Number.MAX_SAFE_INTEGER, keeps: 31 }, 'The OS genre, such as Linux; the kernel keeps the first 31 bytes.'),
      opt('ttl', num(0, 2), 'TTL check: 0 same host, 1 any, 2 none.'),
      opt('log', num(0, 2), 'Log: 0 all, 1 first, 2 all matched.'),
    ],
  },
  {
    name: 'mh',
    kind: 'match',
    family: 'ipv6',
    help: 'Matches the type of IPv6 Mobility Header messages. Needs `-p mobility-header` (`mh`).',
    protocols: ['mh'],
    options: [opt('!mh-type', MH_TYPES, 'A type name or number, or a range `min:max`.')],
  },
  {
    name: 'dst',
    kind: 'match',
    family: 'ipv6',
    help: 'Matches the IPv6 destination options header.',
    options: [
      opt('!dst-len', U32, 'Length of the header.'),
      opt('dst-opts', FREE, 'A comma list of `type[:length]`.'),
    ],
  },
  {
    name: 'hbh',
    kind: 'match',
    family: 'ipv6',
    help: 'Matches the IPv6 hop-by-hop options header.',
    options: [
      opt('!hbh-len', U32, 'Length of the header.'),
      opt('hbh-opts', FREE, 'A comma list of `type[:length]`.'),
    ],
  },
  {
    name: 'eui64',
    kind: 'match',
    family: 'ipv6',
    help: 'Matches when the IPv6 source address\'s interface identifier was built from the sender\'s MAC address (EUI-64).',
    hooks: ['PREROUTING', 'INPUT', 'FORWARD'],
    options: [],
  },
  {
    name: 'ipv6header',
    kind: 'match',
    family: 'ipv6',
    help: 'Matches the set of IPv6 extension headers the packet carries.',
    required: ['header'],
    options: [
      opt('!header', FREE, 'A comma list of header names or numbers: hop-by-hop, dst, route, frag, auth, esp, none, prot.'),
      opt('soft', FLAG, 'Match if the packet has at least these headers.'),
    ],
  },
  {
    name: 'srh',
    kind: 'match',
    family: 'ipv6',
    help: 'Matches fields of the IPv6 segment routing header.',
    options: [
      opt('!srh-next-hdr', U8, 'Next header field.'),
      opt('!srh-hdr-len-eq', U8, 'Header length equals.'),
      opt('!srh-hdr-len-gt', U8, 'Header length greater than.'),
      opt('!srh-hdr-len-lt', U8, 'Header length less than.'),
      opt('!srh-segs-left-eq', U8, 'Segments left equals.'),
      opt('!srh-segs-left-gt', U8, 'Segments left greater than.'),
      opt('!srh-segs-left-lt', U8, 'Segments left less than.'),
      opt('!srh-last-entry-eq', U8, 'Last entry equals.'),
      opt('!srh-last-entry-gt', U8, 'Last entry greater than.'),
      opt('!srh-last-entry-lt', U8, 'Last entry less than.'),
      opt('!srh-tag', U16, 'Tag field.'),
      opt('!srh-psid', ADDRESS, 'Previous segment id `addr[/mask]`.'),
      opt('!srh-nsid', ADDRESS, 'Next segment id `addr[/mask]`.'),
      opt('!srh-lsid', ADDRESS, 'Last segment id `addr[/mask]`.'),
    ],
  },
];
