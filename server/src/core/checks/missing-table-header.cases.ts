import { file, type CheckCases } from '../../test-support/cases';

const HEADER = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]'];

export const cases: CheckCases = {
  valid: [
    { name: 'a complete filter table', text: file('*filter', ':INPUT ACCEPT [0:0]', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT') },
    { name: 'an empty file', text: '' },
    { name: 'only comments and blank lines', text: file('# nothing here yet', '', '# still nothing') },
    { name: 'a comment after COMMIT', text: file('*filter', 'COMMIT', '# Completed on Mon Nov 23') },
    { name: 'two tables', text: file('*nat', ':POSTROUTING ACCEPT [0:0]', 'COMMIT', '*filter', ':INPUT ACCEPT [0:0]', 'COMMIT') },
  ],
  invalid: [
    {
      name: 'rules pasted without a header (the seed file\'s mistake)',
      text: file('# Allow SSH and mail', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 25 -j ACCEPT'),
      diagnostics: [{ line: 2, message: /outside any table/ }],
      iptables: 'line 2 failed',
      output: file(...HEADER, '# Allow SSH and mail', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 25 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'the header goes below a leading blank line and above the comment of the first rule',
      text: file('# mail.example.com', '', '# loopback', '-A INPUT -i lo -j ACCEPT', '', '# end'),
      diagnostics: [{ line: 4 }],
      iptables: 'line 4 failed',
      output: file('# mail.example.com', '', ...HEADER, '# loopback', '-A INPUT -i lo -j ACCEPT', 'COMMIT', '', '# end'),
    },
    {
      name: 'rules and COMMIT without the table line',
      text: file(':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 1, message: /chain line is outside any table/ }],
      iptables: 'line 1 failed',
      output: file('*filter', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'rules after a committed table',
      text: file('*filter', ':INPUT ACCEPT [0:0]', 'COMMIT', '-A INPUT -j ACCEPT'),
      diagnostics: [{ line: 4 }],
      iptables: 'line 4 failed',
      output: file('*filter', ':INPUT ACCEPT [0:0]', 'COMMIT', ...HEADER, '-A INPUT -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'NAT rules get a *nat header',
      text: file('-A POSTROUTING -o eth0 -j MASQUERADE'),
      diagnostics: [{ line: 1, message: /"\*nat"/ }],
      iptables: 'line 1 failed',
      output: file('*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', '-A POSTROUTING -o eth0 -j MASQUERADE', 'COMMIT'),
    },
    {
      name: 'a user chain filled with -A is declared; one made with -N is not',
      text: file('-N SVC', '-A INPUT -j LOGDROP', '-A LOGDROP -j LOG', '-A LOGDROP -j DROP', '-A SVC -j RETURN'),
      diagnostics: [{ line: 1 }],
      iptables: 'line 1 failed',
      output: file(...HEADER, ':LOGDROP - [0:0]', '-N SVC', '-A INPUT -j LOGDROP', '-A LOGDROP -j LOG', '-A LOGDROP -j DROP', '-A SVC -j RETURN', 'COMMIT'),
    },
    {
      name: 'a last line without a newline',
      text: '-A INPUT -j ACCEPT',
      diagnostics: [{ line: 1 }],
      iptables: 'line 1 failed',
      output: file(...HEADER, '-A INPUT -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'CRLF line endings are kept in the inserted lines',
      text: '-A INPUT -j ACCEPT\r\n',
      diagnostics: [{ line: 1 }],
      output: [...HEADER, '-A INPUT -j ACCEPT', 'COMMIT'].map((l) => l + '\r\n').join(''),
    },
    {
      name: 'a byte-order mark hides the table line',
      text: '\ufeff' + file('*filter', ':INPUT ACCEPT [0:0]', 'COMMIT'),
      diagnostics: [{ line: 1, message: /byte-order mark/ }],
      iptables: 'line 1 failed',
      output: file('*filter', ':INPUT ACCEPT [0:0]', 'COMMIT'),
    },
    {
      name: 'binary junk gets a message and no header fix',
      text: '\u0000\u0001\u0002ELF\u0003\ufffd\ufffd\n\u0004\u0005',
      diagnostics: [{ line: 1, message: /not text/ }],
      iptables: 'line 1 failed',
    },
  ],
};
