import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "tcp-reset with -p tcp", text: "*filter\n-A INPUT -p tcp -j REJECT --reject-with tcp-reset\nCOMMIT\n" },
    { name: "multiport with -p udp", text: "*filter\n-A INPUT -p udp -m multiport --dports 53,123 -j ACCEPT\nCOMMIT\n" },
    { name: "MASQUERADE ports after -p icmp: iptables 1.8.9 takes icmp as a protocol with ports", text: "*nat\n-A POSTROUTING -p icmp -o eth0 -j MASQUERADE --to-ports 1024\nCOMMIT\n" },
    { name: "SNAT to a port range with a base after -p tcp", text: "*nat\n-A POSTROUTING -p tcp -o eth0 -j SNAT --to-source 192.0.2.1:1024-2048/1100\nCOMMIT\n" },
  ],
  invalid: [
    { name: "tcp-reset without -p tcp", text: "*filter\n-A INPUT -j REJECT --reject-with tcp-reset\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)", output: "*filter\n-A INPUT -p tcp -j REJECT --reject-with tcp-reset\nCOMMIT\n" },
    { name: "-m tcp without -p tcp", text: "*filter\n-A INPUT -m tcp --dport 22 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "TCP match requires '-p tcp'", output: "*filter\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
    { name: "multiport without a protocol", text: "*filter\n-A INPUT -m multiport --dports 25,587 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'", output: "*filter\n-A INPUT -p tcp -m multiport --dports 25,587 -j ACCEPT\nCOMMIT\n" },
    { name: "MASQUERADE ports without -p: refused as the option is read", text: "*nat\n-A POSTROUTING -o eth0 -j MASQUERADE --to-ports 1024-2048\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Need TCP, UDP, SCTP or DCCP with port specification", output: "*nat\n-A POSTROUTING -p tcp -o eth0 -j MASQUERADE --to-ports 1024-2048\nCOMMIT\n" },
    { name: "REDIRECT ports given twice without -p: the first is refused", text: "*nat\n-A PREROUTING -j REDIRECT --to-ports 8080 --to-ports 8080\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Need TCP, UDP, SCTP or DCCP with port specification", output: "*nat\n-A PREROUTING -p tcp -j REDIRECT --to-ports 8080 --to-ports 8080\nCOMMIT\n" },
    { name: "MASQUERADE ports with -p only after them: iptables reads -p too late", text: "*nat\n-A POSTROUTING -j MASQUERADE --to-ports 1024 -p tcp\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Need TCP, UDP, SCTP or DCCP with port specification" },
  ],
};
