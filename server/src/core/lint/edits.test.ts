// Fixes edit text; --fix writes bytes. The codec is lossless (every byte sequence decodes and encodes
// back to itself, and different bytes never read as the same text), so applyEditsToBytes changes
// exactly the bytes applyEdits changes in the text, UTF-8 or not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { TextEdit } from './diagnostic';
import { applyEdits, applyEditsToBytes, decodeText, encodeText } from './edits';

const bytes = (...parts: Array<string | number[]>): Uint8Array => {
  const chunks = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.length));
  return out;
};
const edit = (l1: number, c1: number, l2: number, c2: number, newText: string): TextEdit => ({ range: { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } }, newText });
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const CASES: Array<{ name: string; input: Uint8Array; edits: TextEdit[]; output: Uint8Array }> = [
  {
    name: 'a Latin-1 comment on another line stays Latin-1',
    input: bytes('# soci', [0xe9], 't', [0xe9], '\n-A INPUT -m state --state NEW -j ACCEPT\n'),
    edits: [edit(1, 12, 1, 25, 'conntrack --ctstate')],
    output: bytes('# soci', [0xe9], 't', [0xe9], '\n-A INPUT -m conntrack --ctstate NEW -j ACCEPT\n'),
  },
  {
    name: 'a whole Latin-1 line can be deleted',
    input: bytes('a\n# caf', [0xe9], '\nb\n'),
    edits: [edit(1, 0, 2, 0, '')],
    output: bytes('a\nb\n'),
  },
  {
    name: 'an edit after multi-byte characters lands on the right byte',
    input: bytes('-A INPUT -m comment --comment "café 🔥" -m state --state NEW\n'),
    edits: [edit(0, 43, 0, 56, 'conntrack --ctstate')],
    output: bytes('-A INPUT -m comment --comment "café 🔥" -m conntrack --ctstate NEW\n'),
  },
  {
    name: 'a byte-order mark and CRLF are kept',
    input: bytes([0xef, 0xbb, 0xbf], '*filter\r\nCOMMIT\r\n'),
    edits: [edit(1, 0, 1, 0, '-A INPUT -j ACCEPT\r\n')],
    output: bytes([0xef, 0xbb, 0xbf], '*filter\r\n-A INPUT -j ACCEPT\r\nCOMMIT\r\n'),
  },
  {
    name: 'a last line without a newline gets one',
    input: bytes('*filter\nCOMMIT'),
    edits: [edit(1, 6, 1, 6, '\n')],
    output: bytes('*filter\nCOMMIT\n'),
  },
  {
    name: 'an edit after a byte that is not UTF-8, on the same line',
    input: bytes('-A INPUT -m comment --comment "', [0xe9], '" -m state --state NEW\n'),
    edits: [edit(0, 37, 0, 50, 'conntrack --ctstate')],
    output: bytes('-A INPUT -m comment --comment "', [0xe9], '" -m conntrack --ctstate NEW\n'),
  },
  {
    name: 'broken sequences, a surrogate encoded in UTF-8 and an astral character stay as they were',
    input: bytes([0xe2, 0x82], 'x', [0xed, 0xb2, 0x80], '🔥', [0xf0, 0x9f], '\n', [0xff, 0xc0, 0xaf], '\n'),
    edits: [edit(1, 0, 1, 0, 'new\n')],
    output: bytes([0xe2, 0x82], 'x', [0xed, 0xb2, 0x80], '🔥', [0xf0, 0x9f], '\nnew\n', [0xff, 0xc0, 0xaf], '\n'),
  },
];

test('applyEditsToBytes: the case table', () => {
  for (const c of CASES) assert.equal(hex(applyEditsToBytes(c.input, c.edits)), hex(c.output), c.name);
});

const line = fc.array(fc.constantFrom('a', '-', ' ', 'é', '€', '🔥', '\r', '"'), { maxLength: 12 }).map((cs) => cs.join(''));
const text = fc.array(line, { minLength: 1, maxLength: 8 }).map((ls) => ls.join('\n'));

/** Non-overlapping edits at positions that split no surrogate pair. */
function editsFor(t: string, picks: Array<[number, number, number, string]>): TextEdit[] {
  const lines = t.split('\n');
  const points: Array<{ line: number; character: number; offset: number }> = [];
  let offset = 0;
  lines.forEach((l, i) => {
    for (let c = 0; c <= l.length; c++) if (!/[\udc00-\udfff]/.test(l[c] ?? '')) points.push({ line: i, character: c, offset: offset + c });
    offset += l.length + 1;
  });
  const chosen = picks.map(([a, b, _, s]) => [points[a % points.length], points[b % points.length], s] as const).map(([x, y, s]) => (x.offset <= y.offset ? [x, y, s] as const : [y, x, s] as const));
  chosen.sort((p, q) => p[0].offset - q[0].offset);
  const out: TextEdit[] = [];
  let end = -1;
  for (const [from, to, s] of chosen) {
    if (from.offset <= end) continue;
    out.push({ range: { start: { line: from.line, character: from.character }, end: { line: to.line, character: to.character } }, newText: s });
    end = to.offset;
  }
  return out;
}

test('applyEditsToBytes changes the bytes as applyEdits changes the text (UTF-8 text)', () => {
  fc.assert(
    fc.property(text, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.constantFrom('', 'x', 'é\n', '🔥')), { maxLength: 4 }), (t, picks) => {
      const edits = editsFor(t, picks);
      assert.equal(decodeText(applyEditsToBytes(new TextEncoder().encode(t), edits)), applyEdits(t, edits));
    }),
    { numRuns: 500 },
  );
});

const raw = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constant(0x0a), fc.constantFrom(0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0xed)), { maxLength: 80 }).map((b) => Uint8Array.from(b));

test('any bytes decode and encode back to themselves; different bytes read as different text', () => {
  fc.assert(
    fc.property(raw, raw, (a, b) => {
      assert.deepEqual(encodeText(decodeText(a)), a);
      assert.equal(decodeText(a) === decodeText(b), Buffer.from(a).equals(Buffer.from(b)));
    }),
    { numRuns: 1000 },
  );
  assert.equal(decodeText(bytes('caf', [0xe9])), 'caf\udce9');
  assert.equal(decodeText(bytes('café')), 'café');
});

test('an edit keeps every byte before and after it, whatever the bytes are', () => {
  fc.assert(
    fc.property(raw, fc.nat(), fc.nat(), (input, a, b) => {
      const text = decodeText(input);
      const [from, to] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y);
      const at = (offset: number): { line: number; character: number } => {
        const before = text.slice(0, offset).split('\n');
        return { line: before.length - 1, character: before[before.length - 1].length };
      };
      const out = applyEditsToBytes(input, [{ range: { start: at(from), end: at(to) }, newText: 'NEW' }]);
      const head = encodeText(text.slice(0, from));
      const tail = encodeText(text.slice(to));
      assert.deepEqual(out, Uint8Array.from([...head, ...new TextEncoder().encode('NEW'), ...tail]));
    }),
    { numRuns: 1000 },
  );
});
