import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "connlimit takes ! on --connlimit-upto and --connlimit-above (iptables 1.8.9's option table)", text: "*filter\n-A INPUT -p tcp -m connlimit ! --connlimit-above 10 -j ACCEPT\n-A INPUT -p tcp -m connlimit ! --connlimit-upto 10 -j ACCEPT\nCOMMIT\n" },
    { name: "one --ctstate with a list", text: "*filter\n-A INPUT -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT\nCOMMIT\n" },
    { name: "owner --suppl-groups after --gid-owner", text: "*filter\n-A OUTPUT -m owner --gid-owner 0-10 --suppl-groups -j ACCEPT\nCOMMIT\n" },
    { name: "SNAT with its address", text: "*nat\n-A POSTROUTING -o eth0 -j SNAT --to-source 192.0.2.1\nCOMMIT\n" },
  ],
  invalid: [
    { name: "time --utc excludes --kerneltz", text: "*filter\n-A INPUT -m time --utc --kerneltz -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: 'time: option "--utc" cannot be used together with "--kerneltz".' },
    { name: "IDLETIMER needs --label as well as --timeout", text: "*filter\n-A INPUT -j IDLETIMER --timeout 10\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: 'IDLETIMER: option "--label" must be specified' },
    { name: "an option given twice", text: "*filter\n-A INPUT -m conntrack --ctstate NEW --ctstate NEW -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "conntrack: option \"--ctstate\" can only be used once." },
    { name: "a required option left out", text: "*nat\n-A POSTROUTING -j SNAT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "SNAT: option \"--to-source\" must be specified" },
    { name: "options that exclude each other", text: "*filter\n-A INPUT -m connlimit --connlimit-above 10 --connlimit-saddr --connlimit-daddr\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "connlimit: option \"--connlimit-saddr\" cannot be used together with \"--connlimit-daddr\"." },
    { name: "a negation the option does not allow", text: "*filter\n-A INPUT -j LOG ! --log-prefix x\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "LOG: option \"--log-prefix\" cannot be inverted." },
    { name: "owner --suppl-groups before --gid-owner", text: "*filter\n-A OUTPUT -m owner --suppl-groups --gid-owner 0-10 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: 'owner: Bad value for "--suppl-groups" option: "you need to use --gid-owner first"' },
    { name: "hashlimit without a rate", text: "*filter\n-A INPUT -m hashlimit --hashlimit-name t1 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "You have to specify --hashlimit" },
    { name: "a match with no option", text: "*filter\n-A INPUT -m conntrack\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "conntrack: At least one option is required" },
    { name: "a match with no option, after a bad address: the address is checked last", text: "*filter\n-A INPUT -s 192.0.2.256 -m conntrack -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "conntrack: At least one option is required" },
    { name: "a match with no option, in a rule without a command", text: "*filter\n-m conntrack -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "conntrack: At least one option is required" },
    { name: "boundary (1.8.9): conntrack --ctproto 0 after ! --ctstatus (libxt_conntrack tests XT_INV_PROTO, the bit of --ctstatus)", text: "*filter\n-A INPUT -m conntrack ! --ctstatus NONE --ctproto 0 -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "conntrack: rule would never match protocol" },
    { name: "boundary (1.8.9): policy --reqid twice in one element", text: "*filter\n-A INPUT -m policy --dir in --pol ipsec --reqid 1 --reqid 1 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "policy match: double --reqid option" },
    { name: "boundary (1.8.9): policy --mode twice in one element", text: "*filter\n-A INPUT -m policy --dir in --pol ipsec --mode transport --mode transport -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "policy match: double --mode option" },
    { name: "boundary (1.8.9): policy --tunnel-src with ! --mode tunnel", text: "*filter\n-A INPUT -m policy --dir in --pol ipsec ! --mode tunnel --tunnel-src 10.0.0.1 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "policy match: --tunnel-src/--tunnel-dst is only valid in tunnel mode" },
    { name: "boundary (1.8.9): cluster without a node or a mask: its own final check speaks first", text: "*filter\n-A INPUT -m cluster --cluster-total-nodes 2 --cluster-hash-seed 1 -j ACCEPT\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "cluster match: `--cluster-local-node' or`--cluster-local-nodemask' is missing" },
  ],
};
