import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "rules that differ in one port", text: "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp --dport 23 -j ACCEPT\nCOMMIT\n" },
    { name: "same rule in two chains", text: "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A FORWARD -p tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "a copy with counters before one and a blank after the other", text: "*filter\n[5:300] -A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT \nCOMMIT\n", diagnostics: [{ line: 3 }], output: "*filter\n[5:300] -A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
    { name: "a copy spaced with tabs", text: "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT\t-p tcp  --dport 22 -j\tACCEPT\nCOMMIT\n", diagnostics: [{ line: 3 }], output: "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
    { name: "a pasted copy", text: "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 3 }], output: "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
  ],
};
