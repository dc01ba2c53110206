// Random small rulesets built from what decides reachability, for holding the reachability engine
// against a real kernel. The filter table carries policies, stateful and stateless accepts, RETURN
// chains, reject types, source and interface limits, missing ESTABLISHED and OUTPUT DROP; features
// add rate and connection limits, multicast and broadcast conditions, the raw, mangle, nat and
// security tables, and IPv6 (with neighbour discovery accepted or not). Seeded, so a failure replays.
import { rng } from './rule-generator';

export { rng };

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rand, p: number): boolean => r() < p;

/** The ports each ruleset is probed on, and names /etc/services gives some of them. */
export const PROBE_PORTS = [22, 25, 443, 993];
const NAMES: Record<number, string> = { 22: 'ssh', 25: 'smtp', 443: 'https', 993: 'imaps' };
/** Where nat REDIRECT and DNAT rules send connections: the probe listens there too. */
export const NAT_TARGETS = [8080, 8443];

/** What a ruleset may use beyond a plain IPv4 filter table. */
export type Feature = 'rate' | 'mcast' | 'raw' | 'mangle' | 'nat' | 'security' | 'v6';
export const FEATURES: readonly Feature[] = ['rate', 'mcast', 'raw', 'mangle', 'nat', 'security', 'v6'];

export interface ProbeRuleset {
  text: string;
  family: 4 | 6;
  /** The features this ruleset uses (empty: a plain IPv4 filter table). */
  features: Feature[];
  /** Ports the probe must listen on without probing them (NAT targets). */
  listen: number[];
}

interface Ctx {
  r: Rand;
  family: 4 | 6;
  has: (f: Feature) => boolean;
  /** Ports filter rules name: the probed ones, and NAT targets when nat is in use. */
  ports: number[];
}

const FAMILY = {
  4: {
    fw: '10.200.0.1',
    sources: ['-s 10.200.0.2', '-s 10.200.0.0/24', '-s 192.0.2.0/24', '! -s 192.0.2.0/24', '-s 10.200.0.9', '-s 10.200.0.2,192.0.2.1', '-m iprange --src-range 10.200.0.1-10.200.0.5'],
    dests: ['-d 10.200.0.2', '-d 192.0.2.0/24'],
    rejects: ['', ' --reject-with tcp-reset', ' --reject-with icmp-port-unreachable', ' --reject-with icmp-host-prohibited', ' --reject-with icmp-admin-prohibited', ' --reject-with icmp-net-unreachable'],
    mcast: ['-s 224.0.0.0/4', '-d 224.0.0.0/4', '-d 255.255.255.255', '-d 10.200.0.255', '! -d 224.0.0.0/4', '-m addrtype --dst-type BROADCAST', '-m addrtype --src-type BROADCAST'],
    dnat: (port: number): string => `10.200.0.1:${port}`,
    snat: ['10.200.0.1', '10.200.0.9'],
  },
  6: {
    fw: 'fd00:200::1',
    sources: ['-s fd00:200::2', '-s fd00:200::/64', '-s 2001:db8::/32', '! -s 2001:db8::/32', '-s fd00:200::9', '-s fd00:200::2,2001:db8::1', '-m iprange --src-range fd00:200::1-fd00:200::5', '-s fe80::/10'],
    dests: ['-d fd00:200::2', '-d 2001:db8::/32'],
    rejects: ['', ' --reject-with tcp-reset', ' --reject-with icmp6-port-unreachable', ' --reject-with icmp6-adm-prohibited', ' --reject-with icmp6-addr-unreachable', ' --reject-with icmp6-no-route'],
    mcast: ['-s ff00::/8', '-d ff00::/8', '-d ff02::/112', '-d ff02::1', '! -d ff00::/8'],
    dnat: (port: number): string => `[fd00:200::1]:${port}`,
    snat: ['fd00:200::1', 'fd00:200::9'],
  },
} as const;

