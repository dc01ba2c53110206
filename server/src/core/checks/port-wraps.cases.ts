import { file, type CheckCases } from '../../test-support/cases';

// What the kernel holds, read back with iptables-save after a real load (iptables 1.8.9).
export const cases: CheckCases = {
  valid: [
    { name: 'udp ports within 0-65535', text: file('*filter', '-A INPUT -p udp --dport 65535 -j ACCEPT', '-A INPUT -p udp --sport 0:1023 -j ACCEPT', 'COMMIT') },
    { name: 'a udp service name', text: file('*filter', '-A INPUT -p udp --dport domain -j ACCEPT', 'COMMIT') },
    { name: 'tcp refuses 70000 (invalid-value): it never wraps', text: file('*filter', '-A INPUT -p tcp --dport 70000 -j ACCEPT', 'COMMIT') },
  ],
  invalid: [
    { name: 'udp --dport 70000 loads as 4464', text: file('*filter', '-A INPUT -p udp --dport 70000 -j ACCEPT', 'COMMIT'), diagnostics: [{ line: 2, message: /^--dport 70000 loads as 4464: udp reads/ }] },
    { name: 'a udp range wraps at each end', text: file('*filter', '-A INPUT -p udp -m udp --sport 70000:80000 -j ACCEPT', 'COMMIT'), diagnostics: [{ line: 2, message: /--sport 70000:80000 loads as 4464:14464/ }] },
    { name: 'one end of a range wraps', text: file('*filter', '-A INPUT -p udp --dport 1000:65536 -j ACCEPT', 'COMMIT'), diagnostics: [{ line: 2, message: /loads as 1000:0/ }] },
    { name: 'conntrack --ctorigdstport 70000 loads as 4464', text: file('*filter', '-A INPUT -m conntrack --ctproto udp --ctorigdstport 70000 -j ACCEPT', 'COMMIT'), diagnostics: [{ line: 2, message: /--ctorigdstport 70000 loads as 4464: conntrack/ }] },
    { name: 'TPROXY --on-port 70000 loads as 4464', text: file('*mangle', '-A PREROUTING -p tcp -j TPROXY --on-port 70000', 'COMMIT'), diagnostics: [{ line: 2, message: /--on-port 70000 loads as 4464: TPROXY/ }] },
  ],
};
