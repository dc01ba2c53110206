import { file, type CheckCases } from '../../test-support/cases';

const HEAD = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]'];
const BASICS = ['-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT'];

export const cases: CheckCases = {
  valid: [
    { name: 'INPUT policy DROP', text: file('*filter', ':INPUT DROP [0:0]', ...BASICS, '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT') },
    { name: 'a final DROP', text: file(...HEAD, ...BASICS, '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -j DROP', 'COMMIT') },
    { name: 'a final REJECT', text: file(...HEAD, ...BASICS, '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -j REJECT --reject-with icmp-host-prohibited', 'COMMIT') },
    { name: 'a final drop of TCP only still closes every other TCP port', text: file(...HEAD, '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp -j DROP', 'COMMIT') },
    { name: 'a final drop from 0.0.0.0/0.0.0.0, a dotted mask of zeros, drops everything', text: file(...HEAD, ...BASICS, '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -s 0.0.0.0/0.0.0.0 -j DROP', 'COMMIT') },
    { name: 'no filter table', text: file('*nat', ':PREROUTING ACCEPT [0:0]', 'COMMIT') },
    { name: 'a final drop limited to one interface may or may not apply: no claim', text: file(...HEAD, '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -i eth0 -j DROP', 'COMMIT') },
  ],
  invalid: [
    {
      name: 'policy ACCEPT and no drop',
      text: file(...HEAD, ...BASICS, '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 2, message: /INPUT policy is ACCEPT/ }],
      output: file(...HEAD, ...BASICS, '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -j DROP', 'COMMIT'),
      kernel: { port: 40999, verdict: 'open', fixed: 'blocked' },
    },
    {
      name: 'the comment promises a drop that is not there: the message names it, the fix goes under it',
      text: file(...HEAD, ...BASICS, '-A INPUT -p tcp --dport 22 -j ACCEPT', '# Drop all other inbound', 'COMMIT'),
      diagnostics: [{ line: 8, message: /The comment on line 8 says "Drop all other inbound", but no rule under it drops anything/ }],
      output: file(...HEAD, ...BASICS, '-A INPUT -p tcp --dport 22 -j ACCEPT', '# Drop all other inbound', '-A INPUT -j DROP', 'COMMIT'),
    },
    {
      name: 'SSH commented out: the fix uncomments it as well, so the drop does not lock you out',
      text: file(...HEAD, ...BASICS, '#-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 25 -j ACCEPT', '# Drop all other inbound', 'COMMIT'),
      diagnostics: [{ line: 9 }],
      output: file(...HEAD, ...BASICS, '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 25 -j ACCEPT', '# Drop all other inbound', '-A INPUT -j DROP', 'COMMIT'),
    },
    {
      name: 'no SSH rule at all: the fix accepts SSH before dropping',
      text: file(...HEAD, ...BASICS, '-A INPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 2 }],
      output: file(...HEAD, ...BASICS, '-A INPUT -p tcp --dport 25 -j ACCEPT', '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT', '-A INPUT -j DROP', 'COMMIT'),
    },
    {
      name: 'an accept-everything rule',
      text: file('*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 2, message: /the rule on line 4 accepts it/ }],
      output: file('*filter', ':INPUT DROP [0:0]', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
    },
  ],
};