const IFACES = ['-i eth0', '-i eth+', '-i eth1', '! -i lo', '-i lo'];
const ESTABLISHED = ['-m conntrack --ctstate ESTABLISHED,RELATED', '-m state --state RELATED,ESTABLISHED', '-m conntrack --ctstate ESTABLISHED'];
const NEW = ['-m conntrack --ctstate NEW', '-m state --state NEW', '--syn', '--tcp-flags SYN,ACK,FIN,RST SYN'];
const UNTRACKED = ['-m conntrack --ctstate UNTRACKED', '-m state --state UNTRACKED', '-m conntrack --ctstate NEW,UNTRACKED', '-m conntrack --ctstate ESTABLISHED,RELATED,UNTRACKED'];
const PKTTYPE = ['-m pkttype --pkt-type broadcast', '-m pkttype --pkt-type multicast', '-m pkttype --pkt-type host', '-m pkttype ! --pkt-type host'];
// IPv6 has no broadcast addresses: ip6tables refuses `--dst-type BROADCAST`.
const ADDRTYPE = ['-m addrtype --dst-type LOCAL', '-m addrtype --dst-type MULTICAST', '-m addrtype ! --dst-type LOCAL', '-m addrtype --src-type LOCAL', '-m addrtype --dst-type UNICAST', '-m addrtype --dst-type LOCAL --limit-iface-in'];
const MARKS = ['1', '2', '0x10'];
const MARK_MATCHES = ['1', '2', '0x10', '0x2/0xff', '0x1/0x1', '0x10/0xf0'];
// Neighbour discovery, taken in or not: a solicitation (135) in INPUT, an advertisement (136) out.
const ND_IN = ['-p ipv6-icmp', '-p icmpv6', '-p icmpv6 --icmpv6-type neighbour-solicitation', '-p icmpv6 --icmpv6-type 135', '-p icmpv6 --icmpv6-type neighbour-advertisement', '-p icmpv6 --icmpv6-type 136 -m hl --hl-eq 255', '-s fe80::/10 -p icmpv6', '-d ff02::/16 -p icmpv6', '-p icmpv6 --icmpv6-type echo-request'];
const ND_OUT = ['-p icmpv6', '-p icmpv6 --icmpv6-type neighbour-advertisement', '-p icmpv6 --icmpv6-type 136', '-p icmpv6 --icmpv6-type neighbour-solicitation'];

function portMatch(r: Rand, ports: number[], dir: 'd' | 's' = 'd'): string {
  const p = pick(r, ports);
  switch (Math.floor(r() * 4)) {
    case 0:
      return `-p tcp -m multiport --${dir}ports ${[p, pick(r, ports)].join(',')}`;
    case 1:
      return `-p tcp --${dir}port ${NAMES[p] ?? p}`;
    case 2:
      return `-p tcp -m tcp --${dir}port ${p - 1}:${p}`;
    default:
      return `-p tcp --${dir}port ${p}`;
  }
}

/**
 * Rate and count matches whose answer for a connection alone the engine decides. Buckets are deep
 * (100) and slow (1/hour): the probe tries every port of a ruleset in turn, and the engine's
 * reading is of one connection, so no probe may empty a bucket. Counts are 0 or 50 for the same
 * reason (a half-open probe stays counted).
 */
function rateMatch(r: Rand, accept: boolean): string {
  const name = `r${Math.floor(r() * 1e6)}`;
  const hashlimit = ` --hashlimit-mode srcip --hashlimit-burst 100 --hashlimit-name ${name}`;
  const bucket = accept
    ? pick(r, ['-m limit --limit 1/hour --limit-burst 100', `-m hashlimit --hashlimit-upto 1/hour${hashlimit}`])
    : `-m hashlimit --hashlimit-above 1/hour${hashlimit}`;
  return chance(r, 0.5) ? bucket : `-m connlimit --connlimit-${pick(r, ['above', 'upto'])} ${pick(r, [0, 50])}`;
}

function limits(c: Ctx): string {
  const parts: string[] = [];
  if (chance(c.r, 0.25)) parts.push(pick(c.r, FAMILY[c.family].sources));
  if (chance(c.r, 0.2)) parts.push(pick(c.r, IFACES));
  return parts.join(' ');
}

const rate = (c: Ctx, accept: boolean): string => (c.has('rate') && chance(c.r, 0.3) ? ' ' + rateMatch(c.r, accept) : '');

/** A rule of a feature that filter INPUT can hold, or undefined when the ruleset has none. */
function featureInputRule(c: Ctx, chain: string): string | undefined {
  const { r } = c;
  const conds: string[] = [];
  if (c.has('mcast')) conds.push(pick(r, [...FAMILY[c.family].mcast, ...PKTTYPE, ...ADDRTYPE]));
  if (c.has('mangle')) conds.push(`-m mark ${chance(r, 0.2) ? '! ' : ''}--mark ${pick(r, MARK_MATCHES)}`, `-m connmark --mark ${pick(r, MARK_MATCHES)}`);
  if (c.has('raw')) conds.push(pick(r, UNTRACKED));
  if (c.has('nat')) conds.push(pick(r, ['-m conntrack --ctstate DNAT', '-m conntrack --ctstate SNAT', `-m conntrack --ctproto tcp --ctorigdstport ${pick(r, PROBE_PORTS)}`]));
  if (!conds.length && c.family !== 6) return undefined;
  if (c.family === 6 && (!conds.length || chance(r, 0.3))) return `-A ${chain} ${pick(r, ND_IN)} -j ${pick(r, ['ACCEPT', 'ACCEPT', 'DROP'])}`;
  let rule = `-A ${chain} ${pick(r, conds)}`;
  if (chance(r, 0.5)) rule += ' ' + portMatch(r, c.ports);
  const verdict = pick(r, ['ACCEPT', 'ACCEPT', 'DROP', `REJECT${pick(r, FAMILY[c.family].rejects)}`]);
  // A reset needs `-p tcp`.
  if (verdict.includes('tcp-reset') && !rule.includes('-p tcp')) rule += ' -p tcp';
  return `${rule} -j ${verdict}`;
}

