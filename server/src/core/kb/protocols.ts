import type { Family } from './forms';

// Protocol names `-p` accepts: iptables' built-in list plus Debian's /etc/protocols (names are
// looked up lower-cased, as iptables lower-cases the argument first).
const PROTOCOLS: Readonly<Record<string, number>> = {
  all: 0, ip: 0, hopopt: 0, icmp: 1, igmp: 2, ggp: 3, ipencap: 4, st: 5, tcp: 6, egp: 8, igp: 9,
  pup: 12, udp: 17, hmp: 20, 'xns-idp': 22, rdp: 27, 'iso-tp4': 29, dccp: 33, xtp: 36, ddp: 37,
  'idpr-cmtp': 38, ipv6: 41, 'ipv6-route': 43, 'ipv6-frag': 44, idrp: 45, rsvp: 46, gre: 47,
  esp: 50, ah: 51, skip: 57, 'ipv6-icmp': 58, icmpv6: 58, 'ipv6-nonxt': 59, 'ipv6-opts': 60,
  rspf: 73, vmtp: 81, eigrp: 88, ospf: 89, 'ax.25': 93, ipip: 94, etherip: 97, encap: 98, pim: 103,
  ipcomp: 108, vrrp: 112, l2tp: 115, isis: 124, sctp: 132, fc: 133, 'mobility-header': 135,
  'ipv6-mh': 135, mh: 135, udplite: 136, 'mpls-in-ip': 137, manet: 138, hip: 139, shim6: 140,
  wesp: 141, rohc: 142, ethernet: 143,
};

const BY_NAME = new Map(Object.entries(PROTOCOLS));

/**
 * The aliases of Debian's /etc/protocols (netbase), which getprotobyname takes as written: only
 * what calls it without lower-casing first (ipv6header's --header) meets them.
 */
export const PROTOCOL_ALIASES: Readonly<Record<string, number>> = {
  IP: 0, HOPOPT: 0, ICMP: 1, IGMP: 2, GGP: 3, 'IP-ENCAP': 4, ST: 5, TCP: 6, EGP: 8, IGP: 9, PUP: 12, UDP: 17,
  HMP: 20, 'XNS-IDP': 22, RDP: 27, 'ISO-TP4': 29, DCCP: 33, XTP: 36, DDP: 37, 'IDPR-CMTP': 38, IPv6: 41,
  'IPv6-Route': 43, 'IPv6-Frag': 44, IDRP: 45, RSVP: 46, GRE: 47, 'IPSEC-ESP': 50, 'IPSEC-AH': 51, SKIP: 57,
  'IPv6-ICMP': 58, 'IPv6-NoNxt': 59, 'IPv6-Opts': 60, RSPF: 73, VMTP: 81, EIGRP: 88, OSPFIGP: 89, 'AX.25': 93,
  IPIP: 94, ETHERIP: 97, ENCAP: 98, PIM: 103, IPCOMP: 108, VRRP: 112, L2TP: 115, ISIS: 124, SCTP: 132, FC: 133,
  'Mobility-Header': 135, UDPLite: 136, 'MPLS-in-IP': 137, HIP: 139, Shim6: 140, WESP: 141, ROHC: 142, Ethernet: 143,
};

/** The protocol number for a `-p` argument, or undefined when iptables says "unknown protocol". */
export function resolveProtocol(text: string): number | undefined {
  // Most files spell the name in lower case: one lookup, and no lower-cased copy of the text.
  const known = BY_NAME.get(text);
  if (known !== undefined) return known;
  const lower = text.toLowerCase();
  if (/^\d+$/.test(lower)) {
    const n = Number(lower);
    return n <= 255 ? n : undefined;
  }
  return Object.prototype.hasOwnProperty.call(PROTOCOLS, lower) ? PROTOCOLS[lower] : undefined;
}

/**
 * The protocol number of an extension's protocol option (XTTYPE_PROTOCOL: policy's --proto,
 * conntrack's --ctproto), or undefined: a number (base 0) up to 255, or a name as written, which
 * libxtables looks up without lower-casing it.
 */
export function resolveOptionProtocol(text: string): number | undefined {
  const known = BY_NAME.get(text);
  if (known !== undefined) return known;
  if (!/^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(text)) return undefined;
  const n = text.length > 1 && text[0] === '0' && text[1] !== 'x' && text[1] !== 'X' ? parseInt(text, 8) : Number(text);
  return n <= 255 ? n : undefined;
}

/**
 * The name of the match iptables loads by itself for a protocol number, if any. UDP-Lite (136) has
 * none: iptables 1.8.7 to 1.8.11 ship no udplite match (only multiport reads its ports).
 */
const MATCH_FOR_NUMBER: Readonly<Record<number, string>> = {
  6: 'tcp', 17: 'udp', 132: 'sctp', 33: 'dccp', 1: 'icmp', 58: 'icmp6', 50: 'esp', 51: 'ah', 135: 'mh', 108: 'ipcomp',
};

/**
 * The protocols' own matches, which iptables loads by itself after `-p` and the kernel accepts only
 * with that `-p`: each one only ever holds for its own protocol.
 */
export const PROTOCOL_MATCHES: ReadonlySet<string> = new Set(Object.values(MATCH_FOR_NUMBER));

/** Other names `-m` takes for a match: ip6tables resolves `-m icmpv6` and `-m ipv6-icmp` to icmp6. */
export const MATCH_ALIASES: Readonly<Record<Family, Readonly<Record<string, string>>>> = {
  ipv4: {},
  ipv6: { icmpv6: 'icmp6', 'ipv6-icmp': 'icmp6' },
};

/** PROTOCOL_MATCHES under every name `-m` takes for them, as a rule's match keeps it. */
export const PROTOCOL_MATCH_NAMES: ReadonlySet<string> = new Set([
  ...PROTOCOL_MATCHES,
  ...Object.values(MATCH_ALIASES).flatMap((aliases) => Object.keys(aliases).filter((alias) => PROTOCOL_MATCHES.has(aliases[alias]))),
]);

/**
 * Protocols whose header carries ports: what multiport and a NAT port range need; all but udplite
 * have a match of their own with `--dport` and `--sport`.
 */
export const PORT_PROTOCOLS: readonly string[] = ['tcp', 'udp', 'udplite', 'sctp', 'dccp'];

export function protocolMatch(text: string): string | undefined {
  const n = resolveProtocol(text);
  return n === undefined ? undefined : MATCH_FOR_NUMBER[n];
}
