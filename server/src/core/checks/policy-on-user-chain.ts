import type { Finding } from '../analysis/finding';
import { knownTable } from '../analysis/rule-problems';
import { findingCheck } from '../lint/finding-check';
import type { ParsedFile } from '../syntax/model';
import { builtinChains, tableWithChain } from '../kb/tables';

const NOT_SET = `iptables-nft-restore ignores "{policy}" without a word; iptables-legacy-restore stops with "Can't set policy \`{policy}' on \`{chain}' line {line}: Bad built-in chain name". Write "-" instead.`;

/** The `:NAME POLICY` lines of blocks of known tables that give a user chain a policy. */
function policiesOnUserChains(file: ParsedFile): Finding[] {
  const out: Finding[] = [];
  for (const block of file.blocks) {
    if (!knownTable(block)) continue;
    const table = block.name;
    const builtins: readonly string[] = builtinChains(table);
    for (const line of block.declarations) {
      if (line.kind !== 'chain' || !line.name) continue;
      const name = line.name.value;
      const policy = line.policy?.value;
      if (builtins.includes(name) || policy === undefined || policy === '-') continue;
      const other = tableWithChain(name);
      const data = { chain: name, policy, line: { line: line.index } };
      out.push({
        code: 'policy-on-user-chain', line: line.index, start: line.policy?.start ?? 0, end: line.policy?.end ?? line.text.length, subject: name,
        ...(other ? { messageId: 'otherTablesChain', data: { ...data, table, other } } : { messageId: 'userChain', data }),
      });
    }
  }
  return out;
}

export const policyOnUserChain = findingCheck(
  {
    code: 'policy-on-user-chain',
    severity: 'warning',
    title: 'Policy on a user chain',
    messages: {
      otherTablesChain: `{chain} is a built-in chain of the {other} table, not of {table}: here it is a user chain, and user chains have no policy. ${NOT_SET}`,
      userChain: `{chain} is a user chain, and user chains have no policy. ${NOT_SET}`,
    },
    fixable: true,
    safeFix: true,
    docs: {
      summary: 'A `:NAME POLICY` line that gives a policy to a chain that is not built into its table.',
      why: [
        'Only built-in chains have a policy. iptables-nft-restore drops `DROP` on `:MYCHAIN DROP [0:0]` without',
        'a word, so packets that fall off the end of MYCHAIN return to the caller instead of being dropped;',
        'iptables-legacy-restore refuses the file with ``Can\'t set policy `DROP\' on `MYCHAIN\' line N: Bad',
        'built-in chain name``. A chain of another table (`:PREROUTING` in filter) is a user chain here too.',
      ].join('\n'),
      bad: '*filter\n:LOGDROP DROP [0:0]\n-A LOGDROP -j LOG\nCOMMIT\n',
      good: '*filter\n:LOGDROP - [0:0]\n-A LOGDROP -j LOG\n-A LOGDROP -j DROP\nCOMMIT\n',
      fix: 'Write `-` as the policy and end the chain with an explicit rule (`-A MYCHAIN -j DROP`). The quick fix writes `-`.',
    },
  },
  policiesOnUserChains,
  (f) => [{ title: 'Write "-" (no policy)', isPreferred: true, edits: [{ range: { start: { line: f.line, character: f.start }, end: { line: f.line, character: f.end } }, newText: '-' }] }],
);
