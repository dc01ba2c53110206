import { file, type CheckCases } from '../../test-support/cases';

const rule = (name: string, extra = ''): string => `-A INPUT -p tcp -m hashlimit --hashlimit-upto 10/sec --hashlimit-name ${name}${extra} -j ACCEPT`;

// Measured with iptables 1.8.9 (nft and legacy) on this kernel; the truth tests load each case.
export const cases: CheckCases = {
  valid: [
    { name: 'two rules share a table of one kind', text: file('*filter', rule('web'), rule('web', ' --hashlimit-mode srcip'), 'COMMIT') },
    { name: 'two rate-match rules share a table, with other intervals', text: file('*filter', rule('web', ' --hashlimit-rate-match'), rule('web', ' --hashlimit-rate-match --hashlimit-rate-interval 5'), 'COMMIT') },
    { name: 'names differ in case: two tables', text: file('*filter', rule('web'), rule('Web', ' --hashlimit-rate-match'), 'COMMIT') },
    { name: 'a refused rule makes no table', text: file('*filter', '-A INPUT -p tcp -m hashlimit --hashlimit-upto 10/sec --hashlimit-name web --hashlimit-mode nope -j ACCEPT', rule('web', ' --hashlimit-rate-match'), 'COMMIT') },
  ],
  invalid: [
    { name: 'a plain table, then a rate-match rule', text: file('*filter', rule('web'), rule('web', ' --hashlimit-rate-match'), 'COMMIT'), diagnostics: [{ line: 3, message: /^Line 2 made the hashlimit table web without --hashlimit-rate-match/ }], iptables: 'RULE_APPEND failed (Invalid argument)' },
    { name: 'a rate-match table, then a plain rule', text: file('*filter', rule('web', ' --hashlimit-rate-match'), rule('web'), 'COMMIT'), diagnostics: [{ line: 3, message: /with --hashlimit-rate-match\. The kernel keeps one table per name/ }], iptables: 'RULE_APPEND failed (Invalid argument)' },
    { name: 'iptables-legacy-restore refuses it too (at the COMMIT)', text: file('*filter', rule('web'), rule('web', ' --hashlimit-rate-match'), 'COMMIT'), options: { backend: 'legacy' }, diagnostics: [{ line: 3 }], iptables: 'line 4 failed' },
    { name: 'the tables of the file share them too', text: file('*filter', rule('web'), 'COMMIT', '*mangle', rule('web', ' --hashlimit-rate-match'), 'COMMIT'), diagnostics: [{ line: 5 }], iptables: 'RULE_APPEND failed (Invalid argument)' },
  ],
};
