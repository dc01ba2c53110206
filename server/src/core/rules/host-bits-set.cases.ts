import type { RuleCases } from '../rule-cases';

export const cases: RuleCases = {
  valid: [
    { name: "a network address", text: "*filter\n-A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n" },
    { name: "a host", text: "*filter\n-A INPUT -s 10.1.2.3/32 -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "10.1.2.3/8", text: "*filter\n-A INPUT -s 10.1.2.3/8 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], output: "*filter\n-A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n" },
  ],
};
