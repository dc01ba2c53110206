// The NAT targets' addresses and ports (SNAT --to-source, DNAT --to-destination, MASQUERADE and
// REDIRECT --to-ports), read as iptables 1.8.9 reads them (libxt_NAT.c), with its words.
import { parseIPv4, parseIPv6 } from '../net/address';
import { resolvePort } from '../net/ports';

/** What iptables says of ports in a rule whose `-p`, so far, names no protocol with ports. */
export const NAT_PORTS_NEED_PROTOCOL = 'Need TCP, UDP, SCTP or DCCP with port specification';

// The protocols whose ports a NAT target may set: tcp, udp, sctp, dccp, and (as 1.8.9 reads it) icmp.
const PORT_PROTOCOL_NUMBERS: ReadonlySet<number> = new Set([6, 17, 132, 33, 1]);
// A service name is looked up in any protocol (getservbyname with no protocol).
const SERVICE_TABLES = ['tcp', 'udp', 'sctp'];

/**
 * The number at the start of `s` as xtables_strtoui reads it with an end pointer: blanks, then a
 * number in base 0 within min-max; where it stops. Undefined for no digits, a minus, or out of range.
 */
function strtouiPrefix(s: string, min: number, max: number): { n: number; rest: string } | undefined {
  let i = 0;
  while (i < s.length && ' \t\n\v\f\r'.includes(s[i])) i++;
  if (s[i] === '-') return undefined;
  if (s[i] === '+') i++;
  let base = 10;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && /^[0-9a-fA-F]$/.test(s[i + 2] ?? '')) {
    base = 16;
    i += 2;
  } else if (s[i] === '0') base = 8;
  const start = i;
  let n = 0;
  for (; i < s.length; i++) {
    const d = parseInt(s[i], base);
    if (Number.isNaN(d) || d >= base) break;
    n = n * base + d;
  }
  if (i === start || n < min || n > max) return undefined;
  return { n, rest: s.slice(i) };
}

function service(name: string): number | undefined {
  for (const p of SERVICE_TABLES) {
    const port = resolvePort(name, p);
    if (port !== undefined) return port;
  }
  return undefined;
}

/** Whether the rule's `-p` so far lets a NAT target set ports. */
export function natPortsAllowed(protocol: string | undefined, resolve: (p: string) => number | undefined): boolean {
  const n = protocol === undefined ? undefined : resolve(protocol);
  return n !== undefined && PORT_PROTOCOL_NUMBERS.has(n);
}

/** `port[-port[/base]]` as parse_ports reads it; iptables's message, or undefined. */
export function checkNatPortSpec(arg: string, portsAllowed: boolean): string | undefined {
  if (!portsAllowed) return NAT_PORTS_NEED_PROTOCOL;
  const first = strtouiPrefix(arg, 0, 65535);
  if (!first) return service(arg) === undefined ? `Port \`${arg}' not valid` : undefined;
  if (first.rest === '') return undefined;
  if (first.rest[0] === ':') return 'Invalid port:port syntax - use dash';
  if (first.rest[0] !== '-') return `Garbage after port value: \`${first.rest}'`;
  // A range: numbers only.
  const upper = first.rest.slice(1);
  const last = strtouiPrefix(upper, 0, 65535);
  if (!last) return `Port \`${upper}' not valid`;
  if (last.n < first.n) return `Port range \`${upper}' funky`;
  if (last.rest === '') return undefined;
  if (last.rest[0] !== '/') return `Garbage after port range: \`${last.rest}'`;
  const base = last.rest.slice(1);
  return strtouiPrefix(base, 1, 65535) || service(base) !== undefined ? undefined : `Port \`${base}' not valid`;
}

/** inet_pton's reading: IPv4 dotted quads with no leading zeros, or IPv6. */
function ptonOk(text: string, ipv6: boolean): boolean {
  if (ipv6) return parseIPv6(text) !== undefined;
  return parseIPv4(text) !== undefined && !/(^|\.)0\d/.test(text);
}

/** `addr[-addr][:ports]` (IPv6: `[addr]:ports`) as parse_to reads it; iptables's message, or undefined. */
export function checkNatTo(arg: string, ipv6: boolean, portsAllowed: boolean): string | undefined {
  const open = arg.indexOf('[');
  let start = 0;
  let addrEnd = arg.length;
  let colon: number;
  if (open < 0) {
    colon = arg.indexOf(':');
    // One colon is a port; more make an IPv6 address.
    if (colon >= 0 && arg.indexOf(':', colon + 1) >= 0) colon = -1;
    if (colon >= 0) addrEnd = colon;
  } else {
    start = open + 1;
    const close = arg.indexOf(']', start);
    if (close < 0 || !ipv6) return 'Invalid address format';
    addrEnd = close;
    colon = arg.indexOf(':', close + 1);
  }
  if (colon >= 0) {
    const ports = checkNatPortSpec(arg.slice(colon + 1), portsAllowed);
    if (ports) return ports;
    // Ports alone, with no address (`:80`, `[]:80`).
    if (colon === 0 || colon === 2) return undefined;
  }
  const addr = arg.slice(start, addrEnd);
  const dash = addr.indexOf('-');
  const low = dash < 0 ? addr : addr.slice(0, dash);
  if (!ptonOk(low, ipv6)) return `Bad IP address "${low}"`;
  if (dash >= 0 && !ptonOk(addr.slice(dash + 1), ipv6)) return `Bad IP address "${addr.slice(dash + 1)}"`;
  return undefined;
}
