// Random small filter tables built from what decides reachability (policies, stateful and stateless
// accepts, RETURN chains, reject types, source and interface limits, rate and connection limits,
// missing ESTABLISHED, OUTPUT DROP), for holding the reachability engine against a real kernel.
// Seeded, so a failure replays.
import { rng } from './rule-generator';

export { rng };

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rand, p: number): boolean => r() < p;

/** The ports each ruleset is probed on, and names /etc/services gives some of them. */
export const PROBE_PORTS = [22, 25, 443, 993];
const NAMES: Record<number, string> = { 22: 'ssh', 25: 'smtp', 443: 'https', 993: 'imaps' };


const SOURCES = ['-s 10.200.0.2', '-s 10.200.0.0/24', '-s 192.0.2.0/24', '! -s 192.0.2.0/24', '-s 10.200.0.9', '-s 10.200.0.2,192.0.2.1', '-m iprange --src-range 10.200.0.1-10.200.0.5'];
const IFACES = ['-i eth0', '-i eth+', '-i eth1', '! -i lo', '-i lo'];
const REJECTS = ['', ' --reject-with tcp-reset', ' --reject-with icmp-port-unreachable', ' --reject-with icmp-host-prohibited', ' --reject-with icmp-admin-prohibited', ' --reject-with icmp-net-unreachable'];
const ESTABLISHED = ['-m conntrack --ctstate ESTABLISHED,RELATED', '-m state --state RELATED,ESTABLISHED', '-m conntrack --ctstate ESTABLISHED'];
const NEW = ['-m conntrack --ctstate NEW', '-m state --state NEW', '--syn', '--tcp-flags SYN,ACK,FIN,RST SYN'];

function portMatch(r: Rand, ports: number[]): string {
  const p = pick(r, ports);
  switch (Math.floor(r() * 4)) {
    case 0:
      return `-p tcp -m multiport --dports ${[p, pick(r, ports)].join(',')}`;
    case 1:
      return `-p tcp --dport ${NAMES[p] ?? p}`;
    case 2:
      return `-p tcp -m tcp --dport ${p - 1}:${p}`;
    default:
      return `-p tcp --dport ${p}`;
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

function limits(r: Rand): string {
  const parts: string[] = [];
  if (chance(r, 0.25)) parts.push(pick(r, SOURCES));
  if (chance(r, 0.2)) parts.push(pick(r, IFACES));
  return parts.join(' ');
}

function inputRule(r: Rand, chain: string, user: string | undefined): string {
  const lim = limits(r);
  const ports = PROBE_PORTS;
  const pre = `-A ${chain}${lim ? ' ' + lim : ''}`;
  switch (Math.floor(r() * 10)) {
    case 0:
      return `-A ${chain} -i lo -j ACCEPT`;
    case 1:
      return `-A ${chain} ${pick(r, ESTABLISHED)} -j ACCEPT`;
    case 2:
      return `${pre} ${portMatch(r, ports)} ${pick(r, NEW)}${chance(r, 0.3) ? ' ' + rateMatch(r, true) : ''} -j ACCEPT`;
    case 3:
      return `${pre} ${portMatch(r, ports)} -j REJECT${pick(r, REJECTS)}`;
    case 4:
      return `${pre} ${portMatch(r, ports)}${chance(r, 0.3) ? ' ' + rateMatch(r, false) : ''} -j DROP`;
    case 5:
      return `${pre} ${portMatch(r, ports)} -j LOG --log-prefix "probe: "`;
    case 6:
      return user && chain !== user ? `${pre} -p tcp -${pick(r, ['j', 'j', 'g'])} ${user}` : `${pre} ${portMatch(r, ports)} -j ACCEPT`;
    case 7:
      return chain === user ? `${pre} ${portMatch(r, ports)} -j RETURN` : `-A ${chain} -p tcp -j ${pick(r, ['DROP', 'REJECT'])}`;
    default:
      return `${pre} ${portMatch(r, ports)} -j ACCEPT`;
  }
}

function outputRule(r: Rand): string {
  const p = pick(r, PROBE_PORTS);
  switch (Math.floor(r() * 5)) {
    case 0:
      return `-A OUTPUT ${pick(r, ESTABLISHED)} -j ACCEPT`;
    case 1:
      return `-A OUTPUT -p tcp --sport ${p} -j ACCEPT`;
    case 2:
      return '-A OUTPUT -o lo -j ACCEPT';
    case 3:
      return `-A OUTPUT -p tcp --sport ${p} -j DROP`;
    default:
      return `-A OUTPUT -p tcp -m multiport --sports ${p},${pick(r, PROBE_PORTS)} ${pick(r, ['-o eth0', '-o eth1', '-d 10.200.0.2', '-d 192.0.2.0/24'])} -j ACCEPT`;
  }
}

/** One random filter table. */
export function randomRuleset(r: Rand): string {
  const lines = ['*filter'];
  lines.push(`:INPUT ${chance(r, 0.8) ? 'DROP' : 'ACCEPT'} [0:0]`, ':FORWARD DROP [0:0]', `:OUTPUT ${chance(r, 0.7) ? 'ACCEPT' : 'DROP'} [0:0]`);
  const user = chance(r, 0.4) ? 'SVC' : undefined;
  if (user) lines.push(`:${user} - [0:0]`);
  const n = 1 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) lines.push(inputRule(r, 'INPUT', user));
  if (user) {
    const m = 1 + Math.floor(r() * 3);
    for (let i = 0; i < m; i++) lines.push(inputRule(r, user, user));
  }
  const o = Math.floor(r() * 3);
  for (let i = 0; i < o; i++) lines.push(outputRule(r));
  lines.push('COMMIT', '');
  return lines.join('\n');
}
