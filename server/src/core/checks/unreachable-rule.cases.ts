import { file, type CheckCases } from '../../test-support/cases';

const HEAD = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]'];
const SSH = '-A INPUT -p tcp --dport 22 -j ACCEPT';

export const cases: CheckCases = {
  valid: [
    { name: 'the catch-all comes last', text: file(...HEAD, SSH, '-A INPUT -j DROP', 'COMMIT') },
    { name: 'a catch-all LOG falls through', text: file(...HEAD, '-A INPUT -j LOG', SSH, 'COMMIT') },
    { name: 'a drop with a condition', text: file(...HEAD, '-A INPUT -p udp -j DROP', SSH, 'COMMIT') },
    { name: 'a drop from one network', text: file(...HEAD, '-A INPUT -s 203.0.113.0/24 -j DROP', SSH, 'COMMIT') },
    { name: 'a catch-all in another chain', text: file(...HEAD, ':LOGDROP - [0:0]', '-A LOGDROP -j DROP', SSH, 'COMMIT') },
  ],
  invalid: [
    {
      name: 'rules appended after the final DROP',
      text: file(...HEAD, SSH, '-A INPUT -j DROP', '-A INPUT -p tcp --dport 25 -j ACCEPT', '-A INPUT -p tcp --dport 993 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 7, message: /Never reached: the rule on line 6 has no conditions and DROP every packet first/ }, { line: 8 }],
      kernel: { port: 25, verdict: 'blocked' },
    },
    {
      name: 'after a drop from 0.0.0.0/0.0.0.0, which is every address',
      text: file(...HEAD, '-A INPUT -s 0.0.0.0/0.0.0.0 -j DROP', SSH, 'COMMIT'),
      diagnostics: [{ line: 6, message: /Never reached: the rule on line 5/ }],
      kernel: { port: 22, verdict: 'blocked' },
    },
    {
      name: 'after a bare RETURN in a user chain',
      text: file(...HEAD, ':SVC - [0:0]', '-A INPUT -j SVC', '-A SVC -j RETURN', '-A SVC -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 8 }],
    },
  ],
};
