import type { CheckCases } from '../../test-support/cases';

export const cases: CheckCases = {
  valid: [
    { name: "connlimit takes ! on --connlimit-upto and --connlimit-above (iptables 1.8.9's option table)", text: "*filter\n-A INPUT -p tcp -m connlimit ! --connlimit-above 10 -j ACCEPT\n-A INPUT -p tcp -m connlimit ! --connlimit-upto 10 -j ACCEPT\nCOMMIT\n" },
    { name: "one --ctstate with a list", text: "*filter\n-A INPUT -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT\nCOMMIT\n" },
    { name: "owner --suppl-groups after --gid-owner", text: "*filter\n-A OUTPUT -m owner --gid-owner 0-10 --suppl-groups -j ACCEPT\nCOMMIT\n" },
    { name: "SNAT with its address", text: "*nat\n-A POSTROUTING -o eth0 -j SNAT --to-source 192.0.2.1\nCOMMIT\n" },
  ],
  invalid: [
    { name: "CONNMARK without an operation, in its own final check's words", text: "*mangle\n-A PREROUTING -j CONNMARK --mask 1\nCOMMIT\n", diagnostics: [{ line: 2, message: /CONNMARK target: No operation specified/ }], iptables: 'CONNMARK target: No operation specified' },
    { name: "TCPMSS without a parameter, in its own final check's words", text: "*mangle\n-A FORWARD -p tcp --syn -j TCPMSS\nCOMMIT\n", diagnostics: [{ line: 2, message: /TCPMSS target: At least one parameter is required/ }], iptables: 'TCPMSS target: At least one parameter is required' },
    { name: "HMARK without --hmark-mod, in its own final check's words", text: "*mangle\n-A PREROUTING -j HMARK --hmark-rnd 1 --hmark-tuple src\nCOMMIT\n", diagnostics: [{ line: 2, message: /--hmark-mod is mandatory/ }], iptables: '--hmark-mod is mandatory' },
    { name: "HMARK without --hmark-rnd", text: "*mangle\n-A PREROUTING -j HMARK --hmark-mod 1 --hmark-tuple src\nCOMMIT\n", diagnostics: [{ line: 2, message: /--hmark-rnd is mandatory/ }], iptables: '--hmark-rnd is mandatory' },
    { name: "HMARK with nothing to hash", text: "*mangle\n-A PREROUTING -j HMARK --hmark-mod 1 --hmark-rnd 1 --hmark-offset 3\nCOMMIT\n", diagnostics: [{ line: 2, message: /you have to specify --hmark-tuple at least/ }], iptables: 'you have to specify --hmark-tuple at least' },
    { name: "HMARK --hmark-tuple spi with a port: the tuple sets the masks", text: "*mangle\n-A PREROUTING -j HMARK --hmark-mod 1 --hmark-rnd 1 --hmark-tuple spi,sport\nCOMMIT\n", diagnostics: [{ line: 2, message: /you cannot use --hmark-spi-mask and --hmark-\?port-mask,at the same time/ }], iptables: 'you cannot use --hmark-spi-mask and --hmark-?port-mask,at the same time' },
    { name: "HMARK --hmark-tuple s (src) then --hmark-src-prefix: given twice", text: "*mangle\n-A PREROUTING -j HMARK --hmark-mod 1 --hmark-rnd 1 --hmark-tuple s --hmark-src-prefix 24\nCOMMIT\n", diagnostics: [{ line: 2, message: /HMARK: option "--hmark-src-prefix" can only be used once\./ }], iptables: 'HMARK: option "--hmark-src-prefix" can only be used once.' },
    { name: "CONNMARK: of two operations, iptables names the one first in its option table", text: "*mangle\n-A PREROUTING -j CONNMARK --save-mark --and-mark 1\nCOMMIT\n", diagnostics: [{ line: 2, message: /"--and-mark" cannot be used together with "--save-mark"/ }], iptables: 'CONNMARK: option "--and-mark" cannot be used together with "--save-mark".' },
    { name: "CONNMARK: of three operations, the first in table order against the first of the others in id order", text: "*mangle\n-A PREROUTING -j CONNMARK --and-mark 1 --save-mark --set-xmark 1\nCOMMIT\n", diagnostics: [{ line: 2, message: /"--set-xmark" cannot be used together with "--save-mark"/ }], iptables: 'CONNMARK: option "--set-xmark" cannot be used together with "--save-mark".' },
    { name: "CONNMARK --ctmask comes before --mask in the option table", text: "*mangle\n-A PREROUTING -j CONNMARK --set-xmark 0x1 --mask 1 --ctmask 1\nCOMMIT\n", diagnostics: [{ line: 2, message: /"--ctmask" cannot be used together with "--mask"/ }], iptables: 'CONNMARK: option "--ctmask" cannot be used together with "--mask".' },
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
  ],
};
