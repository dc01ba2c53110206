import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "the five tables", text: "*filter\nCOMMIT\n*nat\nCOMMIT\n*mangle\nCOMMIT\n*raw\nCOMMIT\n*security\nCOMMIT\n" },
  ],
  invalid: [
    { name: "a misspelt table", text: "*filtre\n:INPUT ACCEPT [0:0]\nCOMMIT\n", diagnostics: [{ line: 1 }], iptables: "table name 'filtre' invalid", output: "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n" },
  ],
};
