import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "time --utc and --localtz, and CONNMARK's mark shifts, are options of iptables 1.8.9", text: "*mangle\n-A PREROUTING -m time --utc --timestart 08:00 -j ACCEPT\n-A PREROUTING -m time --localtz --timestart 08:00 -j ACCEPT\n-A PREROUTING -j CONNMARK --save-mark --left-shift-mark 8\n-A PREROUTING -j CONNMARK --restore-mark --right-shift-mark 31\nCOMMIT\n" },
    { name: "port options after -p tcp", text: "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
    { name: "conntrack options after -m conntrack", text: "*filter\n-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\nCOMMIT\n" },
    { name: "multiport takes --dport as an abbreviation of --dports", text: "*filter\n-A INPUT -p tcp -m multiport --dport 25,587 -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "--dport without -p tcp", text: "*filter\n-A INPUT --dport 22 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "unknown option \"--dport\"", output: "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
    { name: "--dport before -p tcp", text: "*filter\n-A INPUT --dport 22 -p tcp -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "unknown option \"--dport\"" },
    { name: "--ctstate without -m conntrack", text: "*filter\n-A INPUT --ctstate NEW -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "unknown option \"--ctstate\"", output: "*filter\n-A INPUT -m conntrack --ctstate NEW -j ACCEPT\nCOMMIT\n" },
    { name: "--syn with -p udp", text: "*filter\n-A INPUT -p udp --syn -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "unknown option \"--syn\"" },
    { name: "an option missing its argument", text: "*filter\n-A INPUT -p tcp --dport\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "option \"--dport\" requires an argument" },
    { name: "an unknown option after a bad address: the address is checked last", text: "*filter\n-A INPUT -s 192.0.2.256 --bogus -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "unknown option \"--bogus\"" },
    { name: "boundary (1.8.9): -p udplite loads no match, so --dport is no option", text: "*filter\n-A INPUT -p udplite --dport 5 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: 'unknown option "--dport"' },
  ],
};
