import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "declarations first", text: "*filter\n:LOGDROP - [0:0]\n-A INPUT -j LOGDROP\n-A LOGDROP -j DROP\nCOMMIT\n" },
  ],
  invalid: [
    { name: "a jump before the declaration", text: "*filter\n-A INPUT -j LOGDROP\n:LOGDROP - [0:0]\n-A LOGDROP -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], output: "*filter\n:LOGDROP - [0:0]\n-A INPUT -j LOGDROP\n-A LOGDROP -j DROP\nCOMMIT\n" },
  ],
};
