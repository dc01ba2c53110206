import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "MASQUERADE in nat POSTROUTING", text: "*nat\n-A POSTROUTING -o eth0 -j MASQUERADE\nCOMMIT\n" },
    { name: "-m realm in mangle POSTROUTING", text: "*mangle\n-A POSTROUTING -m realm --realm 0x1 -j ACCEPT\nCOMMIT\n" },
    { name: "owner in OUTPUT", text: "*filter\n-A OUTPUT -m owner --uid-owner 0 -j ACCEPT\nCOMMIT\n" },
    { name: "owner in a user chain that only OUTPUT jumps to", text: "*filter\n:MINE - [0:0]\n-A OUTPUT -j MINE\n-A MINE -m owner --uid-owner 0 -j ACCEPT\nCOMMIT\n" },
    { name: "device groups in and out, in FORWARD: the one hook both allow", text: "*filter\n-A FORWARD -m devgroup --src-group 1 --dst-group 2 -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "MASQUERADE in the filter table", text: "*filter\n-A FORWARD -o eth0 -j MASQUERADE\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "DNAT in POSTROUTING", text: "*nat\n-A POSTROUTING -j DNAT --to-destination 192.0.2.1\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "-m realm in PREROUTING, before the route is known", text: "*mangle\n-A PREROUTING -m realm --realm 0x1 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "-m owner in INPUT", text: "*filter\n-A INPUT -m owner --uid-owner 0 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "device groups in and out, in INPUT", text: "*filter\n-A INPUT -m devgroup --src-group 1 --dst-group 2 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2, message: /--dst-group is only valid from FORWARD, OUTPUT, POSTROUTING, and this rule is reached from INPUT/ }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "owner in a user chain that INPUT jumps to", text: "*filter\n:MINE - [0:0]\n-A INPUT -j MINE\n-A MINE -m owner --uid-owner 0 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 4 }] },
    { name: "SET --map-set outside the mangle table (the kernel's xt_SET takes it there only)", text: "*filter\n-A FORWARD -j SET --map-set foo src --map-mark\nCOMMIT\n", diagnostics: [{ line: 2, message: /--map-set is only valid in the mangle table/ }] },
  ],
};
