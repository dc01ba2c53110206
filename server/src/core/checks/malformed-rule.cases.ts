import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "a well-formed rule", text: "*filter\n-A INPUT -s 192.0.2.1 -j ACCEPT\nCOMMIT\n" },
    { name: "an empty line inside a table", text: "*filter\n\n-A INPUT -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "lowercase commit before the real one", text: "*filter\n:INPUT ACCEPT [0:0]\ncommit\nCOMMIT\n", diagnostics: [{ line: 3 }], iptables: "Bad argument `commit'", output: "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\nCOMMIT\n" },
    { name: "a stray word", text: "*filter\n-A INPUT -s 192.0.2.1 ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Bad argument `ACCEPT'" },
    { name: "-p given twice", text: "*filter\n-A INPUT -p tcp --dport 1 -p udp\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "multiple -p flags not allowed" },
    { name: "a rule without a command", text: "*filter\n-p tcp -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }] },
  ],
};
