import { blockChains } from '../analysis/block-pass';
import type { Jump } from '../analysis/chains';
import type { Finding } from '../analysis/finding';
import { findingCheck } from '../lint/finding-check';
import type { ParsedFile, RuleLine } from '../syntax/model';

/** The jumps that close a loop a built-in chain reaches, in each block. */
function loops(file: ParsedFile): Finding[] {
  const out: Finding[] = [];
  for (const block of file.blocks) {
    const chains = blockChains(file, block);
    if (chains) findLoops(chains.builtins, chains.jumps, out);
  }
  return out;
}

function findLoops(builtins: ReadonlySet<string>, edges: ReadonlyMap<string, readonly Jump[]>, out: Finding[]): void {
  // Iterative DFS from each built-in chain; a back edge to a chain on the stack closes a loop.
  const reported = new Set<RuleLine>();
  const done = new Set<string>();
  for (const root of builtins) {
    const onStack = new Set<string>([root]);
    const path: string[] = [root];
    const iters: Array<Iterator<Jump>> = [(edges.get(root) ?? [])[Symbol.iterator]()];
    while (iters.length > 0) {
      const next = iters[iters.length - 1].next();
      if (next.done) {
        iters.pop();
        const left = path.pop() as string;
        onStack.delete(left);
        done.add(left);
        continue;
      }
      const { to, line } = next.value;
      if (onStack.has(to)) {
        if (!reported.has(line)) {
          reported.add(line);
          const loop = [...path.slice(path.indexOf(to)), to].join(' -> ');
          const tok = line.rule.target?.name ?? line.rule.target?.flag;
          out.push({
            code: 'jump-loop',
            line: line.index,
            start: tok?.start ?? 0,
            end: tok?.end ?? line.text.length,
            messageId: 'loop',
            data: { loop },
            subject: to,
          });
        }
        continue;
      }
      if (done.has(to) && !builtins.has(to)) continue;
      onStack.add(to);
      path.push(to);
      iters.push((edges.get(to) ?? [])[Symbol.iterator]());
    }
  }
}

export const jumpLoop = findingCheck({
  code: 'jump-loop',
  severity: 'error',
  title: 'Loop of jumps between chains',
  messages: {
    loop: 'This jump closes a loop ({loop}): the kernel refuses it, and iptables-nft-restore stops with "RULE_APPEND failed (Too many links)" (legacy: "line N failed" at the COMMIT).',
  },
  fixable: false,
  docs: {
    summary: 'Chains that jump to each other in a circle that a built-in chain can reach.',
    why: [
      'A packet caught in a loop of jumps would never leave it, so the kernel refuses the ruleset when it is',
      'committed: iptables-nft-restore stops with `RULE_APPEND failed (Too many links)`, and legacy with',
      '`line N failed` at the COMMIT. `iptables-restore --test` does not notice.',
    ].join('\n'),
    bad: '*filter\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j A\nCOMMIT\n',
    good: '*filter\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -j RETURN\nCOMMIT\n',
    fix: 'Break the circle: end one chain with RETURN or a verdict instead of jumping back.',
  },
}, loops);
