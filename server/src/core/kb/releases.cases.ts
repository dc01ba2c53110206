// Rules whose verdict or message changed between iptables releases (1.8.7 to 1.8.11), each read
// from upstream's source at the release commits (option-tables/releases.json names them); the
// upstream commit that made each change is cited beside it. Only 1.8.9 is installed here: its
// verdicts are also the truth suite's. Read by releases.test.ts (every row, every release) and
// option-tables.test.ts (each option-table difference the kb follows names its rows here).
import { IPTABLES_VERSIONS, type IptablesVersion } from './releases';

export const at = (v: IptablesVersion): number => IPTABLES_VERSIONS.indexOf(v);

/**
 * A rule whose verdict or message changed between releases, proven from upstream's source (only
 * 1.8.9 is installed here: its verdicts are the truth suite's). `by` gives, from each release on,
 * what iptables-restore prints (null: it loads; '': it is refused, with words the kb does not follow). `fact`: the option-table difference of
 * option-tables/releases.json it follows, where it follows one.
 */
export interface ReleaseCase {
  rule: string;
  family: 'ipv4' | 'ipv6';
  table?: string;
  chain?: string;
  by: ReadonlyArray<[IptablesVersion, string | null]>;
  fact?: string;
}

const NAT_POST = { table: 'nat', chain: 'POSTROUTING' };
const NAT_PRE = { table: 'nat', chain: 'PREROUTING' };
const SNAT_TWICE = 'SNAT: option "--to-source" can only be used once.';
const DNAT_TWICE = 'DNAT: option "--to-destination" can only be used once.';
export const RELEASE_CASES: readonly ReleaseCase[] = [
  // 1.8.7's SNAT/DNAT tables let --to-source/--to-destination repeat (XTOPT_MULTI, once for the
  // multi-range IPv4 NAT of kernels before 2.6.11); their parse functions then refused a second one.
  // 1.8.8 dropped the flag and the check, so xtables refuses it (upstream 30b178b9 "*NAT: Kill
  // multiple IPv4 range support", 070a8626 for IPv6).
  { rule: '-j SNAT --to-source 192.0.2.1 --to-source 192.0.2.2', family: 'ipv4', ...NAT_POST, fact: '1.8.7 target SNAT r0 ipv4 --to-source: multi', by: [['1.8.7', 'SNAT: Multiple --to-source not supported'], ['1.8.8', SNAT_TWICE]] },
  { rule: '-j SNAT --to-source 2001:db8::1 --to-source 2001:db8::2', family: 'ipv6', ...NAT_POST, fact: '1.8.7 target SNAT r1 ipv6 --to-source: multi', by: [['1.8.7', 'SNAT: Multiple --to-source not supported'], ['1.8.8', SNAT_TWICE]] },
  { rule: '-j DNAT --to-destination 192.0.2.1 --to-destination 192.0.2.2', family: 'ipv4', ...NAT_PRE, fact: '1.8.7 target DNAT r2 ipv4 --to-destination: multi', by: [['1.8.7', 'DNAT: Multiple --to-destination not supported'], ['1.8.8', DNAT_TWICE]] },
  { rule: '-j DNAT --to-destination 2001:db8::1 --to-destination 2001:db8::2', family: 'ipv6', ...NAT_PRE, fact: '1.8.7 target DNAT r2 ipv6 --to-destination: multi', by: [['1.8.7', 'DNAT: Multiple --to-destination not supported'], ['1.8.8', DNAT_TWICE]] },
  // The NAT parser DNAT and REDIRECT share since 1.8.8 and SNAT and MASQUERADE since 1.8.9 (14d77c8a,
  // 72d542b6, f30c5edc): ports by xtables_strtoui or a service name, with trailing garbage refused.
  // The older --to-source/--to-destination parsers read ports with atoi (`80x` is 80; 0 and names
  // are refused); the older --to-ports ones print xtables's "Bad value for option".
  { rule: '-p tcp -j DNAT --to-destination 192.0.2.1:80x', family: 'ipv4', ...NAT_PRE, by: [['1.8.7', null], ['1.8.8', "Garbage after port value: `x'"]] },
  { rule: '-p udp -j SNAT --to-source 192.0.2.1:80x', family: 'ipv4', ...NAT_POST, by: [['1.8.7', null], ['1.8.9', "Garbage after port value: `x'"]] },
  { rule: '-p udp -j SNAT --to-source [2001:db8::1]:80x', family: 'ipv6', ...NAT_POST, by: [['1.8.7', null], ['1.8.9', "Garbage after port value: `x'"]] },
  { rule: '-p udp -j SNAT --to-source 192.0.2.1:0', family: 'ipv4', ...NAT_POST, by: [['1.8.7', "Port `0' not valid"], ['1.8.9', null]] },
  { rule: '-p tcp -j SNAT --to-source 192.0.2.1:http', family: 'ipv4', ...NAT_POST, by: [['1.8.7', "Port `http' not valid"], ['1.8.9', null]] },
  { rule: '-p tcp -j DNAT --to-destination 192.0.2.1:90-80', family: 'ipv4', ...NAT_PRE, by: [['1.8.7', "Port range `90-80' funky"], ['1.8.8', "Port range `80' funky"]] },
  { rule: '-p tcp -j DNAT --to-destination 192.0.2.1:80:90', family: 'ipv4', ...NAT_PRE, by: [['1.8.7', 'Invalid port:port syntax - use dash'], ['1.8.8', 'Bad IP address "192.0.2.1:80:90"']] },
  { rule: '-p tcp -j DNAT --to-destination 192.0.2.1:80-90/0', family: 'ipv4', ...NAT_PRE, by: [['1.8.7', "Port `0' not valid"]] },
  { rule: '-p tcp -j DNAT --to-destination [2001:db8::x]:80', family: 'ipv6', ...NAT_PRE, by: [['1.8.7', 'Bad IP address "2001:db8::x"'], ['1.8.8', 'Bad IP address "[2001:db8::x"'], ['1.8.9', 'Bad IP address "2001:db8::x"']] },
  { rule: '-p tcp -j MASQUERADE --to-ports 80x', family: 'ipv4', ...NAT_POST, by: [['1.8.7', 'MASQUERADE: Bad value for "--to-ports" option: "80x"'], ['1.8.9', "Garbage after port value: `x'"]] },
  { rule: '-p tcp -j MASQUERADE --to-ports http', family: 'ipv4', ...NAT_POST, by: [['1.8.7', 'MASQUERADE: Bad value for "--to-ports" option: "http"'], ['1.8.9', null]] },
  { rule: '-p tcp -j REDIRECT --to-ports 80:90', family: 'ipv4', ...NAT_PRE, by: [['1.8.7', 'REDIRECT: Bad value for "--to-ports" option: "80:90"'], ['1.8.8', 'Invalid port:port syntax - use dash']] },
  { rule: '-p tcp -j REDIRECT --to-ports 20-ssh', family: 'ipv4', ...NAT_PRE, by: [['1.8.7', null], ['1.8.8', "Port `ssh' not valid"]] },
  { rule: '-p tcp -j REDIRECT --to-ports 80-90/100', family: 'ipv4', ...NAT_PRE, by: [['1.8.7', 'REDIRECT: Bad value for "--to-ports" option: "80-90/100"'], ['1.8.8', 'Shifted portmap ranges not supported with this kernel']] },
  { rule: '-j DNAT --to-destination 192.0.2.1:80', family: 'ipv4', ...NAT_PRE, by: [['1.8.7', 'Need TCP, UDP, SCTP or DCCP with port specification']] },
  { rule: '-p icmp -j DNAT --to-destination 192.0.2.1:80', family: 'ipv4', ...NAT_PRE, by: [['1.8.7', null]] },
  { rule: '-p udplite -j DNAT --to-destination 192.0.2.1:80', family: 'ipv4', ...NAT_PRE, by: [['1.8.7', 'Need TCP, UDP, SCTP or DCCP with port specification']] },
  // 1.8.11's libxtables applies an option table's max to a range (a392cf0e "Respect min/max values
  // when completing ranges") and reads the second number with the first as its least (30a7f112):
  // NFQUEUE's `.max = UINT16_MAX - 1` (since 1.8.9, 1b7c6ffd) takes effect there. Before, NFQUEUE's
  // parse function alone checks the order, and the kernel refuses 65536 queues.
  { rule: '-j NFQUEUE --queue-balance 0:65535', family: 'ipv4', by: [['1.8.7', '--queue-balance 0:65535 makes 65536 queues'], ['1.8.11', 'NFQUEUE: bad value for option "--queue-balance" near "65535", or out of range (0-65534).']] },
  { rule: '-j NFQUEUE --queue-balance 4:3', family: 'ipv4', by: [['1.8.7', '4 should be less than 3'], ['1.8.11', 'NFQUEUE: bad value for option "--queue-balance" near "3", or out of range (4-65534).']] },
  { rule: '-j NFQUEUE --queue-balance 4:4', family: 'ipv4', by: [['1.8.7', '4 should be less than 4']] },
  { rule: '-j NFQUEUE --queue-balance 0:65534', family: 'ipv4', by: [['1.8.7', null]] },
  // An open end is the type's 65535 up to 1.8.10, the table's 65534 since 1.8.11 (a392cf0e): `0:` is
  // 65536 queues (the kernel refuses) and then 65535; `65534:` loads and then is no range.
  { rule: '-j NFQUEUE --queue-balance 0:', family: 'ipv4', by: [['1.8.7', '--queue-balance 0: makes 65536 queues'], ['1.8.11', null]] },
  { rule: '-j NFQUEUE --queue-balance 65534:', family: 'ipv4', by: [['1.8.7', null], ['1.8.11', '65534 should be less than 65534']] },
  // The same check refuses the other backwards ranges libxtables reads, before the extension's own.
  { rule: '-p tcp -m tcpmss --mss 10:5', family: 'ipv4', by: [['1.8.7', 'tcpmss: invalid range given'], ['1.8.11', 'tcpmss: bad value for option "--mss" near "5", or out of range (10-65535).']] },
  // (the kb reads connbytes up to 2^53, not 2^64 - 1: the bound it would print is left out here)
  { rule: '-m connbytes --connbytes 10:5 --connbytes-dir both --connbytes-mode bytes', family: 'ipv4', by: [['1.8.7', '10 should be less than 5'], ['1.8.11', 'connbytes: bad value for option "--connbytes" near "5", or out of range (10-']] },
  // mh reads its range itself (a string option): its own message in every release.
  { rule: '-p mh -m mh --mh-type 5:3', family: 'ipv6', by: [['1.8.7', 'Invalid MH type range (min > max)']] },
  // udp ports wrap modulo 65536 in every release (getaddrinfo's 16-bit port); 1.8.11's order check
  // (9d41421a "Reject negative port ranges") compares the wrapped numbers.
  { rule: '-p udp --dport 5000:70000', family: 'ipv4', by: [['1.8.7', null], ['1.8.11', 'Port range 5000-4464 is negative.']] },
  { rule: '-p udp --dport 100:70000', family: 'ipv4', by: [['1.8.7', null]] },
  // multiport with no option: its final check's words ("expection", sic) up to 1.8.10, "no ports
  // specified" since 1.8.11 (the finding picks the words of the file's release).
  { rule: '-p tcp -m multiport', family: 'ipv4', by: [['1.8.7', 'multiport expection an option'], ['1.8.11', 'no ports specified']] },
  // conntrack --ctproto 0: 1.8.10 refuses it, negated or not (2e704f6d "Fix checking of conntrack
  // --ctproto 0"). Before, the check read the wrong bit: only an inverted --ctstatus before it tripped it.
  { rule: '-m conntrack --ctproto 0', family: 'ipv4', by: [['1.8.7', null], ['1.8.10', 'conntrack: rule would never match protocol']] },
  { rule: '-m conntrack ! --ctproto 0', family: 'ipv4', by: [['1.8.7', null], ['1.8.10', 'conntrack: condition would always match protocol']] },
  { rule: '-m conntrack ! --ctstatus ASSURED --ctproto 0', family: 'ipv4', by: [['1.8.7', 'conntrack: rule would never match protocol']] },
  { rule: '-m conntrack --ctproto 0 ! --ctstatus ASSURED', family: 'ipv4', by: [['1.8.7', null], ['1.8.10', 'conntrack: rule would never match protocol']] },
  { rule: '-m conntrack --ctproto 6', family: 'ipv4', by: [['1.8.7', null]] },
  // pkttype's otherhost, commented out of its list until 1.8.9 (0da2d1a3 "libxt_pkttype: support otherhost").
  { rule: '-m pkttype --pkt-type otherhost', family: 'ipv4', by: [['1.8.7', "Bad packet type 'otherhost'"], ['1.8.9', null]] },
  // sctp chunk names I_DATA, RE_CONFIG, PAD and I_FORWARD_TSN since 1.8.9 (6b04d9c3); "Invalid
  // flags" names the chunk's index in the release's table, which they moved.
  { rule: '-p sctp -m sctp --chunk-types any I_DATA', family: 'ipv4', by: [['1.8.7', "Unknown sctp chunk `I_DATA'"], ['1.8.9', null]] },
  { rule: '-p sctp -m sctp --chunk-types all DATA,pad', family: 'ipv4', by: [['1.8.7', "Unknown sctp chunk `pad'"], ['1.8.9', null]] },
  { rule: '-p sctp -m sctp --chunk-types any ASCONF:x', family: 'ipv4', by: [['1.8.7', 'Invalid flags for chunk type 15'], ['1.8.9', 'Invalid flags for chunk type 18']] },
  { rule: '-p sctp -m sctp --chunk-types any DATA:iUbE', family: 'ipv4', by: [['1.8.7', null]] },
  // 1.8.8 and 1.8.9 read -p, -s and -d attached to their flag from the whole word (90a7a183 fixed it
  // in 1.8.10). (`-s192.0.2.1` is then a host name, which the kb cannot tell unresolvable.)
  { rule: '--protocol=tcp -j ACCEPT', family: 'ipv4', by: [['1.8.7', null], ['1.8.8', 'unknown protocol "--protocol=tcp" specified'], ['1.8.10', null]] },
  { rule: '-ptcp -j ACCEPT', family: 'ipv4', by: [['1.8.7', null], ['1.8.8', 'unknown protocol "-ptcp" specified'], ['1.8.10', null]] },
  { rule: '--source=192.0.2.1 -j ACCEPT', family: 'ipv4', by: [['1.8.7', null], ['1.8.8', "host/network `--source=192.0.2.1' not found"], ['1.8.10', null]] },
  { rule: '--destination=2001:db8::1 -j ACCEPT', family: 'ipv6', by: [['1.8.7', null], ['1.8.8', "host/network `--destination=2001:db8::1' not found"], ['1.8.10', null]] },
  { rule: '-p tcp --dport=80 -j ACCEPT', family: 'ipv4', by: [['1.8.7', null]] },
  // 1.8.9's shared ICMP parser (be8c6056 "Unify ICMP parser into libxt_icmp.h") reads `type:type`
  // and code ranges; 1.8.7 and 1.8.8 read one number each and print "Invalid ICMP type/code".
  { rule: '-p icmp -m icmp --icmp-type 3:3', family: 'ipv4', by: [['1.8.7', "Invalid ICMP type `3:3'"], ['1.8.9', null]] },
  { rule: '-p icmp -m icmp --icmp-type 3:4', family: 'ipv4', by: [['1.8.7', "Invalid ICMP type `3:4'"], ['1.8.9', 'ICMP type range not supported']] },
  { rule: '-p icmp -m icmp --icmp-type 3/1:2', family: 'ipv4', by: [['1.8.7', "Invalid ICMP code `1:2'"], ['1.8.9', null]] },
  { rule: '-p icmp -m icmp --icmp-type 3/x', family: 'ipv4', by: [['1.8.7', "Invalid ICMP code `x'"], ['1.8.9', "Unknown ICMP code `3/x'"]] },
  { rule: '-p icmp -m icmp --icmp-type foo', family: 'ipv4', by: [['1.8.7', "Invalid ICMP type `foo'"], ['1.8.9', "Unknown ICMP type `foo'"]] },
  { rule: '-p icmp -m icmp --icmp-type 3/1', family: 'ipv4', by: [['1.8.7', null]] },
  // ip6tables 1.8.10 added names for the MLD types 130-132 (bb7d5fde "libip6t_icmp: Add names for
  // mld-listener types"); the numbers load in every release.
  ...['mld-listener-query', 'mld-listener-report', 'mld-listener-done', 'mld-listener-reduction'].map((name): ReleaseCase => ({
    rule: `-p ipv6-icmp -m icmp6 --icmpv6-type ${name}`, family: 'ipv6', by: [['1.8.7', `Invalid ICMPv6 type \`${name}'`], ['1.8.9', `Unknown ICMPv6 type \`${name}'`], ['1.8.10', null]],
  })),
  { rule: '-p ipv6-icmp -m icmp6 --icmpv6-type mld-listener-re', family: 'ipv6', by: [['1.8.7', "Invalid ICMPv6 type `mld-listener-re'"], ['1.8.9', "Unknown ICMPv6 type `mld-listener-re'"], ['1.8.10', "Ambiguous ICMPv6 type `mld-listener-re': `mld-listener-report' or `mld-listener-reduction'?"]] },
  { rule: '-p ipv6-icmp -m icmp6 --icmpv6-type 130', family: 'ipv6', by: [['1.8.7', null]] },
  // Names are read by any unique case-insensitive prefix, in every release.
  { rule: '-p icmp -m icmp --icmp-type ECHO-REQ', family: 'ipv4', by: [['1.8.7', null]] },
  { rule: '-p icmp -m icmp --icmp-type echo-re', family: 'ipv4', by: [['1.8.7', "Ambiguous ICMP type `echo-re': `echo-reply' or `echo-request'?"]] },
  { rule: '-p ipv6-icmp -m icmp6 --icmpv6-type 1:1', family: 'ipv6', by: [['1.8.7', "Invalid ICMPv6 type `1:1'"], ['1.8.9', null]] },
  { rule: '-p ipv6-icmp -m icmp6 --icmpv6-type 1:2', family: 'ipv6', by: [['1.8.7', "Invalid ICMPv6 type `1:2'"], ['1.8.9', 'ICMPv6 type range not supported']] },
  { rule: '-p ipv6-icmp -m icmp6 --icmpv6-type bar', family: 'ipv6', by: [['1.8.7', "Invalid ICMPv6 type `bar'"], ['1.8.9', "Unknown ICMPv6 type `bar'"]] },
];

/** What `c` draws in `v`: the message of the last step at or before it (null: it loads). */
export function expectedIn(c: ReleaseCase, v: IptablesVersion): string | null {
  let out: string | null = null;
  for (const [since, message] of c.by) if (at(since) <= at(v)) out = message;
  return out;
}

