import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "a network address", text: "*filter\n-A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n" },
    { name: "a host", text: "*filter\n-A INPUT -s 10.1.2.3/32 -j ACCEPT\nCOMMIT\n" },
    { name: "an octal mask: 030 is 24", text: "*filter\n-A INPUT -s 192.168.1.0/030 -j ACCEPT\nCOMMIT\n" },
    { name: "the whole space, as 0/0", text: "*filter\n-A INPUT -s 0/0 -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "a hex mask: 0x18 is 24", text: "*filter\n-A INPUT -s 192.168.1.10/0x18 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2, message: /stores it as 192\.168\.1\.0\/24/ }], output: "*filter\n-A INPUT -s 192.168.1.0/24 -j ACCEPT\nCOMMIT\n" },
    { name: "a dotted mask of zeros matches everything", text: "*filter\n-A INPUT -s 10.0.0.0/0.0.0.0 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2, message: /stores it as 0\.0\.0\.0\/0/ }], output: "*filter\n-A INPUT -s 0.0.0.0/0 -j ACCEPT\nCOMMIT\n" },
    { name: "10.1.2.3/8", text: "*filter\n-A INPUT -s 10.1.2.3/8 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], output: "*filter\n-A INPUT -s 10.0.0.0/8 -j ACCEPT\nCOMMIT\n" },
  ],
};
