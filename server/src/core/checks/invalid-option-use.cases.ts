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
    { name: "-m set without --match-set: its own final check", text: "*filter\n-A INPUT -m set --return-nomatch -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "You must specify `--match-set' with proper arguments" },
    { name: "set refuses ! before --return-nomatch in its own words", text: "*filter\n-A INPUT -m set ! --return-nomatch -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "--return-nomatch flag cannot be inverted" },
    { name: "set takes one packet counter test: --packets-gt after --packets-eq", text: "*filter\n-A INPUT -m set --packets-eq 1 --packets-gt 2 -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "only one of the --packets-[eq|lt|gt] is allowed" },
    { name: "set refuses ! before --bytes-lt in its own words", text: "*filter\n-A INPUT -m set ! --bytes-lt 1 -j DROP\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "--bytes-lt option cannot be inverted" },
    { name: "SET without --add-set, --del-set or --map-set", text: "*filter\n-A INPUT -j SET --exist\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: "You must specify either `--add-set' or `--del-set' or `--map-set'" },
    { name: "an option given again with a ! is refused as given twice: libxtables checks that first", text: "*mangle\n-A PREROUTING -j TTL --ttl-set 1 ! --ttl-set 2\nCOMMIT\n", diagnostics: [{ line: 2 }], iptables: 'TTL: option "--ttl-set" can only be used once.' },
  ],
};
