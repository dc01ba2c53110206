import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "a match that exists", text: "*filter\n-A INPUT -m comment --comment ok -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "a typo in a match name", text: "*filter\n-A INPUT -m conntrak --ctstate NEW -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Couldn't load match `conntrak'" },
    { name: "an out-of-tree match", text: "*filter\n-A INPUT -m geoip --src-cc CN -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Couldn't load match `geoip'" },
  ],
};
