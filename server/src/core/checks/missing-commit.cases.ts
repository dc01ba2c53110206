import { file, type CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: 'a committed table', text: file('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -j ACCEPT', 'COMMIT') },
    { name: 'two committed tables', text: file('*nat', 'COMMIT', '*filter', 'COMMIT') },
    { name: 'COMMIT as the last line without a newline (nft accepts it)', text: '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT' },
    { name: 'no table at all', text: file('# empty') },
  ],
  invalid: [
    {
      name: 'the file ends inside the table',
      text: file('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -j ACCEPT'),
      diagnostics: [{ line: 1, message: /never committed/ }],
      iptables: 'COMMIT expected at line 4',
      output: file('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'COMMIT goes after the last rule, above trailing comments',
      text: file('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -j ACCEPT', '', '# Completed'),
      diagnostics: [{ line: 1 }],
      iptables: 'COMMIT expected at line 6',
      output: file('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -j ACCEPT', 'COMMIT', '', '# Completed'),
    },
    {
      name: 'the next table starts before COMMIT',
      text: file('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -j ACCEPT', '*nat', ':PREROUTING ACCEPT [0:0]', 'COMMIT'),
      diagnostics: [{ line: 1, message: /reads line 4/ }],
      iptables: "Bad argument `*nat'",
      output: file('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -j ACCEPT', 'COMMIT', '*nat', ':PREROUTING ACCEPT [0:0]', 'COMMIT'),
    },
    {
      name: 'lowercase commit',
      text: file('*filter', ':INPUT ACCEPT [0:0]', 'commit'),
      diagnostics: [{ line: 3, message: /not committed/ }],
      iptables: "Bad argument `commit'",
      output: file('*filter', ':INPUT ACCEPT [0:0]', 'COMMIT'),
    },
    {
      name: 'COMMIT with a trailing blank',
      text: file('*filter', ':INPUT ACCEPT [0:0]', 'COMMIT '),
      diagnostics: [{ line: 3 }],
      iptables: "Bad argument `COMMIT'",
      output: file('*filter', ':INPUT ACCEPT [0:0]', 'COMMIT'),
    },
    {
      name: 'a table line alone, no newline',
      text: '*filter',
      diagnostics: [{ line: 1 }],
      iptables: 'COMMIT expected at line 2',
      output: '*filter\nCOMMIT\n',
    },
  ],
};
