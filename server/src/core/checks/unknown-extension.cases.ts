import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "a match that exists", text: "*filter\n-A INPUT -m comment --comment ok -j ACCEPT\nCOMMIT\n" },
    { name: "-p udplite with multiport: the protocol exists, only its match does not", text: "*filter\n-A INPUT -p udplite -m multiport --dports 5,6 -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "a typo in a match name", text: "*filter\n-A INPUT -m conntrak --ctstate NEW -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Couldn't load match `conntrak'" },
    { name: "an out-of-tree match", text: "*filter\n-A INPUT -m geoip --src-cc CN -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Couldn't load match `geoip'" },
    { name: "boundary (1.8.9): iptables 1.8.7 to 1.8.11 have no udplite match", text: "*filter\n-A INPUT -p udplite -m udplite --dport 5 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Couldn't load match `udplite':No such file or directory" },
  ],
};
