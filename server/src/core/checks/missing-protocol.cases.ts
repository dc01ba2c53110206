import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "TCPMSS under legacy with a bad --set-mss: iptables refuses the value, the rule never reaches the kernel", text: "*mangle\n-A FORWARD -p tcp -j TCPMSS --set-mss 65516\nCOMMIT\n", options: { backend: 'legacy' } },
    { name: "tcp-reset with -p tcp", text: "*filter\n-A INPUT -p tcp -j REJECT --reject-with tcp-reset\nCOMMIT\n" },
    { name: "tcp-reset by a prefix, with -p tcp", text: "*filter\n-A INPUT -p tcp -j REJECT --reject-with tcp-r\nCOMMIT\n" },
    { name: "TCPMSS with --syn, under legacy", text: "*mangle\n-A FORWARD -p tcp --syn -j TCPMSS --clamp-mss-to-pmtu\nCOMMIT\n", options: { backend: 'legacy' } },
    { name: "TCPMSS with SYN among the flags that must be set, under legacy", text: "*mangle\n-A FORWARD -p tcp --tcp-flags ALL ALL -j TCPMSS --set-mss 1400\nCOMMIT\n", options: { backend: 'legacy' } },
    { name: "TCPMSS without a SYN match, under nft (nft_compat skips the test)", text: "*mangle\n-A FORWARD -p tcp -j TCPMSS --clamp-mss-to-pmtu\nCOMMIT\n", options: { backend: 'nft' } },
    { name: "multiport with -p udp", text: "*filter\n-A INPUT -p udp -m multiport --dports 53,123 -j ACCEPT\nCOMMIT\n" },
    { name: "MASQUERADE ports after -p icmp: iptables 1.8.9 takes icmp as a protocol with ports", text: "*nat\n-A POSTROUTING -p icmp -o eth0 -j MASQUERADE --to-ports 1024\nCOMMIT\n" },
    { name: "SNAT to a port range with a base after -p tcp", text: "*nat\n-A POSTROUTING -p tcp -o eth0 -j SNAT --to-source 192.0.2.1:1024-2048/1100\nCOMMIT\n" },
  ],
  invalid: [
    { name: "tcp-reset without -p tcp", text: "*filter\n-A INPUT -j REJECT --reject-with tcp-reset\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)", output: "*filter\n-A INPUT -p tcp -j REJECT --reject-with tcp-reset\nCOMMIT\n" },
    { name: "tcp-reset by a prefix without -p tcp", text: "*filter\n-A INPUT -j REJECT --reject-with T\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)", output: "*filter\n-A INPUT -p tcp -j REJECT --reject-with T\nCOMMIT\n" },
    { name: "TCPMSS without a SYN match, under legacy", text: "*mangle\n-A FORWARD -p tcp -j TCPMSS --clamp-mss-to-pmtu\nCOMMIT\n", options: { backend: 'legacy' }, diagnostics: [{ line: 2, severity: 'error', message: /only works on TCP SYN packets/ }], iptables: "line 3 failed", output: "*mangle\n-A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu\nCOMMIT\n" },
    { name: "TCPMSS with ! --syn, under legacy: no fix (the tcp match has its flags)", text: "*mangle\n-A FORWARD -p tcp ! --syn -j TCPMSS --set-mss 1400\nCOMMIT\n", options: { backend: 'legacy' }, diagnostics: [{ line: 2, severity: 'error' }], iptables: "line 3 failed" },
    { name: "TCPMSS without a SYN match, back end unknown: a warning", text: "*mangle\n-A FORWARD -p tcp -j TCPMSS --clamp-mss-to-pmtu\nCOMMIT\n", diagnostics: [{ line: 2, severity: 'warning' }], output: "*mangle\n-A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu\nCOMMIT\n" },
    { name: "-m tcp without -p tcp", text: "*filter\n-A INPUT -m tcp --dport 22 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "TCP match requires '-p tcp'", output: "*filter\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
    { name: "multiport without a protocol", text: "*filter\n-A INPUT -m multiport --dports 25,587 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'", output: "*filter\n-A INPUT -p tcp -m multiport --dports 25,587 -j ACCEPT\nCOMMIT\n" },
    { name: "MASQUERADE ports without -p: refused as the option is read", text: "*nat\n-A POSTROUTING -o eth0 -j MASQUERADE --to-ports 1024-2048\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Need TCP, UDP, SCTP or DCCP with port specification", output: "*nat\n-A POSTROUTING -p tcp -o eth0 -j MASQUERADE --to-ports 1024-2048\nCOMMIT\n" },
    { name: "REDIRECT ports given twice without -p: the first is refused", text: "*nat\n-A PREROUTING -j REDIRECT --to-ports 8080 --to-ports 8080\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Need TCP, UDP, SCTP or DCCP with port specification", output: "*nat\n-A PREROUTING -p tcp -j REDIRECT --to-ports 8080 --to-ports 8080\nCOMMIT\n" },
    { name: "MASQUERADE ports with -p only after them: iptables reads -p too late", text: "*nat\n-A POSTROUTING -j MASQUERADE --to-ports 1024 -p tcp\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Need TCP, UDP, SCTP or DCCP with port specification" },
  ],
};
