import { file, FILTER_HEAD, type CheckCases } from '../../test-support/cases';

const H = FILTER_HEAD;

export const cases: CheckCases = {
  valid: [
    { name: 'plain IMAP accepted after a catch-all drop: never reached', text: file(...H, '-A INPUT -j DROP', '-A INPUT -p tcp --dport 143 -j ACCEPT', 'COMMIT'), kernel: { port: 143, verdict: 'blocked' } },
    { name: 'plain POP3 accepted after a rule that rejects it', text: file(...H, '-A INPUT -p tcp --dport 100:120 -j REJECT', '-A INPUT -p tcp --dport 110 -j ACCEPT', 'COMMIT') },
    { name: 'IMAPS and POP3S', text: file(...H, '-A INPUT -p tcp -m multiport --dports 993,995 -j ACCEPT', 'COMMIT') },
    { name: 'plain IMAP on loopback only', text: file(...H, '-A INPUT -i lo -p tcp --dport 143 -j ACCEPT', 'COMMIT') },
    { name: 'plain POP3 from 127.0.0.1 only', text: file(...H, '-A INPUT -s 127.0.0.1 -p tcp --dport 110 -j ACCEPT', 'COMMIT') },
    { name: 'plain IMAP to 127.0.0.0/8 only', text: file(...H, '-A INPUT -d 127.0.0.0/8 -p tcp --dport imap2 -j ACCEPT', 'COMMIT') },
    { name: 'UDP, not TCP', text: file(...H, '-A INPUT -p udp --dport 143 -j ACCEPT', 'COMMIT') },
    { name: 'outgoing IMAP from this host', text: file(...H, '-A OUTPUT -p tcp --dport 143 -j ACCEPT', 'COMMIT') },
    { name: 'everything but IMAP', text: file(...H, '-A INPUT -p tcp ! --dport 143 -j ACCEPT', 'COMMIT') },
    { name: 'IMAP dropped, not accepted', text: file(...H, '-A INPUT -p tcp --dport 143 -j DROP', 'COMMIT') },
    { name: 'a chain never reached from INPUT', text: file(...H, ':FWD - [0:0]', '-A FORWARD -j FWD', '-A FWD -p tcp --dport 143 -j ACCEPT', 'COMMIT') },
  ],
  invalid: [
    {
      name: 'plain IMAP',
      text: file(...H, '-A INPUT -p tcp --dport 143 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 5, message: /Plain IMAP \(tcp\/143\).*IMAPS \(tcp\/993\)/ }],
      output: file(...H, '-A INPUT -p tcp --dport 993 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'plain POP3 by service name',
      text: file(...H, '-A INPUT -p tcp -m tcp --dport pop3 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 5, message: /POP3 \(tcp\/110\)/ }],
      output: file(...H, '-A INPUT -p tcp -m tcp --dport pop3s -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'both in a multiport list',
      text: file(...H, '-A INPUT -p tcp -m multiport --dports 25,110,143,587 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 5, message: /POP3/ }, { line: 5, message: /IMAP/ }],
      output: file(...H, '-A INPUT -p tcp -m multiport --dports 25,995,143,587 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'the TLS port is already in the list',
      text: file(...H, '-A INPUT -p tcp -m multiport --dports 143,993 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 5 }],
      output: file(...H, '-A INPUT -p tcp -m multiport --dports 993 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'another rule already opens IMAPS',
      text: file(...H, '-A INPUT -p tcp --dport 143 -j ACCEPT', '-A INPUT -p tcp --dport 993 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 5 }],
      output: file(...H, '-A INPUT -p tcp --dport 993 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'a range that covers both (no fix)',
      text: file(...H, '-A INPUT -p tcp --dport 100:200 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 5, message: /range 100:200/ }, { line: 5, message: /range 100:200/ }],
    },
    {
      name: 'in a user chain reached from INPUT',
      text: file(...H, ':MAIL - [0:0]', '-A INPUT -j MAIL', '-A MAIL -p tcp --dport 143 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 7 }],
      output: file(...H, ':MAIL - [0:0]', '-A INPUT -j MAIL', '-A MAIL -p tcp --dport 993 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'rules outside any table still count',
      text: file('-A INPUT -p tcp --dport 110 -j ACCEPT'),
      diagnostics: [{ line: 1 }],
      output: file('-A INPUT -p tcp --dport 995 -j ACCEPT'),
    },
  ],
};
