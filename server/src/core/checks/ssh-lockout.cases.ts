import { file, FILTER_HEAD, type CheckCases } from '../../test-support/cases';

const H = FILTER_HEAD;
const LO = '-A INPUT -i lo -j ACCEPT';
const EST = '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT';
const SSH = '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT';

export const cases: CheckCases = {
  valid: [
    { name: 'DROP policy with an SSH accept', text: file(...H, LO, EST, SSH, 'COMMIT'), kernel: { port: 22, verdict: 'open' } },
    { name: 'ACCEPT policy and no drop', text: file('*filter', ':INPUT ACCEPT [0:0]', LO, 'COMMIT'), kernel: { port: 22, verdict: 'open' } },
    { name: 'SSH accepted before a final DROP rule', text: file('*filter', ':INPUT ACCEPT [0:0]', SSH, '-A INPUT -j DROP', 'COMMIT'), kernel: { port: 22, verdict: 'open' } },
    { name: 'service name', text: file(...H, '-A INPUT -p tcp --dport ssh -j ACCEPT', 'COMMIT'), kernel: { port: 22, verdict: 'open' } },
    { name: 'multiport list', text: file(...H, '-A INPUT -p tcp -m multiport --dports 25,22,587 -j ACCEPT', 'COMMIT'), kernel: { port: 22, verdict: 'open' } },
    { name: 'port range', text: file(...H, '-A INPUT -p tcp --dport 20:25 -j ACCEPT', 'COMMIT'), kernel: { port: 22, verdict: 'open' } },
    { name: 'NEW state accept', text: file(...H, EST, '-A INPUT -p tcp -m state --state NEW --dport 22 -j ACCEPT', 'COMMIT') },
    {
      name: 'accepted inside a user chain',
      text: file(...H, ':SERVICES - [0:0]', '-A INPUT -j SERVICES', '-A SERVICES -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      kernel: { port: 22, verdict: 'open' },
    },
    {
      name: 'a user chain RETURNs UDP, and the TCP rule after it accepts',
      text: file(...H, ':UDPCHK - [0:0]', '-A INPUT -j UDPCHK', '-A UDPCHK -p udp -j RETURN', '-A UDPCHK -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
    },
    { name: 'limited to an admin network: SSH may stay open', text: file(...H, '-A INPUT -s 203.0.113.0/24 -p tcp --dport 22 -j ACCEPT', 'COMMIT') },
    { name: 'a rate limit may let it through', text: file(...H, '-A INPUT -p tcp --dport 22 -m limit --limit 3/min -j ACCEPT', 'COMMIT') },
    {
      name: 'a rate-limited accept lets one connection in',
      text: file(...H, LO, EST, '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -m limit --limit 3/min --limit-burst 3 -j ACCEPT', 'COMMIT'),
      kernel: { port: 22, verdict: 'open' },
    },
    {
      name: 'a connection limit above 1 does not count one connection',
      text: file(...H, EST, '-A INPUT -p tcp --syn --dport 22 -m connlimit --connlimit-above 1 -j REJECT', SSH, 'COMMIT'),
      kernel: { port: 22, verdict: 'open' },
    },
    { name: 'sshd on another port', options: { sshPorts: [2222] }, text: file(...H, '-A INPUT -p tcp --dport 2222 -j ACCEPT', 'COMMIT') },
    { name: 'everything accepted first', text: file(...H, '-A INPUT -j ACCEPT', 'COMMIT'), kernel: { port: 22, verdict: 'open' } },
    { name: 'only a nat table', text: file('*nat', ':PREROUTING ACCEPT [0:0]', 'COMMIT') },
    { name: 'handed to userspace (NFQUEUE decides)', text: file(...H, '-A INPUT -p tcp -j NFQUEUE --queue-num 1', 'COMMIT') },
    {
      name: 'the raw table untracks SSH, so a state match cannot be judged',
      text: file('*raw', ':PREROUTING ACCEPT [0:0]', '-A PREROUTING -p tcp --dport 22 -j NOTRACK', 'COMMIT', ...H, '-A INPUT -p tcp --dport 22 -m conntrack --ctstate UNTRACKED -j ACCEPT', 'COMMIT'),
      kernel: { port: 22, verdict: 'open' },
    },
    { name: 'a drop rule for another port only', text: file('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -p tcp --dport 3306 -j DROP', 'COMMIT'), kernel: { port: 22, verdict: 'open' } },
  ],
  invalid: [
    {
      name: 'a rate-limited NEW accept and no ESTABLISHED rule: the SYN gets in, the rest does not',
      text: file(...H, '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -m limit --limit 3/min -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 2, message: /are accepted, but the rest of the connection is dropped in INPUT/ }],
      output: file(...H, EST, '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -m limit --limit 3/min -j ACCEPT', 'COMMIT'),
      kernel: { port: 22, verdict: 'half-open' },
    },
    {
      name: 'DROP policy and no SSH rule',
      text: file(...H, LO, EST, '-A INPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 2, message: /dropped by the INPUT policy DROP \(line 2\)/ }],
      output: file(...H, LO, EST, '-A INPUT -p tcp --dport 25 -j ACCEPT', SSH, 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'the SSH rule is commented out',
      text: file(...H, LO, EST, '#-A INPUT -p tcp -m state --state NEW --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 2, message: /The SSH rule on line 7 is commented out/ }],
      output: file(...H, LO, EST, '-A INPUT -p tcp -m state --state NEW --dport 22 -j ACCEPT', 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'a final REJECT',
      text: file('*filter', ':INPUT ACCEPT [0:0]', LO, '-A INPUT -p tcp --dport 80 -j ACCEPT', '-A INPUT -j REJECT', 'COMMIT'),
      diagnostics: [{ line: 5, message: /rejected by the rule on line 5/ }],
      output: file('*filter', ':INPUT ACCEPT [0:0]', LO, '-A INPUT -p tcp --dport 80 -j ACCEPT', SSH, '-A INPUT -j REJECT', 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'the SSH rule comes after the catch-all drop',
      text: file('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -j DROP', SSH, 'COMMIT'),
      diagnostics: [{ line: 3 }],
      output: file('*filter', ':INPUT ACCEPT [0:0]', SSH, '-A INPUT -j DROP', SSH, 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'a commented rule below the drop is not offered as the fix',
      text: file('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -j DROP', '# -A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 3, message: /commented out/ }],
      output: file('*filter', ':INPUT ACCEPT [0:0]', SSH, '-A INPUT -j DROP', '# -A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'SSH accepted only for ESTABLISHED packets',
      text: file(...H, '-A INPUT -p tcp --dport 22 -m conntrack --ctstate ESTABLISHED -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 2 }],
      output: file(...H, '-A INPUT -p tcp --dport 22 -m conntrack --ctstate ESTABLISHED -j ACCEPT', SSH, 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'SSH accepted only on loopback',
      text: file(...H, '-A INPUT -i lo -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 2 }],
      output: file(...H, '-A INPUT -i lo -p tcp --dport 22 -j ACCEPT', SSH, 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'a user chain RETURNs TCP before its SSH accept',
      text: file(...H, ':SVC - [0:0]', '-A INPUT -j SVC', '-A SVC -p tcp -j RETURN', '-A SVC -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 2 }],
      output: file(...H, ':SVC - [0:0]', '-A INPUT -j SVC', SSH, '-A SVC -p tcp -j RETURN', '-A SVC -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'a user chain that drops, reached by a jump',
      text: file('*filter', ':INPUT ACCEPT [0:0]', ':BLOCK - [0:0]', '-A INPUT -j BLOCK', '-A BLOCK -j DROP', 'COMMIT'),
      diagnostics: [{ line: 5, message: /line 5/ }],
      output: file('*filter', ':INPUT ACCEPT [0:0]', ':BLOCK - [0:0]', SSH, '-A INPUT -j BLOCK', '-A BLOCK -j DROP', 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'negated port',
      text: file(...H, '-A INPUT -p tcp ! --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 2 }],
      output: file(...H, '-A INPUT -p tcp ! --dport 22 -j ACCEPT', SSH, 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'sshd on 2222 but only 22 is open',
      options: { sshPorts: [2222] },
      text: file(...H, SSH, 'COMMIT'),
      diagnostics: [{ line: 2, message: /tcp\/2222/ }],
      output: file(...H, SSH, '-A INPUT -p tcp -m tcp --dport 2222 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'a second filter block replaces the first one',
      text: file(...H, SSH, 'COMMIT', '*filter', ':INPUT DROP [0:0]', 'COMMIT'),
      diagnostics: [{ line: 8 }],
      output: file(...H, SSH, 'COMMIT', '*filter', ':INPUT DROP [0:0]', SSH, 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'a drop for one source, then the policy: the message names the policy, the fix goes above both',
      text: file(...H, '-A INPUT -s 192.0.2.7 -j DROP', 'COMMIT'),
      diagnostics: [{ line: 2, message: /by the INPUT policy DROP \(line 2\)/ }],
      output: file(...H, SSH, '-A INPUT -s 192.0.2.7 -j DROP', 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'a DROP policy set with -P',
      text: file('*filter', ':INPUT ACCEPT [0:0]', '-P INPUT DROP', LO, 'COMMIT'),
      diagnostics: [{ line: 3, message: /policy DROP \(line 3\)/ }],
      output: file('*filter', ':INPUT ACCEPT [0:0]', '-P INPUT DROP', LO, SSH, 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'IPv6 with neighbour discovery dropped: SSH is accepted, but no connection can start',
      text: file('# Generated by ip6tables-save', '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 3, message: /cannot even start: ICMPv6 neighbour solicitations are dropped by the INPUT policy DROP \(line 3\)/ }],
      output: file('# Generated by ip6tables-save', '*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-solicitation -j ACCEPT', '-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-advertisement -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'NEW accepted, the rest of the connection dropped: half-open',
      text: file(...H, LO, '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 2, message: /are accepted, but the rest of the connection is dropped in INPUT by the INPUT policy DROP/ }],
      output: file(...H, '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', LO, '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT', 'COMMIT'),
      kernel: { port: 22, verdict: 'half-open' },
    },
  ],
};
