import type { RuleCases } from '../rule-cases';

export const cases: RuleCases = {
  valid: [
    { name: "same rule in two chains", text: "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A FORWARD -p tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "a pasted copy", text: "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 3 }], output: "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
  ],
};
