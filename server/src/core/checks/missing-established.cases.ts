import { file, type CheckCases } from '../../test-support/cases';

const HEAD = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]'];
const SSH = '-A INPUT -p tcp --dport 22 -j ACCEPT';
const EST = '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT';

export const cases: CheckCases = {
  valid: [
    { name: 'established accepted first', text: file(...HEAD, EST, SSH, '-A INPUT -p tcp --dport 25 -m conntrack --ctstate NEW -j ACCEPT', 'COMMIT'), kernel: { port: 25, verdict: 'open' } },
    { name: 'a stateless accept carries the whole connection', text: file(...HEAD, SSH, '-A INPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'), kernel: { port: 25, verdict: 'open' } },
    { name: 'INPUT policy ACCEPT', text: file('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -p tcp --dport 25 --syn -j ACCEPT', 'COMMIT') },
    { name: 'OUTPUT DROP, answers from the port let out', text: file('*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT DROP [0:0]', SSH, '-A INPUT -p tcp --dport 25 -j ACCEPT', '-A OUTPUT -p tcp -m multiport --sports 22,25 -j ACCEPT', 'COMMIT') },
    { name: 'a half-open SSH port is left to ssh-lockout', text: file(...HEAD, '-A INPUT -p tcp --dport 22 -m state --state NEW -j ACCEPT', 'COMMIT') },
  ],
  invalid: [
    {
      name: 'NEW only, nothing accepts the rest',
      text: file(...HEAD, SSH, '-A INPUT -p tcp --dport 25 -m conntrack --ctstate NEW -j ACCEPT', '-A INPUT -p tcp -m multiport --dports 587,993 -m conntrack --ctstate NEW -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 6, message: /tcp\/25, tcp\/587, tcp\/993 are accepted, but the rest of each connection .* dropped by the INPUT policy DROP \(line 2\)/ }],
      output: file(...HEAD, EST, SSH, '-A INPUT -p tcp --dport 25 -m conntrack --ctstate NEW -j ACCEPT', '-A INPUT -p tcp -m multiport --dports 587,993 -m conntrack --ctstate NEW -j ACCEPT', 'COMMIT'),
      kernel: { port: 25, verdict: 'half-open', fixed: 'open' },
    },
    {
      name: '--syn only',
      text: file(...HEAD, SSH, '-A INPUT -p tcp --syn --dport 993 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 6 }],
      output: file(...HEAD, EST, SSH, '-A INPUT -p tcp --syn --dport 993 -j ACCEPT', 'COMMIT'),
      kernel: { port: 993, verdict: 'half-open', fixed: 'open' },
    },
    {
      name: 'OUTPUT DROP with nothing letting answers out',
      text: file('*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT DROP [0:0]', EST, '-A INPUT -p tcp --dport 25 -j ACCEPT', '-A OUTPUT -o lo -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 6, message: /answers are dropped on the way out by the OUTPUT policy DROP \(line 4\)/ }],
      output: file('*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT DROP [0:0]', EST, '-A INPUT -p tcp --dport 25 -j ACCEPT', '-A OUTPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A OUTPUT -o lo -j ACCEPT', 'COMMIT'),
      kernel: { port: 25, verdict: 'blocked', fixed: 'open' },
    },
  ],
};
