import { file, type CheckCases } from '../../test-support/cases';

const HEAD = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]'];
const SET = '-m recent --name ssh --set';
const UPDATE = '-m recent --name ssh --update --seconds 60 --hitcount 4 -j DROP';
/** A brute-force guard in its own chain, as many real files write it (issue 19). */
const GUARD = [`-A SSHBRUTE ${SET}`, `-A SSHBRUTE ${UPDATE}`, '-A SSHBRUTE -j ACCEPT'];
const ICMP_GUARD = ['-A ICMPFLOOD -m recent --name icmp --set', '-A ICMPFLOOD -m recent --name icmp --update --seconds 1 --hitcount 6 -j DROP', '-A ICMPFLOOD -j ACCEPT'];

export const cases: CheckCases = {
  valid: [
    { name: 'NEW before recent', text: file(...HEAD, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${SET}`, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${UPDATE}`, '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT') },
    { name: '-m state NEW', text: file(...HEAD, `-A INPUT -p tcp --dport 22 -m state --state NEW ${SET}`, 'COMMIT') },
    { name: '--syn', text: file(...HEAD, `-A INPUT -p tcp --syn --dport 22 ${SET}`, 'COMMIT') },
    { name: 'established accepted earlier in the chain', text: file(...HEAD, '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', `-A INPUT -p tcp --dport 22 ${SET}`, `-A INPUT -p tcp --dport 22 ${UPDATE}`, 'COMMIT') },
    { name: 'a guard chain entered only with --ctstate NEW', text: file(...HEAD, ':SSHBRUTE - [0:0]', '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j SSHBRUTE', ...GUARD, 'COMMIT') },
    { name: 'a guard chain entered only with SYN-only flags and NEW', text: file(...HEAD, ':SSHBRUTE - [0:0]', '-A INPUT -p tcp -m tcp --dport 22 --tcp-flags FIN,SYN,RST,ACK SYN -m conntrack --ctstate NEW -j SSHBRUTE', '-A INPUT -p tcp -m tcp --dport 222 --tcp-flags FIN,SYN,RST,ACK SYN -j SSHBRUTE', ...GUARD, 'COMMIT') },
    { name: 'a guard chain entered only with --syn', text: file(...HEAD, ':SSHBRUTE - [0:0]', '-A INPUT -p tcp --syn --dport 22 -j SSHBRUTE', ...GUARD, 'COMMIT') },
    { name: 'a guard chain entered after an ESTABLISHED accept', text: file(...HEAD, ':SSHBRUTE - [0:0]', '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j SSHBRUTE', ...GUARD, 'COMMIT') },
    { name: 'a guard chain entered through another chain that accepts ESTABLISHED first', text: file(...HEAD, ':BASE - [0:0]', ':SSHBRUTE - [0:0]', '-A INPUT -j BASE', '-A INPUT -p tcp --dport 22 -j SSHBRUTE', '-A BASE -m state --state ESTABLISHED,RELATED -j ACCEPT', ...GUARD, 'COMMIT') },
    { name: 'a guard chain two jumps down from NEW', text: file(...HEAD, ':NEWCONN - [0:0]', ':SSHBRUTE - [0:0]', '-A INPUT -m conntrack --ctstate NEW -j NEWCONN', '-A NEWCONN -p tcp --dport 22 -j SSHBRUTE', ...GUARD, 'COMMIT') },
    { name: 'an ICMP echo rate limit in its own chain', text: file(...HEAD, ':ICMPFLOOD - [0:0]', '-A INPUT -p icmp --icmp-type echo-request -j ICMPFLOOD', ...ICMP_GUARD, 'COMMIT') },
    { name: 'an ICMPv6 echo rate limit in its own chain', text: file('*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ':ICMPFLOOD - [0:0]', '-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ICMPFLOOD', ...ICMP_GUARD, 'COMMIT'), options: { family: 'ipv6' } },
    { name: 'a UDP DNS query limit counts queries on purpose', text: file(...HEAD, '-A INPUT -p udp --dport 53 -m recent --set --name dns', '-A INPUT -p udp --dport 53 -m recent --name dns --rcheck --seconds 60 --hitcount 4 -j DROP', 'COMMIT') },
    { name: 'the nat table sees only the first packet of a connection', text: file('*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', `-A PREROUTING -p tcp --dport 22 ${SET}`, 'COMMIT') },
    { name: 'an ESTABLISHED accept on the same port before it', text: file(...HEAD, '-A INPUT -p tcp --dport 22 -m state --state ESTABLISHED -j ACCEPT', `-A INPUT -p tcp --dport 22 ${SET}`, 'COMMIT') },
    { name: 'an --rcheck without a hit count', text: file(...HEAD, '-A INPUT -m recent --name bad --rcheck --seconds 60 -j DROP', 'COMMIT') },
  ],
  invalid: [
    {
      name: 'the brute-force guard without NEW',
      text: file(...HEAD, `-A INPUT -p tcp --dport 22 ${SET}`, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${UPDATE}`, '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 5, message: /recorded as several hits/ }],
      output: file(...HEAD, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${SET}`, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${UPDATE}`, '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'an --update with a hit count, without NEW',
      text: file(...HEAD, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${SET}`, `-A INPUT -p tcp --dport 22 ${UPDATE}`, '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 6, message: /reach the hit count/ }],
      output: file(...HEAD, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${SET}`, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${UPDATE}`, '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'ESTABLISHED among other states is not NEW only',
      text: file(...HEAD, `-A INPUT -p tcp --dport 22 -m state --state NEW,ESTABLISHED ${SET}`, 'COMMIT'),
      diagnostics: [{ line: 5 }],
      output: file(...HEAD, `-A INPUT -p tcp --dport 22 -m state --state NEW,ESTABLISHED -m conntrack --ctstate NEW ${SET}`, 'COMMIT'),
    },
    {
      name: 'a guard chain entered without a state restriction',
      text: file(...HEAD, ':SSHBRUTE - [0:0]', '-A INPUT -p tcp --dport 22 -j SSHBRUTE', ...GUARD, 'COMMIT'),
      diagnostics: [{ line: 7, message: /recorded as several hits/ }, { line: 8, message: /reach the hit count/ }],
      output: file(...HEAD, ':SSHBRUTE - [0:0]', '-A INPUT -p tcp --dport 22 -j SSHBRUTE', `-A SSHBRUTE -m conntrack --ctstate NEW ${SET}`, `-A SSHBRUTE ${UPDATE}`, '-A SSHBRUTE -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'a guard chain entered once with NEW and once without',
      text: file(...HEAD, ':SSHBRUTE - [0:0]', '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j SSHBRUTE', '-A INPUT -p tcp --dport 2222 -j SSHBRUTE', ...GUARD, 'COMMIT'),
      diagnostics: [{ line: 8 }, { line: 9 }],
      output: file(...HEAD, ':SSHBRUTE - [0:0]', '-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j SSHBRUTE', '-A INPUT -p tcp --dport 2222 -j SSHBRUTE', `-A SSHBRUTE -m conntrack --ctstate NEW ${SET}`, `-A SSHBRUTE ${UPDATE}`, '-A SSHBRUTE -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'an ESTABLISHED accept on another port does not cover it',
      text: file(...HEAD, '-A INPUT -p tcp --dport 80 -m state --state ESTABLISHED -j ACCEPT', `-A INPUT -p tcp --dport 22 ${SET}`, 'COMMIT'),
      diagnostics: [{ line: 6 }],
      output: file(...HEAD, '-A INPUT -p tcp --dport 80 -m state --state ESTABLISHED -j ACCEPT', `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${SET}`, 'COMMIT'),
    },
    {
      name: 'a chain that only returns ESTABLISHED packets does not stop them',
      text: file(...HEAD, ':BASE - [0:0]', ':SSHBRUTE - [0:0]', '-A INPUT -j BASE', '-A INPUT -p tcp --dport 22 -j SSHBRUTE', '-A BASE -m state --state ESTABLISHED -j RETURN', ...GUARD, 'COMMIT'),
      diagnostics: [{ line: 10 }, { line: 11 }],
      output: file(...HEAD, ':BASE - [0:0]', ':SSHBRUTE - [0:0]', '-A INPUT -j BASE', '-A INPUT -p tcp --dport 22 -j SSHBRUTE', '-A BASE -m state --state ESTABLISHED -j RETURN', `-A SSHBRUTE -m conntrack --ctstate NEW ${SET}`, `-A SSHBRUTE ${UPDATE}`, '-A SSHBRUTE -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'a guard chain gone to without a state restriction',
      text: file(...HEAD, ':SSHBRUTE - [0:0]', '-A INPUT -p tcp --dport 22 -g SSHBRUTE', ...GUARD, 'COMMIT'),
      diagnostics: [{ line: 7 }, { line: 8 }],
      output: file(...HEAD, ':SSHBRUTE - [0:0]', '-A INPUT -p tcp --dport 22 -g SSHBRUTE', `-A SSHBRUTE -m conntrack --ctstate NEW ${SET}`, `-A SSHBRUTE ${UPDATE}`, '-A SSHBRUTE -j ACCEPT', 'COMMIT'),
    },
  ],
};
