import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic } from './diagnostic';
import { detectFamily } from '../syntax/family';
import { parse } from '../syntax/parser';
import { LINE_CHECKS, lint, quickLint } from '..';
import { DEFAULT_OPTIONS, type Check, type LintOptions } from './check';
import { lineRange } from './edits';
import { quickLint as quickLintWith } from './quick-lint';
import { ALL_CASES } from '../../test-support/all-cases';
import { isBuiltinChain } from '../kb/tables';

const LINE_CODES = new Set(LINE_CHECKS.map((r) => r.meta.code));
/** `chain`: a user chain, where the kernel's verdict on the rule depends on who jumps there (not line-scoped). */
const view = (ds: Diagnostic[], line: number, userChain = false): unknown[] =>
  ds
    .filter((d) => LINE_CODES.has(d.code) && d.range.start.line === line && !(userChain && d.code === 'wrong-table-or-chain'))
    .map((d) => ({ code: d.code, message: d.message, range: d.range, severity: d.severity }));

// Every case text of every rule: a wide sample of real rule lines and the contexts they sit in.
const TEXTS = Object.values(ALL_CASES).flatMap((c) => [...c.valid, ...c.invalid].map((x) => ({ text: x.text, options: { ...DEFAULT_OPTIONS, ...x.options } as LintOptions })));
const RULE_LINES = [...new Set(TEXTS.flatMap((t) => t.text.split('\n')).filter((l) => l.startsWith('-') || l.startsWith('[')))];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** A rule line, edited the way typing does: a word cut short, a word dropped, another line's word, a stray `#`. */
function mutate(line: string, next: () => number): string {
  const words = line.split(' ');
  const k = Math.floor(next() * words.length);
  switch (Math.floor(next() * 5)) {
    case 0: words[k] = words[k].slice(0, Math.floor(next() * words[k].length)); break;
    case 1: words.splice(k, 1); break;
    case 2: {
      const other = RULE_LINES[Math.floor(next() * RULE_LINES.length)].split(' ');
      words.splice(k, 0, other[Math.floor(next() * other.length)]);
      break;
    }
    case 3: words.push('#', 'note'); break;
    default: return RULE_LINES[Math.floor(next() * RULE_LINES.length)];
  }
  return words.join(' ');
}