function inputRule(c: Ctx, chain: string, user: string | undefined): string {
  const { r } = c;
  const lim = limits(c);
  const pre = `-A ${chain}${lim ? ' ' + lim : ''}`;
  switch (Math.floor(r() * 12)) {
    case 0:
      return `-A ${chain} -i lo -j ACCEPT`;
    case 1:
      return `-A ${chain} ${pick(r, ESTABLISHED)} -j ACCEPT`;
    case 2:
      return `${pre} ${portMatch(r, c.ports)} ${pick(r, NEW)}${rate(c, true)} -j ACCEPT`;
    case 3:
      return `${pre} ${portMatch(r, c.ports)} -j REJECT${pick(r, FAMILY[c.family].rejects)}`;
    case 4:
      return `${pre} ${portMatch(r, c.ports)}${rate(c, false)} -j DROP`;
    case 5:
      return `${pre} ${portMatch(r, c.ports)} -j LOG --log-prefix "probe: "`;
    case 6:
      return user && chain !== user ? `${pre} -p tcp -${pick(r, ['j', 'j', 'g'])} ${user}` : `${pre} ${portMatch(r, c.ports)} -j ACCEPT`;
    case 7:
      return chain === user ? `${pre} ${portMatch(r, c.ports)} -j RETURN` : `-A ${chain} -p tcp -j ${pick(r, ['DROP', 'REJECT'])}`;
    case 8:
    case 9:
      return featureInputRule(c, chain) ?? `${pre} ${portMatch(r, c.ports)} -j ACCEPT`;
    default:
      return `${pre} ${portMatch(r, c.ports)} -j ACCEPT`;
  }
}

function outputRule(c: Ctx): string {
  const { r } = c;
  const p = pick(r, c.ports);
  const extra: string[] = [];
  if (c.has('mangle')) extra.push(`-A OUTPUT -m ${pick(r, ['mark', 'connmark'])} --mark ${pick(r, MARK_MATCHES)} -j ${pick(r, ['ACCEPT', 'DROP'])}`);
  if (c.has('mcast')) extra.push(`-A OUTPUT ${pick(r, ['-m pkttype --pkt-type host', '-m pkttype --pkt-type multicast', '-m addrtype --dst-type MULTICAST', '-m addrtype --src-type LOCAL', FAMILY[c.family].mcast[1]])} -j ${pick(r, ['ACCEPT', 'DROP'])}`);
  if (c.has('raw')) extra.push(`-A OUTPUT ${pick(r, UNTRACKED)} -j ACCEPT`);
  if (c.family === 6) extra.push(`-A OUTPUT ${pick(r, ND_OUT)} -j ${pick(r, ['ACCEPT', 'ACCEPT', 'DROP'])}`);
  switch (Math.floor(r() * (extra.length ? 6 : 5))) {
    case 0:
      return `-A OUTPUT ${pick(r, ESTABLISHED)} -j ACCEPT`;
    case 1:
      return `-A OUTPUT -p tcp --sport ${p} -j ACCEPT`;
    case 2:
      return '-A OUTPUT -o lo -j ACCEPT';
    case 3:
      return `-A OUTPUT -p tcp --sport ${p} -j DROP`;
    case 4:
      return `-A OUTPUT -p tcp -m multiport --sports ${p},${pick(r, c.ports)} ${pick(r, ['-o eth0', '-o eth1', ...FAMILY[c.family].dests])} -j ACCEPT`;
    default:
      return pick(r, extra);
  }
}

