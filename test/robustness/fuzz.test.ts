// Property tests: whatever the text, every service answers without throwing. Random bytes, token
// soups and mutations of real files, through lint, fixes, hover, completion, formatting, outline
// and reachability.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { ANYWHERE, applyEdits, chainsOf, completeAt, DEFAULT_OPTIONS, formatLines, hoverAt, lint, parse, quickLint, reach, summarize } from 'firewall-rules-server/build/core';
import { EXAMPLE, SHARED } from 'firewall-rules-server/build/test-support/paths';
import { loadSnippets, snippetAsFile } from 'firewall-rules-server/build/test-support/snippets';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
let cases = 0;

/** Every service on one text; throws if any of them does. */
function exercise(text: string, seed: number): void {
  cases++;
  const family = seed % 2 ? 'ipv6' : 'ipv4';
  const ds = lint(text, { family });
  for (const d of ds.slice(0, 5)) for (const f of d.fixes) lint(applyEdits(text, f.edits), { family });
  const file = parse(text, family);
  const lines = Math.max(1, file.lines.length);
  for (let k = 0; k < 3; k++) {
    const line = (seed * (k + 7)) % lines;
    const width = file.lines[line]?.text.length ?? 0;
    const ch = width ? (seed * (k + 3)) % (width + 1) : 0;
    hoverAt(file, line, ch);
    completeAt(file, line, ch);
  }
  formatLines(file);
  // An edit of a line, checked quickly and parsed from the previous parse, as the server does.
  const at = seed % lines;
  const edited = (file.lines[at]?.text ?? '').slice(0, seed % 13) + text.slice(seed % Math.max(1, text.length), (seed % Math.max(1, text.length)) + 40).split('\n')[0];
  quickLint(file, at, at, [edited], { ...DEFAULT_OPTIONS, family });
  const after = text.split('\n').map((l, i) => (i === at ? edited : l)).join('\n');
  assert.deepEqual(parse(after, family, file).lines.map((l) => [l.kind, l.text]), parse(after, family).lines.map((l) => [l.kind, l.text]));
  summarize(file);
  reach(file, { port: 22, from: ANYWHERE });
  for (const b of file.blocks) chainsOf(b);
}

const VOCABULARY = [
  '*filter', '*nat', '*raw', 'COMMIT', ':INPUT DROP [0:0]', ':FOO - [0:0]', ':OUTPUT ACCEPT', '-A', '-I', '-N', '-P', '-D', '-X', 'INPUT', 'FOO', 'OUTPUT',
  '-p', 'tcp', 'udp', 'icmp', 'ipv6-icmp', '!', '--', '-m', 'conntrack', 'state', 'multiport', 'recent', 'comment', 'limit', 'tcp', '--dport', '--dports',
  '22', '25,587', '1:65535', 'ssh', '--ctstate', 'NEW,ESTABLISHED', '--state', '-s', '-d', '10.0.0.0/8', '2001:db8::/32', '::1', '0/0', '-i', 'lo', 'eth+',
  '-j', '-g', 'ACCEPT', 'DROP', 'REJECT', 'RETURN', 'LOG', '--reject-with', 'tcp-reset', '--log-prefix', '"x y"', '"unterminated', '\\"', '#', '# c',
  '--set', '--update', '--hitcount', '4', '--syn', '--tcp-flags', 'SYN,ACK', 'SYN', '-f', '-c', '1', '2', '[0:0]', '--to-ports', '--icmpv6-type',
  'neighbour-solicitation', '\t', '\r', '', 'x'.repeat(40),
];

test('random bytes never break a service', { timeout: 120000 }, () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(), (bytes, seed) => {
      exercise(Buffer.from(bytes).toString('latin1'), seed);
      exercise(Buffer.from(bytes).toString('utf8'), seed + 1);
    }),
    { numRuns: RUNS, seed: 1 },
  );
});

test('token soups never break a service', { timeout: 120000 }, () => {
  const line = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 14 }).map((ws) => ws.join(' '));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 25 }), fc.nat(), (lines, seed) => exercise(lines.join('\n'), seed)),
    { numRuns: RUNS, seed: 2 },
  );
});

/** Real files: the seed, every snippet as a file, and the shared iptables-save dumps when present. */
function realFiles(): string[] {
  const files = [readFileSync(EXAMPLE, 'utf8'), ...loadSnippets().map(snippetAsFile)];
  const dumps = path.join(SHARED, 'conformance', 'dumps');
  if (existsSync(dumps)) for (const f of readdirSync(dumps)) files.push(readFileSync(path.join(dumps, f), 'utf8'));
  return files;
}

test('mutations of real files never break a service', { timeout: 120000 }, () => {
  const files = realFiles();
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...VOCABULARY.map((v) => ` ${v} `), '\n', '"', '!', '\r\n') }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), length: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.constant(0) }),
  );
  fc.assert(
    fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.nat(), (which, mutations, seed) => {
      let text = files[which % files.length];
      for (const m of mutations) {
        const at = text.length ? m.at % text.length : 0;
        if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.length);
        else if (m.kind === 'insert') text = text.slice(0, at) + m.text + text.slice(at);
        else {
          const lines = text.split('\n');
          const i = at % Math.max(1, lines.length);
          if (m.kind === 'swap') {
            const j = m.length % Math.max(1, lines.length);
            [lines[i], lines[j]] = [lines[j], lines[i]];
          } else lines.splice(i, 0, lines[i] ?? '');
          text = lines.join('\n');
        }
      }
      exercise(text, seed);
    }),
    { numRuns: RUNS, seed: 3 },
  );
  console.log(`fuzz: ${cases} texts run through every service (${files.length} real files mutated)`);
  assert.ok(cases >= RUNS * 3);
});
