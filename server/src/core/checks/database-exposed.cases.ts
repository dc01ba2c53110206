import { file, type CheckCases } from '../../test-support/cases';

const HEAD = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT'];
const SSH = '-A INPUT -p tcp --dport 22 -j ACCEPT';

export const cases: CheckCases = {
  valid: [
    { name: 'closed', text: file(...HEAD, SSH, 'COMMIT') },
    { name: 'open to one host only', text: file(...HEAD, SSH, '-A INPUT -s 192.0.2.10 -p tcp --dport 3306 -j ACCEPT', 'COMMIT'), kernel: { port: 3306, verdict: 'blocked' } },
    { name: 'open on lo only', text: file(...HEAD, SSH, '-A INPUT -i lo -p tcp --dport 5432 -j ACCEPT', 'COMMIT') },
    { name: 'open only through a policy ACCEPT: no-default-deny reports that', text: file('*filter', ':INPUT ACCEPT [0:0]', SSH, 'COMMIT') },
    { name: 'opened after a catch-all drop', text: file(...HEAD, SSH, '-A INPUT -j DROP', '-A INPUT -p tcp --dport 3306 -j ACCEPT', 'COMMIT') },
  ],
  invalid: [
    {
      name: 'MySQL opened to everyone',
      text: file(...HEAD, SSH, '-A INPUT -p tcp --dport 3306 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 8, message: /MySQL \(tcp\/3306\) is reachable from anywhere: the rule on line 8 accepts it/ }],
      output: file(...HEAD, SSH, 'COMMIT'),
      kernel: { port: 3306, verdict: 'open', fixed: 'blocked' },
    },
    {
      name: 'a rate limit still lets a new connection from anywhere in',
      text: file(...HEAD, SSH, '-A INPUT -p tcp --dport 3306 -m limit --limit 10/second -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 8, message: /MySQL \(tcp\/3306\) is reachable from anywhere: the rule on line 8 accepts it/ }],
      output: file(...HEAD, SSH, 'COMMIT'),
      kernel: { port: 3306, verdict: 'open', fixed: 'blocked' },
    },
    {
      name: 'PostgreSQL in a multiport list: no automatic fix',
      text: file(...HEAD, SSH, '-A INPUT -p tcp -m multiport --dports 25,5432 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 8, message: /PostgreSQL/ }],
    },
  ],
};
