import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "tcp-reset with -p tcp", text: "*filter\n-A INPUT -p tcp -j REJECT --reject-with tcp-reset\nCOMMIT\n" },
    { name: "multiport with -p udp", text: "*filter\n-A INPUT -p udp -m multiport --dports 53,123 -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "tcp-reset without -p tcp", text: "*filter\n-A INPUT -j REJECT --reject-with tcp-reset\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)", output: "*filter\n-A INPUT -p tcp -j REJECT --reject-with tcp-reset\nCOMMIT\n" },
    { name: "-m tcp without -p tcp", text: "*filter\n-A INPUT -m tcp --dport 22 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "TCP match requires '-p tcp'", output: "*filter\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT\n" },
    { name: "multiport without a protocol", text: "*filter\n-A INPUT -m multiport --dports 25,587 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'", output: "*filter\n-A INPUT -p tcp -m multiport --dports 25,587 -j ACCEPT\nCOMMIT\n" },
  ],
};
