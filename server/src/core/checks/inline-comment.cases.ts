import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "a comment on its own line", text: "*filter\n# ssh\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
    { name: "a # inside a quoted comment", text: "*filter\n-A INPUT -m comment --comment \"#1\" -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "a comment after a rule", text: "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT # ssh\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Bad argument `#'", output: "*filter\n# ssh\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
  ],
};
