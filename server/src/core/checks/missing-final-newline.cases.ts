import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "a final newline", text: "*filter\nCOMMIT\n" },
  ],
  invalid: [
    { name: "no newline after COMMIT", text: "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT", diagnostics: [{ line: 3 }], output: "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n" },
  ],
};
