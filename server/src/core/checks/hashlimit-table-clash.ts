import { hashlimitTableClashes } from '../analysis/hashlimit-tables';
import { findingCheck } from '../lint/finding-check';
import { detectBackend } from '../syntax/backend';

// iptables-nft-restore names the rule; iptables-legacy-restore the COMMIT, where the table goes to the kernel.
const REFUSED = 'the kernel refuses it and {stops}';

// Not line-scoped: whether a rule is refused depends on the first rule that named its table.
export const hashlimitTableClash = findingCheck(
  {
    code: 'hashlimit-table-clash',
    severity: 'error',
    title: 'hashlimit table made as the other kind',
    messages: {
      rateMatchLater: `Line {first} made the hashlimit table {name} without --hashlimit-rate-match. The kernel keeps one table per name, and this rule asks for a rate-match table: ${REFUSED}.`,
      plainLater: `Line {first} made the hashlimit table {name} with --hashlimit-rate-match. The kernel keeps one table per name, and this rule asks for one without it: ${REFUSED}.`,
      madeHere: 'The hashlimit table is made here, by the first rule that names it.',
      stopsNft: 'iptables-restore stops with "RULE_APPEND failed (Invalid argument)"',
      stopsLegacy: 'iptables-legacy-restore stops at the COMMIT: "line {commit} failed"',
    },
    fixable: false,
    docs: {
      summary: 'Two hashlimit matches name the same table, one with `--hashlimit-rate-match` and one without.',
      why: [
        'The kernel keeps one hashlimit table per `--hashlimit-name` (and family), shared by every rule that names',
        'it, in every table of the ruleset. The first rule makes it, as a rate-match table or not, and the kernel',
        'refuses a later rule that asks for the other kind, so the file stops loading there. Other settings may',
        'differ between the rules (the first rule\'s hold).',
      ].join('\n'),
      bad: '*filter\n-A INPUT -p tcp --dport 80 -m hashlimit --hashlimit-upto 50/sec --hashlimit-name web -j ACCEPT\n-A INPUT -p tcp --dport 443 -m hashlimit --hashlimit-upto 50/sec --hashlimit-name web --hashlimit-rate-match -j ACCEPT\nCOMMIT\n',
      good: '*filter\n-A INPUT -p tcp --dport 80 -m hashlimit --hashlimit-upto 50/sec --hashlimit-name web -j ACCEPT\n-A INPUT -p tcp --dport 443 -m hashlimit --hashlimit-upto 50/sec --hashlimit-name web-rate --hashlimit-rate-match -j ACCEPT\nCOMMIT\n',
      fix: 'Give the rate-match rules a table name of their own. There is no quick fix: which rules share a table is your choice.',
    },
  },
  hashlimitTableClashes,
  undefined,
  (f, ctx) => ({
    ...f.data,
    stops: detectBackend(ctx.text, ctx.options.backend) === 'legacy' ? { messageId: 'stopsLegacy', data: { commit: f.data.commit } } : { messageId: 'stopsNft' },
  }),
);
