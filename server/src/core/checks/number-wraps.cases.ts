import { file, type CheckCases } from '../../test-support/cases';

// What the kernel holds, read back with iptables-save after a real load (iptables 1.8.9).
export const cases: CheckCases = {
  valid: [
    { name: 'SYNPROXY --mss and --wscale within their fields', text: file('*filter', '-A INPUT -p tcp -j SYNPROXY --mss 65535 --wscale 14', 'COMMIT') },
    { name: 'hashlimit --hashlimit-htable-size and -max up to 1048576', text: file('*filter', '-A INPUT -m hashlimit --hashlimit-upto 10/sec --hashlimit-name t --hashlimit-htable-size 1048576 --hashlimit-htable-max 1048576', 'COMMIT') },
    { name: 'a --wscale above 14 still fits the kernel\'s 8 bits', text: file('*filter', '-A INPUT -p tcp -j SYNPROXY --wscale 255', 'COMMIT') },
  ],
  invalid: [
    { name: 'SYNPROXY --mss 65537 loads as 1', text: file('*filter', '-A INPUT -p tcp -j SYNPROXY --mss 65537', 'COMMIT'), diagnostics: [{ line: 2, message: /^--mss 65537 loads as 1: SYNPROXY reads a 32-bit number, and the kernel keeps only its low 16 bits/ }] },
    { name: 'SYNPROXY --wscale 257 loads as 1', text: file('*filter', '-A INPUT -p tcp -j SYNPROXY --wscale 257', 'COMMIT'), diagnostics: [{ line: 2, message: /^--wscale 257 loads as 1: .* low 8 bits/ }] },
    { name: 'hashlimit --hashlimit-htable-size above 1048576 loads as 1048576', text: file('*filter', '-A INPUT -m hashlimit --hashlimit-upto 10/sec --hashlimit-name t --hashlimit-htable-size 4294967295', 'COMMIT'), diagnostics: [{ line: 2, message: /^--hashlimit-htable-size 4294967295 loads as 1048576: the kernel lowers it/ }] },
    { name: 'hashlimit --hashlimit-htable-max 1048577 loads as 1048576', text: file('*filter', '-A INPUT -m hashlimit --hashlimit-upto 10/sec --hashlimit-name t --hashlimit-htable-max 1048577', 'COMMIT'), diagnostics: [{ line: 2, message: /^--hashlimit-htable-max 1048577 loads as 1048576:/ }] },
    { name: 'in hexadecimal: --mss 0x10000 loads as 0', text: file('*filter', '-A INPUT -p tcp -j SYNPROXY --mss 0x10000', 'COMMIT'), diagnostics: [{ line: 2, message: /^--mss 0x10000 loads as 0:/ }] },
  ],
};
