import { file, type CheckCases } from '../../test-support/cases';

const HEAD = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]'];
const EST = '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT';
const SSH = '-A INPUT -p tcp --dport 22 -j ACCEPT';

export const cases: CheckCases = {
  valid: [
    { name: 'lo accepted', text: file(...HEAD, '-A INPUT -i lo -j ACCEPT', EST, SSH, 'COMMIT') },
    { name: 'INPUT policy ACCEPT', text: file('*filter', ':INPUT ACCEPT [0:0]', SSH, 'COMMIT') },
    { name: 'loopback source accepted', text: file(...HEAD, '-A INPUT -s 127.0.0.0/8 -j ACCEPT', EST, SSH, 'COMMIT') },
    { name: 'OUTPUT DROP with -o lo accepted', text: file('*filter', ':INPUT DROP [0:0]', ':OUTPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A OUTPUT -o lo -j ACCEPT', 'COMMIT') },
    { name: 'no filter table', text: file('*nat', 'COMMIT') },
  ],
  invalid: [
    {
      name: 'INPUT DROP without -i lo',
      text: file(...HEAD, EST, SSH, 'COMMIT'),
      diagnostics: [{ line: 2, message: /dropped by the INPUT policy DROP \(line 2\)/ }],
      output: file(...HEAD, '-A INPUT -i lo -j ACCEPT', EST, SSH, 'COMMIT'),
    },
    {
      name: 'a drop rule catches lo before its accept',
      text: file(...HEAD, '-A INPUT -p tcp -j DROP', '-A INPUT -i lo -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 5, message: /the rule on line 5/ }],
      output: file(...HEAD, '-A INPUT -i lo -j ACCEPT', '-A INPUT -p tcp -j DROP', '-A INPUT -i lo -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'OUTPUT DROP without -o lo',
      text: file('*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A OUTPUT -p tcp --sport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 4 }],
      output: file('*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A OUTPUT -o lo -j ACCEPT', '-A OUTPUT -p tcp --sport 22 -j ACCEPT', 'COMMIT'),
    },
  ],
};
