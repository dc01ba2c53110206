import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "chains that return", text: "*filter\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j RETURN\nCOMMIT\n" },
    { name: "a loop no built-in chain reaches", text: "*filter\n:A - [0:0]\n:B - [0:0]\n-A A -j B\n-A B -j A\nCOMMIT\n" },
  ],
  invalid: [
    { name: "two chains that jump to each other", text: "*filter\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n", diagnostics: [{ line: 6 }], iptables: "RULE_APPEND failed (Too many links)" },
  ],
};
