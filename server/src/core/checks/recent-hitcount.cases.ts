import { file, type CheckCases } from '../../test-support/cases';

// Loaded for real: the kernel here takes --hitcount up to 65535 and refuses 65536 (invalid-value).
export const cases: CheckCases = {
  valid: [
    { name: '--hitcount 20, the default list', text: file('*filter', '-A INPUT -m recent --name ssh --rcheck --seconds 60 --hitcount 20 -j DROP', 'COMMIT') },
    { name: 'no --hitcount', text: file('*filter', '-A INPUT -m recent --name ssh --set', 'COMMIT') },
  ],
  invalid: [
    { name: '--hitcount 42 (a real dump)', text: file('*filter', '-A INPUT -m recent --rcheck --hitcount 42 -j DROP', 'COMMIT'), diagnostics: [{ line: 2, message: /^--hitcount 42 is above 20/ }] },
    { name: '--hitcount 256, which Linux 6.18 takes and older kernels refuse', text: file('*filter', '-A INPUT -m recent --name ssh --update --seconds 60 --hitcount 256 -j DROP', 'COMMIT'), diagnostics: [{ line: 2 }] },
  ],
};
