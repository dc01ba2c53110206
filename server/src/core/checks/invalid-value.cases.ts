import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "ports, ranges and services", text: "*filter\n-A INPUT -p tcp -m multiport --dports 25,465,587,1024:2048,imaps -j ACCEPT\nCOMMIT\n" },
    { name: "addresses and masks in the bases and short forms iptables reads", text: "*filter\n-A INPUT -s 10.0.0.0/0x18 -j ACCEPT\n-A INPUT -s 10.1 -j ACCEPT\n-A INPUT -s 167772161 -j ACCEPT\n-A INPUT -d 0x0a.0.0.1/255.255.0.0 -j ACCEPT\n-A INPUT -s 10.0.0.0/255.0.255.0 -j ACCEPT\nCOMMIT\n" },
    { name: "iprange ends as libxt_iprange reads them: octal, short, one address", text: "*filter\n-A INPUT -m iprange --src-range 010.0.0.1-10.0.0.20 -j ACCEPT\n-A INPUT -m iprange --src-range 10.1-10.2 -j ACCEPT\n-A INPUT -m iprange --dst-range 10.0.0.1 -j ACCEPT\nCOMMIT\n" },
    { name: "states and ICMP types", text: "*filter\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -p icmp --icmp-type echo-request -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "a port above 65535", text: "*filter\n-A INPUT -p tcp --dport 70000 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "invalid port/service `70000' specified" },
    { name: "a backwards range", text: "*filter\n-A INPUT -p tcp --dport 80:22 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "invalid portrange (min > max)" },
    { name: "an address octet above 255", text: "*filter\n-A INPUT -s 10.0.0.256 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "host/network `10.0.0.256' not found" },
    { name: "an octet with a leading zero and an 8 is no octal number", text: "*filter\n-A INPUT -s 10.0.0.08 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "host/network `10.0.0.08' not found" },
    { name: "a mask with a leading zero and an 8", text: "*filter\n-A INPUT -s 10.0.0.0/08 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "invalid mask `08' specified" },
    { name: "an iprange end with an octet 08", text: "*filter\n-A INPUT -m iprange --src-range 10.0.0.08-10.0.0.9 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: 'iprange: Bad value for "--src-range" option: "10.0.0.08"' },
    { name: "an iprange of three addresses: the second dash is part of the last", text: "*filter\n-A INPUT -m iprange --dst-range 1.2.3.4-5.6.7.8-9.9.9.9 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: 'iprange: Bad value for "--dst-range" option: "5.6.7.8-9.9.9.9"' },
    { name: "a mask above 32", text: "*filter\n-A INPUT -s 10.0.0.0/33 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "invalid mask `33' specified" },
    { name: "a conntrack state that does not exist", text: "*filter\n-A INPUT -m conntrack --ctstate BOGUS -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Bad ctstate \"BOGUS\"" },
    { name: "an ICMP type that does not exist", text: "*filter\n-A INPUT -p icmp --icmp-type bogus -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Unknown ICMP type `bogus'" },
    { name: "16 multiport ports", text: "*filter\n-A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "too many ports specified" },
    { name: "an interface name of 16 characters", text: "*filter\n-A INPUT -i eth0123456789abc -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "interface name `eth0123456789abc' must be shorter than IFNAMSIZ (15)" },
    { name: "-s ! with nothing after it: the ! is the address", text: "*filter\n-A INPUT -s ! -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "host/network `!' not found" },
    { name: "-p ! tcp: the ! is the protocol", text: "*filter\n-A INPUT -p ! tcp -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "unknown protocol \"!\" specified" },
    { name: "--dport ! 22: the ! is the port", text: "*filter\n-A INPUT -p tcp -m tcp --dport ! 22 -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "invalid port/service `!' specified" },
    { name: "the source address is checked before the destination, whatever their order", text: "*filter\n-A INPUT -d 192.0.2.256 -s 192.0.2.257 -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "host/network `192.0.2.257' not found" },
    { name: "an address is checked before -i in OUTPUT", text: "*filter\n-A OUTPUT -s 192.0.2.256 -i eth0 -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "host/network `192.0.2.256' not found" },
  ],
};
