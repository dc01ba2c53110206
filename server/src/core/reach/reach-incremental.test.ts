import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectFamily } from '../syntax/family';
import { lint, lintParsed } from '..';
import { DEFAULT_OPTIONS } from '../lint/check';
import { ALL_CHECKS } from '../checks';
import { parse } from '../syntax/parser';
import { ANYWHERE, reach } from './reach';
import { REACH_CASES } from './reach.cases';
import { ALL_CASES } from '../checks/all-cases';

const TEXTS = [...REACH_CASES.map((c) => c.text), ...Object.values(ALL_CASES).flatMap((c) => [...c.valid, ...c.invalid].map((x) => x.text))].filter((t) => t.includes('*filter'));
const RULE_LINES = [...new Set(TEXTS.flatMap((t) => t.split('\n')).filter((l) => l.startsWith('-A') || l.startsWith('-I')))];
const QUERIES = [22, 25, 143, 993, 3306, 40999].flatMap((port) => [{ port, from: ANYWHERE }, { port }, { port, from: '10.200.0.2', iface: 'eth0' }]);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** One edit of a rule line: replaced by another rule line, deleted, or a rule inserted before it. */
function edit(text: string, next: () => number): string {
  const lines = text.split('\n');
  const rules = lines.map((l, i) => (l.startsWith('-') ? i : -1)).filter((i) => i >= 0);
  if (rules.length === 0) return text;
  const at = rules[Math.floor(next() * rules.length)];
  const other = RULE_LINES[Math.floor(next() * RULE_LINES.length)];
  switch (Math.floor(next() * 3)) {
    case 0: lines[at] = other; break;
    case 1: lines.splice(at, 1); break;
    default: lines.splice(at, 0, other);
  }
  return lines.join('\n');
}

describe('reachability after an incremental parse', () => {
  test('equals reachability of a parse from scratch, edit after edit', () => {
    const next = rng(5);
    let compared = 0;
    for (const original of TEXTS) {
      const family = detectFamily(original, '', 'auto');
      let text = original;
      let file = parse(text, family);
      for (const q of QUERIES) reach(file, q);
      for (let round = 0; round < 5; round++) {
        text = edit(text, next);
        file = parse(text, family, file);
        const fresh = parse(text, family);
        for (const q of QUERIES) {
          assert.deepEqual(reach(file, q), reach(fresh, q), `port ${q.port} from ${q.from ?? 'unknown'} after edits:\n${text}`);
          compared++;
        }
      }
    }
    console.log(`incremental reachability: ${compared} queries compared with parses from scratch`);
    assert.ok(compared > 5000, `compared ${compared}`);
  });

  test('and the whole lint of an incremental parse equals a lint from scratch', () => {
    const next = rng(9);
    const view = (ds: ReturnType<typeof lint>): string[] => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message} ${JSON.stringify(d.fixes)}`);
    let compared = 0;
    for (const original of TEXTS.slice(0, 120)) {
      let text = original;
      let file = parse(text, detectFamily(text, '', 'auto'));
      lintParsed(text, file, DEFAULT_OPTIONS, ALL_CHECKS);
      for (let round = 0; round < 3; round++) {
        text = edit(text, next);
        file = parse(text, detectFamily(text, '', 'auto'), file);
        assert.deepEqual(view(lintParsed(text, file, DEFAULT_OPTIONS, ALL_CHECKS)), view(lint(text)), `after edits:\n${text}`);
        compared++;
      }
    }
    console.log(`incremental lint: ${compared} edited files compared with lints from scratch`);
    assert.ok(compared >= 300, `compared ${compared}`);
  });
});
