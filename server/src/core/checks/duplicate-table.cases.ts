import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "two different tables", text: "*filter\nCOMMIT\n*nat\nCOMMIT\n" },
  ],
  invalid: [
    { name: "filter given twice", text: "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n", diagnostics: [{ line: 5 }] },
  ],
};
