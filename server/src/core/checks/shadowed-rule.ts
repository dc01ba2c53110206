import type { Fix, MessageData } from '../lint/diagnostic';
import { applyEdits, lineRange } from '../lint/edits';
import type { RuleLine } from '../syntax/model';
import type { ChainModel } from '../syntax/ruleset';
import type { Check } from '../lint/check';
import { chainSnapshot } from '../reach/evaluate';
import { HashTable } from '../net/hash-table';
import { readKeys } from '../reach/shadow-keys';
import { conditionsOf, covers, matchesEverything, mayMatchEverything, type Conditions } from '../reach/rule-cover';

const TERMINAL = new Set(['ACCEPT', 'DROP', 'REJECT', 'RETURN']);
/** Earlier rules without a single port to file them under are all compared, up to this many per chain. */
const MAX_WIDE = 256;

/**
 * The rule's target with its options, `''` for a rule without one. Its values as iptables reads
 * them, to compare two targets; `asWritten`, with their quotes, to quote one in a message.
 */
function verdictText(line: RuleLine, asWritten = false): string {
  const t = line.rule.target;
  if (!t?.name) return '';
  const args = t.options.map((o) => `--${o.name}${o.args.length ? ' ' + o.args.map((a) => (asWritten ? a.text : a.value)).join(' ') : ''}`).join(' ');
  return `${t.goto ? '-g' : '-j'} ${t.name.value}${args ? ' ' + args : ''}`;
}

/** A cheap necessary test on the raw rule: each of `outer`'s conditions needs a counterpart in it. */
function mayCover(outer: Conditions | null, line: RuleLine): boolean {
  if (!outer) return false;
  const core = line.rule.core;
  const hasCore = (name: string): boolean => core.some((o) => o.name === name);
  if (outer.protocol !== undefined && !hasCore('protocol')) return false;
  if (outer.source && !hasCore('source')) return false;
  if (outer.destination && !hasCore('destination')) return false;
  if (outer.inIface !== undefined && !hasCore('in-interface')) return false;
  if (outer.outIface !== undefined && !hasCore('out-interface')) return false;
  const modules = line.rule.matches;
  if (outer.states && !modules.some((m) => m.module === 'conntrack' || m.module === 'state')) return false;
  if ((outer.dports || outer.sports) && !modules.some((m) => m.options.length > 0 && (m.module === 'tcp' || m.module === 'udp' || m.module === 'multiport'))) return false;
  return true;
}

const MEMO_KEY = 'shadowed-rule';
const sameText = (a: string, b: string): boolean => a === b;

