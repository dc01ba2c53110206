import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Line, ParsedFile } from './model';
import { parse } from './parser';
import { tokensOf } from './rule-text';

/** What a parse says of each line and block, without object identity. */
function shape(f: ParsedFile): unknown {
  const line = (l: Line): unknown => ({
    kind: l.kind,
    index: l.index,
    text: l.text,
    cr: l.cr,
    block: l.block ? f.blocks.indexOf(l.block) : -1,
    tokens: l.kind === 'rule' ? tokensOf(l).map((t) => [t.value, t.start, t.end]) : undefined,
    problems: l.kind === 'rule' ? l.rule.problems.map((p) => p.code) : undefined,
  });
  return {
    lines: f.lines.map(line),
    blocks: f.blocks.map((b) => ({ name: b.name, header: b.header.index, commit: b.commit?.index, lines: b.lines.map((l) => l.index) })),
    lineCount: f.lineCount,
    endsWithNewline: f.endsWithNewline,
    crLines: f.crLines,
    outsideTables: f.outsideTables,
    byMatch: [...f.byMatch].map(([k, v]) => [k, v.map((l) => l.index)]),
    byTarget: [...f.byTarget].map(([k, v]) => [k, v.map((l) => l.index)]),
  };
}

const BASE = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':SSH - [0:0]',
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -p tcp --dport 22 -j SSH',
  '# mail',
  '-A INPUT -p tcp -m multiport --dports 25,465,587 -j ACCEPT',
  '-A SSH -s 192.0.2.0/24 -j ACCEPT',
  'COMMIT',
  '*nat',
  '-A POSTROUTING -o eth0 -j MASQUERADE',
  'COMMIT',
  '',
].join('\n');

// Small deterministic generator, so a failure replays.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const PIECES = ['', '\n', '\r\n', '*filter\n', 'COMMIT\n', '-A INPUT -p udp --dport 53 -j ACCEPT\n', ' ', '"', '-m tcp', ':X - [0:0]\n', '#'];

describe('incremental parse', () => {
  test('an edited text parsed from the previous parse equals a parse from scratch', () => {
    const next = rng(7);
    let cases = 0;
    for (let i = 0; i < 400; i++) {
      let text = BASE;
      let previous = parse(text);
      for (let edit = 0; edit < 4; edit++) {
        const at = Math.floor(next() * (text.length + 1));
        const cut = Math.floor(next() * 12);
        const piece = PIECES[Math.floor(next() * PIECES.length)];
        text = text.slice(0, at) + piece + text.slice(Math.min(text.length, at + cut));
        const incremental = parse(text, 'ipv4', previous);
        assert.deepEqual(shape(incremental), shape(parse(text)), `after edit at ${at} (-${cut} +${JSON.stringify(piece)}):\n${text}`);
        previous = incremental;
        cases++;
      }
    }
    assert.equal(cases, 1600);
  });

  test('a one-line edit reads that line only and keeps the other lines’ parsed rules', () => {
    const old = parse(BASE);
    const text = BASE.replace('--dports 25,465,587', '--dports 25,465,587,993');
    const f = parse(text, 'ipv4', old);
    assert.equal(f.reread, 1);
    for (let i = 0; i < f.lines.length; i++) {
      const a = f.lines[i];
      const b = old.lines[i];
      if (a.kind === 'rule' && b.kind === 'rule' && i !== 6) assert.equal(a.rule, b.rule, `line ${i} reused`);
    }
    assert.notEqual((f.lines[6] as { rule: unknown }).rule, (old.lines[6] as { rule: unknown }).rule);
  });

  test('inserting a line shifts the lines after it, which are still reused', () => {
    const old = parse(BASE);
    const text = BASE.replace('# mail\n', '# mail\n-A INPUT -p tcp --dport 993 -j ACCEPT\n');
    const f = parse(text, 'ipv4', old);
    assert.equal(f.reread, 1);
    assert.equal(f.lines[7].text, old.lines[6].text);
    assert.equal(f.lines[7].index, 7);
    assert.equal(old.lines[6].index, 6, 'the previous parse is left as it was');
    assert.deepEqual(shape(f), shape(parse(text)));
  });

  test('another family reads every line again', () => {
    const old = parse(BASE, 'ipv4');
    assert.equal(parse(BASE, 'ipv6', old).reread, old.lines.length);
    assert.equal(parse(BASE, 'ipv4', old).reread, 0);
  });
});
