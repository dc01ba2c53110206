// Rulesets that use raw, mangle, nat and security around filter, with what the kernel did (kernel probe:
// a client on eth0, listeners on the probed ports and on 22 and 80, iptables-nft 1.8.9, kernel 6.18).
// The engine must agree in the core tests; the truth suite asks the kernel again.
import { filter, head, MANGLE, NAT, RAW, SECURITY, tables, type ReachCase } from './reach.cases';

/** Ports the cases name, and the ones a redirect sends to, which the probe also listens on. */
export const TABLE_CASE_LISTEN = [80, 22];

const EST = '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT';
/** The usual filter table: INPUT DROP, replies accepted, then `rules`. */
const guarded = (...rules: string[]): string[] => filter('DROP', EST, ...rules);
const REDIRECT = '-A PREROUTING -p tcp --dport 8080 -j REDIRECT --to-ports 80';
const MANGLE_INPUT_DROP = [...head('mangle', ['PREROUTING']), ':INPUT DROP [0:0]', ...MANGLE.slice(3)];

export const TABLE_CASES: ReachCase[] = [
  {
    name: 'raw PREROUTING drops tcp/22 before filter accepts everything',
    text: tables([...RAW, '-A PREROUTING -p tcp --dport 22 -j DROP'], guarded('-A INPUT -p tcp -j ACCEPT')),
    kernel: { 22: 'DROP', 25: 'ACCEPT', 80: 'ACCEPT', 2222: 'ACCEPT', 2525: 'ACCEPT', 8080: 'ACCEPT' },
  },
  {
    name: 'nat PREROUTING redirects 8080 to 80; filter accepts 80: both ports open',
    text: tables([...NAT, REDIRECT], guarded('-A INPUT -p tcp --dport 80 -j ACCEPT')),
    kernel: { 22: 'DROP', 25: 'DROP', 80: 'ACCEPT', 2222: 'DROP', 2525: 'DROP', 8080: 'ACCEPT' },
  },
  {
    name: 'nat PREROUTING redirects 8080 to 80; filter accepts only 8080, which it never sees',
    text: tables([...NAT, REDIRECT], guarded('-A INPUT -p tcp --dport 8080 -j ACCEPT')),
    kernel: { 22: 'DROP', 25: 'DROP', 80: 'DROP', 2222: 'DROP', 2525: 'DROP', 8080: 'DROP' },
  },
  {
    name: 'raw NOTRACK: a NEW accept no longer matches, a stateless one does',
    text: tables([...RAW, '-A PREROUTING -p tcp -j NOTRACK'], guarded('-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT', '-A INPUT -p tcp --dport 25 -j ACCEPT')),
    kernel: { 22: 'DROP', 25: 'ACCEPT', 80: 'DROP', 2222: 'DROP', 2525: 'DROP', 8080: 'DROP' },
  },
  {
    name: 'CT --notrack both ways with an UNTRACKED accept',
    text: tables(
      [...RAW, '-A PREROUTING -p tcp --dport 22 -j CT --notrack', '-A OUTPUT -p tcp --sport 22 -j CT --notrack'],
      guarded('-A INPUT -p tcp --dport 22 -m state --state UNTRACKED -j ACCEPT', '-A INPUT -p tcp --dport 25 -j ACCEPT'),
    ),
    kernel: { 22: 'ACCEPT', 25: 'ACCEPT', 80: 'DROP', 2222: 'DROP', 2525: 'DROP', 8080: 'DROP' },
  },
  {
    name: 'mangle marks tcp/22, filter accepts the mark',
    text: tables([...MANGLE, '-A PREROUTING -p tcp --dport 22 -j MARK --set-mark 0x1'], guarded('-A INPUT -m mark --mark 0x1 -j ACCEPT')),
    kernel: { 22: 'ACCEPT', 25: 'DROP', 80: 'DROP', 2222: 'DROP', 2525: 'DROP', 8080: 'DROP' },
  },
  {
    name: 'CONNMARK set on the first packet, restored on every packet: filter accepts by mark',
    text: tables(
      [...MANGLE, '-A PREROUTING -p tcp --dport 25 -m conntrack --ctstate NEW -j CONNMARK --set-mark 5', '-A PREROUTING -j CONNMARK --restore-mark'],
      filter('DROP', '-A INPUT -m mark --mark 5 -j ACCEPT'),
    ),
    kernel: { 22: 'DROP', 25: 'ACCEPT', 80: 'DROP', 2222: 'DROP', 2525: 'DROP', 8080: 'DROP' },
  },
  {
    name: 'mangle INPUT policy DROP with only tcp/25 and ESTABLISHED accepted',
    text: tables([...MANGLE_INPUT_DROP, '-A INPUT -p tcp --dport 25 -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT'], guarded('-A INPUT -p tcp -j ACCEPT')),
    kernel: { 22: 'DROP', 25: 'ACCEPT', 80: 'DROP', 2222: 'DROP', 2525: 'DROP', 8080: 'DROP' },
  },
  {
    name: 'security OUTPUT drops replies from tcp/25',
    text: tables([...SECURITY, '-A OUTPUT -p tcp --sport 25 -j DROP'], guarded('-A INPUT -p tcp -j ACCEPT')),
    kernel: { 22: 'ACCEPT', 25: 'DROP', 80: 'ACCEPT', 2222: 'ACCEPT', 2525: 'ACCEPT', 8080: 'ACCEPT' },
  },
  {
    name: 'DNAT to this host keeps the connection (DNAT state matches); DNAT to another host does not reach a local service',
    text: tables(
      [...NAT, '-A PREROUTING -p tcp --dport 2222 -j DNAT --to-destination 10.200.0.1:22', '-A PREROUTING -p tcp --dport 2525 -j DNAT --to-destination 10.9.9.9:25'],
      guarded('-A INPUT -p tcp --dport 22 -m conntrack --ctstate DNAT -j ACCEPT'),
    ),
    kernel: { 22: 'DROP', 25: 'DROP', 80: 'DROP', 2222: 'ACCEPT', 2525: 'DROP', 8080: 'DROP' },
  },
];
