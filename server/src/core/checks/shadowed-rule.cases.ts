import { file, type CheckCases } from '../../test-support/cases';

const HEAD = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]'];

export const cases: CheckCases = {
  valid: [
    { name: 'an exception above the general rule', text: file(...HEAD, '-A INPUT -s 203.0.113.7 -p tcp --dport 22 -j ACCEPT', '-A INPUT -s 203.0.113.0/24 -j DROP', 'COMMIT') },
    { name: 'different ports', text: file(...HEAD, '-A INPUT -p tcp --dport 25 -j DROP', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT') },
    { name: 'the earlier rule only logs', text: file(...HEAD, '-A INPUT -p tcp --dport 22 -j LOG', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT') },
    { name: 'the earlier rule has a condition the later one lacks', text: file(...HEAD, '-A INPUT -p tcp -m conntrack --ctstate NEW -j DROP', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT') },
    { name: 'an exact copy is left to duplicate-rule', text: file(...HEAD, '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT') },
    { name: 'a jump may come back', text: file(...HEAD, ':CHECK - [0:0]', '-A INPUT -p tcp -j CHECK', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT') },
    { name: "one host's drop does not cover another host", text: file(...HEAD, '-A INPUT -s 203.0.113.7 -j DROP', '-A INPUT -s 203.0.113.8 -p tcp --dport 22 -j ACCEPT', 'COMMIT') },
    { name: 'different protocols', text: file(...HEAD, '-A INPUT -p udp --dport 53 -j DROP', '-A INPUT -p tcp --dport 53 -j ACCEPT', 'COMMIT') },
  ],
  invalid: [
    {
      name: 'an exception for one network: the move keeps SSH open for everyone else',
      text: file('*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -s 198.51.100.0/24 -p tcp --dport 22 -j DROP', 'COMMIT'),
      diagnostics: [{ line: 4 }],
      output: file('*filter', ':INPUT DROP [0:0]', '-A INPUT -s 198.51.100.0/24 -p tcp --dport 22 -j DROP', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'a network drop above a host accept',
      text: file(...HEAD, '-A INPUT -s 203.0.113.0/24 -j DROP', '-A INPUT -s 203.0.113.7 -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 6, message: /Shadowed: the rule on line 5 matches every packet this one matches and decides them first \(-j DROP\)/ }],
      output: file(...HEAD, '-A INPUT -s 203.0.113.7 -p tcp --dport 22 -j ACCEPT', '-A INPUT -s 203.0.113.0/24 -j DROP', 'COMMIT'),
    },
    {
      name: "a host's drop above the same host's accept, with its mask written out",
      text: file(...HEAD, '-A INPUT -s 203.0.113.7 -j DROP', '-A INPUT -s 203.0.113.7/32 -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 6, message: /Shadowed: the rule on line 5/ }],
      output: file(...HEAD, '-A INPUT -s 203.0.113.7/32 -p tcp --dport 22 -j ACCEPT', '-A INPUT -s 203.0.113.7 -j DROP', 'COMMIT'),
    },
    {
      name: 'a destination host dropped above an accept for it',
      text: file(...HEAD, '-A INPUT -d 192.0.2.1 -j DROP', '-A INPUT -d 192.0.2.1 -p tcp --dport 80 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 6, message: /Shadowed: the rule on line 5/ }],
      output: file(...HEAD, '-A INPUT -d 192.0.2.1 -p tcp --dport 80 -j ACCEPT', '-A INPUT -d 192.0.2.1 -j DROP', 'COMMIT'),
    },
    {
      name: 'an SSH accept under a port range drop',
      text: file('*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 25 -j ACCEPT', '-A INPUT -p tcp --dport 20:30 -j DROP', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 5 }],
      output: file('*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 25 -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 20:30 -j DROP', 'COMMIT'),
      kernel: { port: 22, verdict: 'blocked', fixed: 'open' },
    },
    {
      name: 'the same decision twice: the later one changes nothing',
      text: file(...HEAD, '-A INPUT -p tcp -m multiport --dports 25,465,587 -j ACCEPT', '-A INPUT -p tcp --dport 587 -m comment --comment "submission" -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 6, message: /Redundant/ }],
      output: file(...HEAD, '-A INPUT -p tcp -m multiport --dports 25,465,587 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'a rule with no target only counts packets, and never counts any',
      text: file(...HEAD, '-A INPUT -s 203.0.113.0/24 -j DROP', '-A INPUT -s 203.0.113.7 -p tcp --dport 22', 'COMMIT'),
      diagnostics: [{ line: 6, message: /^Shadowed: the rule on line 5 matches every packet this one matches and decides them first \(-j DROP\), so this rule, which has no target and only counts packets, never counts any\.$/ }],
    },
    {
      name: 'a target is named with its options as written, quotes and all',
      text: file(...HEAD, '-A INPUT -s 203.0.113.0/24 -j DROP', '-A INPUT -s 203.0.113.7 -j LOG --log-prefix "dropped: "', 'COMMIT'),
      diagnostics: [{ line: 6, message: /^Shadowed: the rule on line 5 matches every packet this one matches and decides them first \(-j DROP\), so this -j LOG --log-prefix "dropped: " never takes effect\.$/ }],
      output: file(...HEAD, '-A INPUT -s 203.0.113.7 -j LOG --log-prefix "dropped: "', '-A INPUT -s 203.0.113.0/24 -j DROP', 'COMMIT'),
    },
    {
      name: 'moving the rule up would lock SSH out: no fix',
      text: file('*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 22 -m comment --comment "old" -j DROP', 'COMMIT'),
      diagnostics: [{ line: 4 }],
    },
  ],
};
