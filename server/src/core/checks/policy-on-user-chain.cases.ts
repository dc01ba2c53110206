import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "a user chain without a policy", text: "*filter\n:LOGDROP - [0:0]\n-A LOGDROP -j DROP\nCOMMIT\n" },
    { name: "a built-in chain with a policy", text: "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "a user chain with DROP", text: "*filter\n:LOGDROP DROP [0:0]\n-A LOGDROP -j LOG\nCOMMIT\n", diagnostics: [{ line: 2 }], output: "*filter\n:LOGDROP - [0:0]\n-A LOGDROP -j LOG\nCOMMIT\n" },
    { name: "a chain of another table", text: "*filter\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n", diagnostics: [{ line: 2 }], output: "*filter\n:PREROUTING - [0:0]\nCOMMIT\n" },
  ],
};
