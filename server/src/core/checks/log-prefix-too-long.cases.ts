import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "a 29-character prefix", text: "*filter\n-A INPUT -j LOG --log-prefix \"12345678901234567890123456789\"\nCOMMIT\n" },
  ],
  invalid: [
    { name: "a 35-character prefix", text: "*filter\n-A INPUT -j LOG --log-prefix \"firewall: dropped inbound packet: \"\nCOMMIT\n", diagnostics: [{ line: 2 }], output: "*filter\n-A INPUT -j LOG --log-prefix \"firewall: dropped inbound pac\"\nCOMMIT\n" },
  ],
};
