import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: 'low to high', text: '*filter\n-A INPUT -m iprange --src-range 10.0.0.10-10.0.0.50 -j ACCEPT\nCOMMIT\n' },
    { name: 'one address', text: '*filter\n-A INPUT -m iprange --dst-range 10.0.0.10 -j ACCEPT\nCOMMIT\n' },
    { name: 'the same address twice', text: '*filter\n-A INPUT -m iprange --src-range 10.0.0.10-10.0.0.10 -j ACCEPT\nCOMMIT\n' },
    { name: 'compared as iprange reads numbers: 010 is 8', text: '*filter\n-A INPUT -m iprange --src-range 10.0.0.8-10.0.0.010 -j ACCEPT\nCOMMIT\n' },
    { name: 'IPv6 low to high', text: '*filter\n-A INPUT -m iprange --src-range 2001:db8::1-2001:db8::ff -j ACCEPT\nCOMMIT\n', options: { fileName: 'rules.v6' } },
  ],
  invalid: [
    {
      name: 'the last address first: the SSH accept for the admin network opens nothing',
      text: '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -m iprange --src-range 10.200.0.9-10.200.0.1 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      diagnostics: [{ line: 5, message: /is backwards .* never matches/ }],
      output: '*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n-A INPUT -m iprange --src-range 10.200.0.1-10.200.0.9 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      kernel: { port: 22, verdict: 'blocked', fixed: 'open' },
    },
    {
      name: 'backwards by octal reading: 010 is 8, before 9',
      text: '*filter\n-A INPUT -m iprange --dst-range 10.0.0.9-10.0.0.010 -j ACCEPT\nCOMMIT\n',
      diagnostics: [{ line: 2 }],
      output: '*filter\n-A INPUT -m iprange --dst-range 10.0.0.010-10.0.0.9 -j ACCEPT\nCOMMIT\n',
    },
    {
      name: 'negated: then it matches every address',
      text: '*filter\n-A INPUT -m iprange ! --src-range 2001:db8::ff-2001:db8::1 -j DROP\nCOMMIT\n',
      options: { fileName: 'rules.v6' },
      diagnostics: [{ line: 2, message: /matches every address/ }],
      output: '*filter\n-A INPUT -m iprange ! --src-range 2001:db8::1-2001:db8::ff -j DROP\nCOMMIT\n',
    },
  ],
};