/** Pairs of positions in the chain: a rule, and the earlier one that shadows it. */
function shadowedIn(chain: ChainModel): Array<[number, number]> {
  // Earlier deciding rules filed by what narrows them most: one source host, one destination host,
  // one port. A rule for one host covers only rules for that same host, so big files compare almost
  // nothing; a rule's full conditions are worked out only when needed, and only the latest MAX_WIDE
  // rules of a bucket are compared. Rules are filed by their position, and a bucket of one rule (the
  // usual case in a host-by-host file) is that position: no object per rule.
  type Bucket = number | number[];
  const rules = chain.rules;
  const pairs: Array<[number, number]> = [];
  // By host text and the hash the parse took of it (see shadow-keys.ts).
  const bySrc = new HashTable<string, Bucket>(rules.length, sameText);
  const byDst = new HashTable<string, Bucket>(rules.length, sameText);
  const byPort = new Map<number, Bucket>();
  const wide: number[] = [];
  let conditions: Map<number, Conditions | null> | undefined;
  const cond = (at: number): Conditions | null => {
    conditions ??= new Map();
    let c = conditions.get(at);
    if (c === undefined) conditions.set(at, (c = conditionsOf(rules[at]) ?? null));
    return c;
  };
  const covering = (other: number, at: number): boolean => {
    const o = cond(other);
    if (!o || !mayCover(o, rules[at])) return false;
    const c = cond(at);
    return !!c && covers(o, c);
  };
  const coveringIn = (bucket: Bucket | undefined, at: number): number => {
    if (bucket === undefined) return -1;
    if (typeof bucket === 'number') return covering(bucket, at) ? bucket : -1;
    for (let i = Math.max(0, bucket.length - MAX_WIDE); i < bucket.length; i++) if (covering(bucket[i], at)) return bucket[i];
    return -1;
  };
  const grown = (bucket: Bucket | undefined, at: number): Bucket => {
    if (bucket === undefined) return at;
    if (typeof bucket === 'number') return [bucket, at];
    bucket.push(at);
    return bucket;
  };
  for (let at = 0; at < rules.length; at++) {
    const line = rules[at];
    if (line.rule.problems.length > 0) continue;
    if (mayMatchEverything(line)) {
      const c = cond(at);
      if (c && matchesEverything(c)) break;
    }
    const keys = readKeys(line);
    const src = keys.shadowSrc;
    const dst = keys.shadowDst;
    const srcHash = keys.shadowSrcHash;
    const dstHash = keys.shadowDstHash;
    const port = keys.shadowPort >= 0 ? keys.shadowPort : undefined;
    let earlier = src !== undefined ? coveringIn(bySrc.get(src, srcHash), at) : -1;
    if (earlier < 0 && dst !== undefined) earlier = coveringIn(byDst.get(dst, dstHash), at);
    if (earlier < 0 && port !== undefined) earlier = coveringIn(byPort.get(port), at);
    if (earlier < 0) earlier = coveringIn(wide.length ? wide : undefined, at);
    // An exact copy is duplicate-rule's to report.
    if (earlier >= 0 && rules[earlier].text.trim() !== line.text.trim()) pairs.push([at, earlier]);
    const target = line.rule.target;
    if (!target?.name || (!target.goto && !TERMINAL.has(target.name.value))) continue;
    if (src !== undefined) bySrc.set(src, srcHash, grown(bySrc.get(src, srcHash), at));
    else if (dst !== undefined) byDst.set(dst, dstHash, grown(byDst.get(dst, dstHash), at));
    else if (port !== undefined) byPort.set(port, grown(byPort.get(port), at));
    else if (wide.length < MAX_WIDE) wide.push(at);
  }
  return pairs;
}

/** The report's message: the same decision twice, another decision, or a rule that only counts. */
function message(line: RuleLine, earlier: RuleLine, same: boolean): { messageId: string; data: MessageData } {
  const at = { line: earlier.index };
  // The earlier rule always decides (only deciding rules are filed), so it always has a target.
  if (same) return { messageId: 'redundant', data: { earlier: at, verdict: verdictText(earlier, true) } };
  if (!line.rule.target?.name) return { messageId: 'shadowedCounter', data: { earlier: at, earlierVerdict: verdictText(earlier, true) } };
  return { messageId: 'shadowed', data: { earlier: at, earlierVerdict: verdictText(earlier, true), verdict: verdictText(line, true) } };
}

const lineSpan = (line: RuleLine): { start: { line: number; character: number }; end: { line: number; character: number } } => ({
  start: { line: line.index, character: 0 },
  end: { line: line.index + 1, character: 0 },
});

export const shadowedRule: Check = {
  meta: {
    code: 'shadowed-rule',
    severity: 'warning',
    title: 'Rule shadowed by an earlier one',
    fixable: true,
    messages: {
      redundant: 'Redundant: the rule on line {earlier} already matches every packet this one matches, and decides them the same way ({verdict}).',
      shadowed: 'Shadowed: the rule on line {earlier} matches every packet this one matches and decides them first ({earlierVerdict}), so this {verdict} never takes effect.',
      shadowedCounter: 'Shadowed: the rule on line {earlier} matches every packet this one matches and decides them first ({earlierVerdict}), so this rule, which has no target and only counts packets, never counts any.',
      earlierRule: 'the earlier rule',
    },
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
        // Worked out per chain, and kept with the chain's parsed rules: after an edit, only the
        // chain it changed is compared again.
        const snapshot = chainSnapshot(chain);
        let pairs = snapshot?.memo.get(MEMO_KEY) as Array<[number, number]> | undefined;
        if (!pairs) {
          pairs = shadowedIn(chain);
          snapshot?.memo.set(MEMO_KEY, pairs);
        }
        for (const [later, earlier] of pairs) report(chain.rules[later], chain.rules[earlier]);
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
        ...message(line, earlier, same),
        related: [{ range: lineRange(earlier), messageId: 'earlierRule' }],
        fixes,
      });
    }
  },
};
