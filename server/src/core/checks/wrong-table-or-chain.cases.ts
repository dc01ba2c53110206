import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "TCPMSS --clamp-mss-to-pmtu, then --set-mss in INPUT: the later option writes the MSS, and it is what loads (random differential seed 532945806)", text: "*filter\n-A INPUT -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu --set-mss 565\nCOMMIT\n", options: { backend: 'nft' } },
    { name: "physdev --physdev-out in FORWARD and POSTROUTING (the kernel refuses it in OUTPUT only)", text: "*mangle\n-A FORWARD -m physdev --physdev-out eth0 -j ACCEPT\n-A POSTROUTING -m physdev --physdev-is-out -j ACCEPT\nCOMMIT\n" },
    { name: "physdev --physdev-out in OUTPUT with --physdev-is-bridged", text: "*filter\n-A OUTPUT -m physdev --physdev-out eth0 --physdev-is-bridged -j ACCEPT\nCOMMIT\n" },
    { name: "cgroup in INPUT, OUTPUT and POSTROUTING", text: "*mangle\n-A INPUT -m cgroup --cgroup 1 -j ACCEPT\n-A OUTPUT -m cgroup --cgroup 1 -j ACCEPT\n-A POSTROUTING -m cgroup --cgroup 1 -j ACCEPT\nCOMMIT\n" },
    { name: "MASQUERADE in nat POSTROUTING", text: "*nat\n-A POSTROUTING -o eth0 -j MASQUERADE\nCOMMIT\n" },
    { name: "-m realm in mangle POSTROUTING", text: "*mangle\n-A POSTROUTING -m realm --realm 0x1 -j ACCEPT\nCOMMIT\n" },
    { name: "owner in OUTPUT", text: "*filter\n-A OUTPUT -m owner --uid-owner 0 -j ACCEPT\nCOMMIT\n" },
    { name: "TRACE outside raw, under nft (iptables-nft loads it)", text: "*mangle\n-A PREROUTING -j TRACE\nCOMMIT\n", options: { backend: 'nft' } },
    { name: "TRACE in raw, under legacy", text: "*raw\n-A PREROUTING -j TRACE\nCOMMIT\n", options: { backend: 'legacy' } },
    { name: "owner in a user chain that only OUTPUT jumps to", text: "*filter\n:MINE - [0:0]\n-A OUTPUT -j MINE\n-A MINE -m owner --uid-owner 0 -j ACCEPT\nCOMMIT\n" },
    { name: "device groups in and out, in FORWARD: the one hook both allow", text: "*filter\n-A FORWARD -m devgroup --src-group 1 --dst-group 2 -j ACCEPT\nCOMMIT\n" },
  ],
  invalid: [
    { name: "TCPMSS --set-mss, then --clamp-mss-to-pmtu in INPUT: the clamp loads, and the kernel refuses it there", text: "*filter\n-A INPUT -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 565 --clamp-mss-to-pmtu\nCOMMIT\n", options: { backend: 'nft' }, diagnostics: [{ line: 2, message: /--clamp-mss-to-pmtu is only valid from FORWARD, OUTPUT, POSTROUTING/ }], iptables: 'RULE_APPEND failed (Invalid argument)' },
    { name: "physdev --physdev-is-out in OUTPUT", text: "*filter\n-A OUTPUT -m physdev --physdev-is-out -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2, message: /^physdev --physdev-is-out without --physdev-is-bridged is only valid from PREROUTING, INPUT, FORWARD, POSTROUTING, and this rule is reached from OUTPUT/ }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "physdev --physdev-out with ! --physdev-is-bridged in OUTPUT", text: "*filter\n-A OUTPUT -m physdev --physdev-out eth0 ! --physdev-is-bridged -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "cgroup in FORWARD: the packet has no local socket there", text: "*filter\n-A FORWARD -m cgroup --cgroup 1 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2, message: /^The cgroup match is only valid from INPUT, OUTPUT, POSTROUTING, and this rule is reached from FORWARD/ }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "TRACE in mangle, under legacy: x_tables has TRACE in raw only", text: "*mangle\n-A PREROUTING -j TRACE\nCOMMIT\n", options: { backend: 'legacy' }, diagnostics: [{ line: 2, severity: 'error', message: /only valid in the raw table with iptables-legacy, not in mangle.*"line 3 failed"/ }], iptables: "line 3 failed" },
    { name: "TRACE in filter, back end unknown: a warning", text: "*filter\n-A INPUT -j TRACE\nCOMMIT\n", diagnostics: [{ line: 2, severity: 'warning' }] },
    { name: "MASQUERADE in the filter table", text: "*filter\n-A FORWARD -o eth0 -j MASQUERADE\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "DNAT in POSTROUTING", text: "*nat\n-A POSTROUTING -j DNAT --to-destination 192.0.2.1\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "-m realm in PREROUTING, before the route is known", text: "*mangle\n-A PREROUTING -m realm --realm 0x1 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "-m owner in INPUT", text: "*filter\n-A INPUT -m owner --uid-owner 0 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "device groups in and out, in INPUT", text: "*filter\n-A INPUT -m devgroup --src-group 1 --dst-group 2 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2, message: /--dst-group is only valid from FORWARD, OUTPUT, POSTROUTING, and this rule is reached from INPUT/ }], iptables: "RULE_APPEND failed (Invalid argument)" },
    { name: "owner in a user chain that INPUT jumps to", text: "*filter\n:MINE - [0:0]\n-A INPUT -j MINE\n-A MINE -m owner --uid-owner 0 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 4 }] },
    { name: "SET --map-set outside the mangle table (the kernel's xt_SET takes it there only)", text: "*filter\n-A FORWARD -j SET --map-set foo src --map-mark\nCOMMIT\n", diagnostics: [{ line: 2, message: /--map-set is only valid in the mangle table/ }] },
  ],
};
