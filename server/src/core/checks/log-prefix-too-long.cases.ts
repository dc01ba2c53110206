import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "a 29-character prefix", text: "*filter\n-A INPUT -j LOG --log-prefix \"12345678901234567890123456789\"\nCOMMIT\n" },
  ],
  invalid: [
    { name: "15 two-byte characters are 30 bytes: the cut falls inside the last", text: "*filter\n-A INPUT -j LOG --log-prefix \"ééééééééééééééé\"\nCOMMIT\n", diagnostics: [{ line: 2, message: /30 bytes; the kernel keeps only the first 29, which cut a character in two: "é{14}"/ }], output: "*filter\n-A INPUT -j LOG --log-prefix \"éééééééééééééé\"\nCOMMIT\n" },
    { name: "a 35-character prefix", text: "*filter\n-A INPUT -j LOG --log-prefix \"firewall: dropped inbound packet: \"\nCOMMIT\n", diagnostics: [{ line: 2 }], output: "*filter\n-A INPUT -j LOG --log-prefix \"firewall: dropped inbound pac\"\nCOMMIT\n" },
  ],
};
