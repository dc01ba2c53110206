import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "a well-formed rule", text: "*filter\n-A INPUT -s 192.0.2.1 -j ACCEPT\nCOMMIT\n" },
    { name: "an empty line inside a table", text: "*filter\n\n-A INPUT -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "lowercase commit before the real one", text: "*filter\n:INPUT ACCEPT [0:0]\ncommit\nCOMMIT\n", diagnostics: [{ line: 3 }], iptables: "Bad argument `commit'", output: "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\nCOMMIT\n" },
    { name: "a stray word", text: "*filter\n-A INPUT -s 192.0.2.1 ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Bad argument `ACCEPT'" },
    { name: "-p given twice", text: "*filter\n-A INPUT -p tcp --dport 1 -p udp\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "multiple -p flags not allowed" },
    { name: "a rule without a command", text: "*filter\n-p tcp -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }] },
    // `!` after the option (the old syntax): iptables takes the `!` as the option's value, then stops at the word after it.
    { name: "-s ! ADDR, the negation after the option", text: "*filter\n-A INPUT -s ! 192.0.2.1 -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Bad argument `192.0.2.1'" },
    { name: "-d ! NET, the negation after the option", text: "*filter\n-A INPUT -d ! 192.0.2.0/24 -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Bad argument `192.0.2.0/24'" },
    { name: "-s ! with a negation before it too", text: "*filter\n-A INPUT ! -s ! 192.0.2.1 -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Bad argument `192.0.2.1'" },
    { name: "-i ! IFACE, the negation after the option", text: "*filter\n-A INPUT -i ! eth0 -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "Bad argument `eth0'" },
    { name: "a ! with no option after it", text: "*filter\n-A INPUT -p tcp ! --dport 22 -j DROP !\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "nothing appropriate following !" },
    { name: "a ! with no option after it, before a bad address", text: "*filter\n-A INPUT -s 192.0.2.256 !\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "nothing appropriate following !" },
    { name: "-s twice, the first one bad: the second -s stops the line first", text: "*filter\n-A INPUT -s 192.0.2.256 -s 192.0.2.1 -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "multiple -s flags not allowed" },
    { name: "a bad address in a rule without a command", text: "*filter\n-s 192.0.2.256 -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "no command specified" },
  ],
};
