import { file, type CheckCases } from '../../test-support/cases';

const HEAD = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]'];
const SET = '-m recent --name ssh --set';
const UPDATE = '-m recent --name ssh --update --seconds 60 --hitcount 4 -j DROP';

export const cases: CheckCases = {
  valid: [
    { name: 'NEW before recent', text: file(...HEAD, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${SET}`, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${UPDATE}`, '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT') },
    { name: '-m state NEW', text: file(...HEAD, `-A INPUT -p tcp --dport 22 -m state --state NEW ${SET}`, 'COMMIT') },
    { name: '--syn', text: file(...HEAD, `-A INPUT -p tcp --syn --dport 22 ${SET}`, 'COMMIT') },
    { name: 'established accepted earlier in the chain', text: file(...HEAD, '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', `-A INPUT -p tcp --dport 22 ${SET}`, `-A INPUT -p tcp --dport 22 ${UPDATE}`, 'COMMIT') },
    { name: 'an --rcheck without a hit count', text: file(...HEAD, '-A INPUT -m recent --name bad --rcheck --seconds 60 -j DROP', 'COMMIT') },
  ],
  invalid: [
    {
      name: 'the brute-force guard without NEW',
      text: file(...HEAD, `-A INPUT -p tcp --dport 22 ${SET}`, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${UPDATE}`, '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 5, message: /recorded as several hits/ }],
      output: file(...HEAD, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${SET}`, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${UPDATE}`, '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'an --update with a hit count, without NEW',
      text: file(...HEAD, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${SET}`, `-A INPUT -p tcp --dport 22 ${UPDATE}`, '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
      diagnostics: [{ line: 6, message: /reach the hit count/ }],
      output: file(...HEAD, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${SET}`, `-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW ${UPDATE}`, '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT'),
    },
    {
      name: 'ESTABLISHED among other states is not NEW only',
      text: file(...HEAD, `-A INPUT -p tcp --dport 22 -m state --state NEW,ESTABLISHED ${SET}`, 'COMMIT'),
      diagnostics: [{ line: 5 }],
      output: file(...HEAD, `-A INPUT -p tcp --dport 22 -m state --state NEW,ESTABLISHED -m conntrack --ctstate NEW ${SET}`, 'COMMIT'),
    },
  ],
};
