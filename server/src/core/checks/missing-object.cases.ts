import { file, type CheckCases } from '../../test-support/cases';

// The truth tests make the ipset sets and nfacct objects a case lists in the namespace before it loads;
// connlabel names cannot be made there (no /etc/xtables/connlabel.conf), so only bit numbers load.
export const cases: CheckCases = {
  valid: [
    { name: 'a set the settings list', text: file('*filter', '-A INPUT -m set --match-set blocklist src -j DROP', 'COMMIT'), options: { hostObjects: { ipset: ['blocklist'] } } },
    { name: 'SET adds to an IPv6 set the settings list with its family', text: file('*filter', '-A INPUT -j SET --add-set seen6 src', 'COMMIT'), options: { family: 'ipv6', hostObjects: { ipset: ['seen6 inet6'] } } },
    { name: 'an nfacct object the settings list', text: file('*filter', '-A INPUT -m nfacct --nfacct-name wan', 'COMMIT'), options: { hostObjects: { nfacct: ['wan'] } } },
    { name: 'a connlabel bit number needs no name', text: file('*filter', '-A INPUT -m connlabel --label 40 -j ACCEPT', 'COMMIT'), options: { hostObjects: { connlabel: [] } } },
  ],
  invalid: [
    { name: 'a set name with a typo', text: file('*filter', '-A INPUT -m set --match-set blocklsit src -j DROP', 'COMMIT'), options: { hostObjects: { ipset: ['blocklist'] } }, diagnostics: [{ line: 2, message: /^Set blocklsit is not among the sets firewallRules\.ipsets lists/ }], iptables: "Set blocklsit doesn't exist." },
    { name: 'SET with no sets on the host', text: file('*filter', '-A INPUT -j SET --add-set foo src,dst', 'COMMIT'), options: { hostObjects: { ipset: [] } }, diagnostics: [{ line: 2 }], iptables: "Set foo doesn't exist." },
    { name: 'an IPv4 set in an IPv6 file', text: file('*filter', '-A INPUT -m set --match-set s4 src -j DROP', 'COMMIT'), options: { family: 'ipv6', hostObjects: { ipset: ['s4 inet'] } }, diagnostics: [{ line: 2, message: /is an IPv4 set, and this is an IPv6 file/ }], iptables: 'The protocol family of set s4 is IPv4, which is not applicable.' },
    { name: 'an nfacct object the host does not have', text: file('*filter', '-A INPUT -m nfacct --nfacct-name lan', 'COMMIT'), options: { hostObjects: { nfacct: ['wan'] } }, diagnostics: [{ line: 2 }], iptables: 'RULE_APPEND failed (No such file or directory)' },
    { name: 'SET --map-set: the set is looked up before the final check asks for a --map-* flag', text: file('*mangle', '-A PREROUTING -j SET --map-set nothere src', 'COMMIT'), options: { hostObjects: { ipset: [] } }, diagnostics: [{ line: 2 }], iptables: "Set nothere doesn't exist." },
    { name: 'a connlabel name with no connlabel.conf names', text: file('*filter', '-A INPUT -m connlabel --label web -j ACCEPT', 'COMMIT'), options: { hostObjects: { connlabel: [] } }, diagnostics: [{ line: 2 }], iptables: "label 'web' not found or invalid value" },
  ],
};