describe('quick check of an edited line', () => {
  test('says exactly what the whole-file lint says of that line, for the line-scoped rules', () => {
    const next = rng(11);
    let compared = 0;
    let flagged = 0;
    for (const { text, options } of TEXTS) {
      const lines = text.split('\n');
      const ruleAt = lines.map((l, i) => (l.startsWith('-') ? i : -1)).filter((i) => i >= 0);
      if (ruleAt.length === 0) continue;
      for (let round = 0; round < 6; round++) {
        const at = ruleAt[Math.floor(next() * ruleAt.length)];
        const edited = mutate(lines[at], next);
        const before = parse(text, detectFamily(text, options.fileName, options.family));
        const quick = quickLint(before, at, at, [edited], options);
        if (!quick) continue;
        const after = [...lines.slice(0, at), edited, ...lines.slice(at + 1)].join('\n');
        if (detectFamily(after, options.fileName, options.family) !== before.family) continue;
        const full = lint(after, options);
        const chain = /^-[AIRD]\s+(\S+)/.exec(edited)?.[1];
        const userChain = chain !== undefined && !isBuiltinChain(before.lines[at].block?.name ?? '', chain);
        assert.deepEqual(view(quick, at), view(full, at, userChain), `line ${at + 1} edited to ${JSON.stringify(edited)} in:\n${text}`);
        assert.ok(quick.every((d) => d.range.start.line === at), 'only the edited line is reported');
        assert.ok(quick.every((d) => d.fixes.length === 0), 'fixes come with the whole-file analysis');
        compared++;
        if (quick.length) flagged++;
      }
    }
    console.log(`quick check: ${compared} edited lines compared with the whole-file lint, ${flagged} of them flagged`);
    assert.ok(compared > 500, `compared ${compared}`);
    assert.ok(flagged > 100, `flagged ${flagged}`);
  });

  test('every line-scoped rule finds its doc example\'s problem from the line alone', () => {
    for (const rule of LINE_CHECKS) {
      const bad = rule.meta.docs.bad;
      const file = parse(bad);
      const options = { ...DEFAULT_OPTIONS, ...rule.meta.docs.examplesWith?.options };
      const full = lint(bad, options).filter((d) => d.code === rule.meta.code);
      assert.ok(full.length > 0, `${rule.meta.code}: the bad example triggers it`);
      for (const d of full) {
        const at = d.range.start.line;
        const quick = quickLint(file, at, at, [file.lines[at].text], options);
        assert.deepEqual(view(quick ?? [], at).filter((x) => (x as { code: string }).code === rule.meta.code), view([d], at), `${rule.meta.code} on line ${at + 1} of its bad example`);
      }
    }
  });

  test('an inserted line and a suppression above it are read in place', () => {
    const text = ['*filter', ':INPUT DROP [0:0]', ':SSH - [0:0]', '# firewall-rules disable-next-line state-match', '-A INPUT -j SSH', 'COMMIT', ''].join('\n');
    const file = parse(text);
    const quick = quickLint(file, 4, 4, ['-A INPUT -m state --state NEW -j SSH', '-A INPUT --dport 22 -j NOPE', '-A SSH -m state --state NEW -j ACCEPT'], DEFAULT_OPTIONS);
    assert.deepEqual(quick?.map((d) => [d.code, d.range.start.line]), [['unknown-option', 5], ['state-match', 6]]);
  });

  test('a jump to an undefined chain: the COMMIT line where it stands after the edit, the back end of the real first line', () => {
    const body = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -j ACCEPT', 'COMMIT', ''];
    const edit = ['-A INPUT -j NOPE', '-A INPUT -j ACCEPT'];
    for (const [head, said] of [['# Generated by iptables-nft-save v1.8.9 (nf_tables)', /iptables-nft-restore stops at the COMMIT on line 6 /], ['# Generated by iptables-legacy-save v1.8.9', /iptables-legacy-restore stops at this line/], ['# a file', /COMMIT on line 6 .*; iptables-legacy-restore stops at this line/]] as const) {
      const text = [head, ...body].join('\n');
      const quick = quickLint(parse(text), 3, 3, edit, DEFAULT_OPTIONS)?.filter((d) => d.code === 'undefined-chain');
      const after = [head, ...body.slice(0, 2), ...edit, ...body.slice(3)].join('\n');
      const full = lint(after).filter((d) => d.code === 'undefined-chain');
      assert.equal(quick?.length, 1, head);
      assert.match(quick[0].message, said);
      assert.equal(quick[0].message, full[0].message, head);
    }
  });

  test('an edit of a table, chain or COMMIT line is left to the whole-file analysis', () => {
    const text = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -j ACCEPT', 'COMMIT', ''].join('\n');
    const file = parse(text);
    assert.equal(quickLint(file, 1, 1, [':INPUT ACCEPT [0:0]'], DEFAULT_OPTIONS), undefined);
    assert.equal(quickLint(file, 2, 2, ['COMMIT'], DEFAULT_OPTIONS), undefined);
    assert.equal(quickLint(file, 0, 0, ['*nat'], DEFAULT_OPTIONS), undefined);
    assert.deepEqual(quickLint(file, 2, 2, ['-A INPUT -j ACCEPT'], DEFAULT_OPTIONS), []);
  });

  test('a line a message names is data: it moves with the edited line, and the text is rendered again', () => {
    const echo: Check = {
      meta: {
        code: 'line-echo', severity: 'hint', title: 'Echo', fixable: false, scope: 'line',
        messages: { echo: 'This is line {at}; the one above is line {above}.', self: 'line {at} itself' },
        docs: { summary: 'Echo.', why: '', bad: '', good: '', fix: '' },
      },
      targets: ['ACCEPT'],
      rule(ctx, line) {
        ctx.report({ range: lineRange(line), messageId: 'echo', data: { at: { line: line.index }, above: { line: line.index - 1 } }, related: [{ range: lineRange(line), messageId: 'self', data: { at: { line: line.index } } }] });
      },
    };
    const text = ['*filter', ':INPUT DROP [0:0]', ':A - [0:0]', ':B - [0:0]', ':C - [0:0]', '-A INPUT -j DROP', '-A INPUT -j DROP', '-A INPUT -j DROP', 'COMMIT', ''].join('\n');
    const quick = quickLintWith(parse(text), 6, 6, ['-A INPUT -j ACCEPT', '-A INPUT -j ACCEPT'], DEFAULT_OPTIONS, [echo]);
    // The first edited line names the line above the edit, which the small file does not hold: the
    // whole-file analysis tells. The second names lines of the edit only.
    assert.deepEqual(quick?.map((d) => [d.range.start.line, d.message, d.data, d.related.map((r) => `${r.range.start.line} ${r.message}`)]), [
      [7, 'This is line 8; the one above is line 7.', { at: { line: 7 }, above: { line: 6 } }, ['7 line 8 itself']],
    ]);
  });
});