function filterTable(c: Ctx): string[] {
  const { r } = c;
  const lines = ['*filter'];
  lines.push(`:INPUT ${chance(r, 0.8) ? 'DROP' : 'ACCEPT'} [0:0]`, ':FORWARD DROP [0:0]', `:OUTPUT ${chance(r, 0.7) ? 'ACCEPT' : 'DROP'} [0:0]`);
  const user = chance(r, 0.4) ? 'SVC' : undefined;
  if (user) lines.push(`:${user} - [0:0]`);
  // IPv6: half the rulesets take neighbour discovery in first, the others leave it to chance.
  if (c.family === 6 && chance(r, 0.5)) lines.push(`-A INPUT ${pick(r, ND_IN.slice(0, 4))} -j ACCEPT`);
  const n = 1 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) lines.push(inputRule(c, 'INPUT', user));
  if (user) {
    const m = 1 + Math.floor(r() * 3);
    for (let i = 0; i < m; i++) lines.push(inputRule(c, user, user));
  }
  const o = Math.floor(r() * 3);
  for (let i = 0; i < o; i++) lines.push(outputRule(c));
  lines.push('COMMIT');
  return lines;
}

function table(name: string, chains: string[], rules: string[], policy: (chain: string) => string = () => 'ACCEPT'): string[] {
  return [`*${name}`, ...chains.map((ch) => `:${ch} ${policy(ch)} [0:0]`), ...rules, 'COMMIT'];
}

function rules(r: Rand, most: number, one: () => string): string[] {
  return Array.from({ length: 1 + Math.floor(r() * most) }, one);
}

/** raw PREROUTING/OUTPUT: conntrack exemptions (NOTRACK, CT --notrack) and early drops. */
function rawTable(c: Ctx): string[] {
  const { r } = c;
  const notrack = (): string => pick(r, ['NOTRACK', 'CT --notrack']);
  return table('raw', ['PREROUTING', 'OUTPUT'], rules(r, 3, () => {
    switch (Math.floor(r() * 7)) {
      case 0:
        return `-A PREROUTING -j ${notrack()}`;
      case 1:
      case 2:
        return `-A PREROUTING ${portMatch(r, PROBE_PORTS)} -j ${notrack()}`;
      case 3:
        return `-A OUTPUT ${chance(r, 0.5) ? portMatch(r, PROBE_PORTS, 's') + ' ' : ''}-j ${notrack()}`;
      case 4:
        return `-A PREROUTING ${portMatch(r, PROBE_PORTS)}${chance(r, 0.3) ? ' ' + pick(r, FAMILY[c.family].sources) : ''} -j DROP`;
      case 5:
        return `-A OUTPUT ${portMatch(r, PROBE_PORTS, 's')} -j DROP`;
      default:
        return `-A PREROUTING ${pick(r, ['-i lo', ...FAMILY[c.family].sources])} -j ${pick(r, ['ACCEPT', 'RETURN', notrack()])}`;
    }
  }));
}

/** mangle: packet and connection marks set for filter to read, and drops in every chain. */
function mangleTable(c: Ctx): string[] {
  const { r } = c;
  const set = (): string => pick(r, [`MARK --set-mark ${pick(r, MARKS)}`, `MARK --set-xmark ${pick(r, MARKS)}/0xff`, `CONNMARK --set-mark ${pick(r, MARKS)}`]);
  const cond = (dir: 'd' | 's'): string => (chance(r, 0.7) ? portMatch(r, PROBE_PORTS, dir) + ' ' : '');
  return table('mangle', ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'], rules(r, 4, () => {
    const inbound = pick(r, ['PREROUTING', 'PREROUTING', 'INPUT']);
    const outbound = pick(r, ['OUTPUT', 'POSTROUTING']);
    switch (Math.floor(r() * 8)) {
      case 0:
      case 1:
        return `-A ${inbound} ${cond('d')}-j ${set()}`;
      case 2:
        return `-A ${inbound} -j CONNMARK --${pick(r, ['save-mark', 'restore-mark'])}`;
      case 3:
        return `-A ${outbound} -j CONNMARK --restore-mark`;
      case 4:
        return `-A ${outbound} ${cond('s')}-j MARK --set-mark ${pick(r, MARKS)}`;
      case 5:
        return `-A ${inbound} ${portMatch(r, PROBE_PORTS)} -j DROP`;
      case 6:
        return `-A ${outbound} ${portMatch(r, PROBE_PORTS, 's')} -j DROP`;
      default:
        return `-A ${pick(r, [inbound, outbound])} -m ${pick(r, ['mark', 'connmark'])} --mark ${pick(r, MARK_MATCHES)} -j ${pick(r, ['DROP', 'ACCEPT', 'RETURN'])}`;
    }
  }));
}

