import type { Fix } from '../diagnostic';
import { applyEdits, lineRange } from '../edits';
import type { RuleLine } from '../model';
import type { LintRule } from '../rule';
import { conditionsOf, covers, matchesEverything, type Conditions } from '../rule-cover';

const TERMINAL = new Set(['ACCEPT', 'DROP', 'REJECT', 'RETURN']);
/** Earlier rules without a single port to file them under are all compared, up to this many per chain. */
const MAX_WIDE = 256;

function verdictText(line: RuleLine): string {
  const t = line.rule.target;
  if (!t?.name) return '';
  const args = t.options.map((o) => `--${o.name}${o.args.length ? ' ' + o.args.map((a) => a.value).join(' ') : ''}`).join(' ');
  return `${t.goto ? '-g' : '-j'} ${t.name.value}${args ? ' ' + args : ''}`;
}

const lineSpan = (line: RuleLine): { start: { line: number; character: number }; end: { line: number; character: number } } => ({
  start: { line: line.index, character: 0 },
  end: { line: line.index + 1, character: 0 },
});

export const shadowedRule: LintRule = {
  meta: {
    code: 'shadowed-rule',
    severity: 'warning',
    title: 'Rule shadowed by an earlier one',
    fixable: true,
    docs: {
      summary: 'Every packet the rule matches is already matched, and decided, by an earlier rule of the same chain.',
      why: [
        'netfilter stops at the first rule that decides. When an earlier rule matches a superset of a later one,',
        'for instance `-p tcp --dport 20:30 -j DROP` above `-p tcp --dport 22 -j ACCEPT`, the later rule never',
        'takes effect: the SSH accept is dead and SSH is dropped. When both rules decide the same way, the later',
        'one is only clutter that hides which rule really matters.',
      ].join('\n'),
      bad: ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -s 203.0.113.0/24 -j DROP', '-A INPUT -s 203.0.113.7 -p tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n'),
      good: ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -s 203.0.113.7 -p tcp --dport 22 -j ACCEPT', '-A INPUT -s 203.0.113.0/24 -j DROP', 'COMMIT', ''].join('\n'),
      fix: [
        'When the later rule decides differently, it was meant to be an exception: move it above the rule that',
        'shadows it (the quick fix does, when that does not lock SSH out). When both decide the same way, the',
        'later rule changes nothing: the quick fix deletes it. A rule with no conditions at all is reported by',
        '`unreachable-rule` instead.',
      ].join('\n'),
    },
  },
  file(ctx) {
    let lockoutsBefore: number | undefined;
    for (const block of ctx.file.blocks) {
      const table = ctx.table(block.name);
      if (!table || table.block !== block) continue;
      for (const chain of table.chains.values()) {
        const byPort = new Map<number, Array<{ line: RuleLine; c: Conditions }>>();
        const wide: Array<{ line: RuleLine; c: Conditions }> = [];
        for (const line of chain.rules) {
          if (line.rule.problems.length > 0) continue;
          const c = conditionsOf(line);
          if (!c) continue;
          if (matchesEverything(c)) break;
          const single = c.dports?.length === 1 && c.dports[0].low === c.dports[0].high ? c.dports[0].low : undefined;
          const candidates = [...(single !== undefined ? (byPort.get(single) ?? []) : []), ...wide];
          const earlier = candidates.find((e) => covers(e.c, c));
          // An exact copy is duplicate-rule's to report.
          if (earlier && earlier.line.text.trim() !== line.text.trim()) report(line, earlier.line);
          const target = line.rule.target;
          if (!target?.name || (!target.goto && !TERMINAL.has(target.name.value))) continue;
          const entry = { line, c };
          if (single !== undefined) {
            const list = byPort.get(single) ?? [];
            list.push(entry);
            byPort.set(single, list);
          } else if (wide.length < MAX_WIDE) wide.push(entry);
        }
      }
    }

    function report(line: RuleLine, earlier: RuleLine): void {
      const same = verdictText(line) === verdictText(earlier);
      const fixes: Fix[] = [];
      if (same) {
        fixes.push({ title: 'Delete this rule: it changes nothing', isPreferred: true, edits: [{ range: lineSpan(line), newText: '' }] });
      } else if (line.rule.target?.name && !ctx.verifying) {
        const move: Fix = {
          title: `Move this rule above line ${earlier.index + 1}`,
          isPreferred: true,
          edits: [
            { range: { start: lineSpan(earlier).start, end: lineSpan(earlier).start }, newText: line.text + '\n' },
            { range: lineSpan(line), newText: '' },
          ],
        };
        const checks = ['ssh-lockout'];
        lockoutsBefore ??= ctx.relint(ctx.text, checks).length;
        if (ctx.relint(applyEdits(ctx.text, move.edits), checks).length <= lockoutsBefore) fixes.push(move);
      }
      ctx.report({
        range: lineRange(line),
        message: same
          ? `Redundant: the rule on line ${earlier.index + 1} already matches every packet this one matches, and decides them the same way (${verdictText(earlier)}).`
          : `Shadowed: the rule on line ${earlier.index + 1} matches every packet this one matches and decides them first (${verdictText(earlier)}), so this ${verdictText(line)} never takes effect.`,
        related: [{ range: lineRange(earlier), message: 'the earlier rule' }],
        fixes,
      });
    }
  },
};
