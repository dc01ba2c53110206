import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: 'plain decimal', text: '*filter\n-A INPUT -s 192.168.1.10 -j ACCEPT\n-A INPUT -d 10.0.0.0/24 -j ACCEPT\nCOMMIT\n' },
    { name: 'leading zeros that read the same either way (007, 00)', text: '*filter\n-A INPUT -s 007.0.0.1/00 -j ACCEPT\nCOMMIT\n' },
    { name: 'hex, written on purpose', text: '*filter\n-A INPUT -s 10.0.0.0/0x18 -j ACCEPT\nCOMMIT\n' },
    { name: 'an IPv6 word with a leading zero is hex, not octal', text: '*filter\n-A INPUT -s 2001:0db8::1 -j ACCEPT\nCOMMIT\n', options: { fileName: 'rules.v6' } },
  ],
  invalid: [
    {
      name: 'a zero-padded address',
      text: '*filter\n-A INPUT -s 192.168.001.010 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      diagnostics: [{ line: 2, message: /it loads 192\.168\.1\.8\/32, not 192\.168\.1\.10\/32/ }],
      output: '*filter\n-A INPUT -s 192.168.1.10 -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
    },
    {
      name: 'a zero-padded prefix length',
      text: '*filter\n-A INPUT -d 10.0.0.0/024 -j ACCEPT\nCOMMIT\n',
      diagnostics: [{ line: 2, message: /it loads 10\.0\.0\.0\/20, not 10\.0\.0\.0\/24/ }],
      output: '*filter\n-A INPUT -d 10.0.0.0/24 -j ACCEPT\nCOMMIT\n',
    },
    {
      name: 'an IPv6 prefix length',
      text: '*filter\n-A INPUT -s 2001:db8::/064 -j ACCEPT\nCOMMIT\n',
      options: { fileName: 'rules.v6' },
      diagnostics: [{ line: 2, message: /it loads 2001:db8::\/52, not 2001:db8::\/64/ }],
      output: '*filter\n-A INPUT -s 2001:db8::/64 -j ACCEPT\nCOMMIT\n',
    },
  ],
};