/** nat: REDIRECT and DNAT to the probe's own address (to a listened port), and rules that leave an incoming connection alone. */
function natTable(c: Ctx): string[] {
  const { r } = c;
  const f = FAMILY[c.family];
  const target = (): number => pick(r, [...NAT_TARGETS, ...PROBE_PORTS]);
  return table('nat', ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'], rules(r, 4, () => {
    switch (Math.floor(r() * 9)) {
      case 0:
      case 1:
        return `-A PREROUTING ${portMatch(r, PROBE_PORTS)}${chance(r, 0.2) ? ' -i eth0' : ''} -j REDIRECT --to-ports ${target()}`;
      case 2:
      case 3:
        return `-A PREROUTING ${portMatch(r, PROBE_PORTS)} -j DNAT --to-destination ${f.dnat(target())}`;
      case 4:
        return `-A PREROUTING ${pick(r, [portMatch(r, PROBE_PORTS), ...f.sources])} -j ${pick(r, ['ACCEPT', 'RETURN'])}`;
      case 5:
        return `-A INPUT ${chance(r, 0.5) ? portMatch(r, [...PROBE_PORTS, ...NAT_TARGETS]) + ' ' : ''}-j ${pick(r, ['ACCEPT', 'RETURN', `SNAT --to-source ${pick(r, f.snat)}`])}`;
      case 6:
        return `-A OUTPUT ${portMatch(r, PROBE_PORTS)} -j ${pick(r, [`REDIRECT --to-ports ${target()}`, 'ACCEPT', 'RETURN'])}`;
      default:
        return `-A POSTROUTING ${pick(r, ['-o eth0 ', '', portMatch(r, PROBE_PORTS, 's') + ' '])}-j ${pick(r, ['MASQUERADE', `SNAT --to-source ${f.snat[0]}`, 'ACCEPT', 'RETURN'])}`;
    }
  }));
}

/** security: filter-like INPUT/OUTPUT (no REJECT there), with a DROP policy at times. */
function securityTable(c: Ctx): string[] {
  const { r } = c;
  const strict = chance(r, 0.25);
  const lines = rules(r, 3, () => {
    switch (Math.floor(r() * 5)) {
      case 0:
        return `-A INPUT ${portMatch(r, PROBE_PORTS)} -j ${pick(r, ['DROP', 'ACCEPT', 'RETURN'])}`;
      case 1:
        return `-A OUTPUT ${portMatch(r, PROBE_PORTS, 's')} -j ${pick(r, ['DROP', 'ACCEPT'])}`;
      case 2:
        return `-A INPUT ${pick(r, ESTABLISHED)} -j ACCEPT`;
      case 3:
        return `-A INPUT ${pick(r, FAMILY[c.family].sources)} -j ${pick(r, ['DROP', 'ACCEPT'])}`;
      default:
        return `-A ${pick(r, ['INPUT', 'OUTPUT'])} -p tcp -j ACCEPT`;
    }
  });
  return table('security', ['INPUT', 'FORWARD', 'OUTPUT'], lines, (ch) => (strict && ch === 'INPUT' ? 'DROP' : 'ACCEPT'));
}

/** One random filter table (IPv4, with rate and connection limits). */
export function randomRuleset(r: Rand): string {
  const c: Ctx = { r, family: 4, has: (f) => f === 'rate', ports: PROBE_PORTS };
  return [...filterTable(c), ''].join('\n');
}

/**
 * Which features the next ruleset uses: each of `enabled` by chance; when the set was narrowed
 * (`forced`), at least one of them always.
 */
export function drawFeatures(r: Rand, enabled: readonly Feature[], forced: boolean): Feature[] {
  const chosen = enabled.filter((f) => chance(r, f === 'v6' ? 0.3 : 0.25));
  if (forced && enabled.length && !chosen.length) chosen.push(pick(r, enabled));
  return FEATURES.filter((f) => chosen.includes(f));
}

/** One random ruleset for the kernel probe with these features, its tables in iptables-save's order. */
export function randomProbeRuleset(r: Rand, features: readonly Feature[]): ProbeRuleset {
  const has = (f: Feature): boolean => features.includes(f);
  const family = has('v6') ? 6 : 4;
  const c: Ctx = { r, family, has, ports: has('nat') ? [...PROBE_PORTS, ...NAT_TARGETS] : PROBE_PORTS };
  const lines: string[] = [];
  if (has('security')) lines.push(...securityTable(c));
  if (has('raw')) lines.push(...rawTable(c));
  if (has('mangle')) lines.push(...mangleTable(c));
  if (has('nat')) lines.push(...natTable(c));
  lines.push(...filterTable(c), '');
  return { text: lines.join('\n'), family, features: [...features], listen: has('nat') ? NAT_TARGETS : [] };
}
