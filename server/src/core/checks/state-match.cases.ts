import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "conntrack", text: "*filter\n-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "-m state", text: "*filter\n-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], output: "*filter\n-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT\nCOMMIT\n" },
  ],
};
