import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "a declared chain", text: "*filter\n:SSH - [0:0]\n-A INPUT -j SSH\n-A SSH -j ACCEPT\nCOMMIT\n" },
    { name: "a chain made with -N", text: "*filter\n-N SSH\n-A INPUT -j SSH\nCOMMIT\n" },
  ],
  invalid: [
    { name: "a jump to an undeclared chain", text: "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j SSH\nCOMMIT\n", diagnostics: [{ line: 3 }], iptables: "Chain 'SSH' does not exist", output: "*filter\n:INPUT ACCEPT [0:0]\n:SSH - [0:0]\n-A INPUT -j SSH\nCOMMIT\n" },
    { name: "a lowercase target", text: "*filter\n-A INPUT -j accept\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Chain 'accept' does not exist" },
    { name: "a rule appended to an undeclared chain", text: "*filter\n-A SSH -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "No chain/target/match by that name", output: "*filter\n:SSH - [0:0]\n-A SSH -j ACCEPT\nCOMMIT\n" },
  ],
};
