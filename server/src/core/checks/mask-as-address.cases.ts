import { file, type CheckCases } from '../../test-support/cases';

// What the kernel holds, read back with iptables-save after a real load (iptables 1.8.9, both back ends).
export const cases: CheckCases = {
  valid: [
    { name: 'hashlimit keeps only the length: a mask with holes is the kernel\'s refusal (invalid-value), not a change', text: file('*filter', '-A INPUT -m hashlimit --hashlimit-upto 10/sec --hashlimit-name t1 --hashlimit-srcmask 33 -j ACCEPT', 'COMMIT') },
    { name: 'HMARK prefix lengths up to 32', text: file('*mangle', '-A PREROUTING -j HMARK --hmark-mod 4 --hmark-rnd 1 --hmark-src-prefix 32 --hmark-dst-prefix 0', 'COMMIT') },
    { name: 'a mask without holes says its own length', text: file('*mangle', '-A PREROUTING -j HMARK --hmark-mod 4 --hmark-rnd 1 --hmark-src-prefix 255.255.255.0', 'COMMIT') },
    { name: 'connlimit --connlimit-mask 24', text: file('*filter', '-A INPUT -p tcp -m connlimit --connlimit-above 2 --connlimit-mask 24 -j DROP', 'COMMIT') },
  ],
  invalid: [
    { name: 'hashlimit --hashlimit-srcmask 4294967040 loads as 24', text: file('*filter', '-A INPUT -m hashlimit --hashlimit-upto 10/sec --hashlimit-name t1 --hashlimit-srcmask 4294967040 -j ACCEPT', 'COMMIT'), diagnostics: [{ line: 2, message: /^--hashlimit-srcmask 4294967040 loads as 24: .*\(255\.255\.255\.0\)\.$/ }] },
    { name: 'HMARK --hmark-src-prefix 33 is the mask 0.0.0.33, with holes: 32', text: file('*mangle', '-A PREROUTING -j HMARK --hmark-mod 4 --hmark-rnd 1 --hmark-src-prefix 33', 'COMMIT'), diagnostics: [{ line: 2, message: /^--hmark-src-prefix 33 loads as 32: a length above 32 is read as a mask in address form \(0\.0\.0\.33\), and one with holes/ }] },
    { name: 'HMARK --hmark-dst-prefix 128 in IPv4 loads as 32', text: file('*mangle', '-A PREROUTING -j HMARK --hmark-mod 4 --hmark-rnd 1 --hmark-dst-prefix 128', 'COMMIT'), diagnostics: [{ line: 2, message: /^--hmark-dst-prefix 128 loads as 32:/ }] },
    { name: 'a number that is a mask without holes loads as its length', text: file('*mangle', '-A PREROUTING -j HMARK --hmark-mod 4 --hmark-rnd 1 --hmark-src-prefix 4294967040', 'COMMIT'), diagnostics: [{ line: 2, message: /^--hmark-src-prefix 4294967040 loads as 24: .*\(255\.255\.255\.0\)\.$/ }] },
    { name: 'a dotted mask with holes loads as 32', text: file('*mangle', '-A PREROUTING -j HMARK --hmark-mod 4 --hmark-rnd 1 --hmark-src-prefix 255.0.255.0', 'COMMIT'), diagnostics: [{ line: 2, message: /^--hmark-src-prefix 255\.0\.255\.0 loads as 32: a mask with holes/ }] },
    { name: 'connlimit --connlimit-mask 33 loads as 32', text: file('*filter', '-A INPUT -p tcp -m connlimit --connlimit-above 2 --connlimit-mask 33 -j DROP', 'COMMIT'), diagnostics: [{ line: 2, message: /^--connlimit-mask 33 loads as 32:/ }] },
  ],
};
