// Inputs built to hurt a parser: they must finish, and grow the time about linearly (the bench, not
// this test, measures how fast). A generous timeout is the only clock here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLines, hoverAt, lint, parse } from 'firewall-rules-server/build/core';

function run(name: string, text: string): void {
  const started = Date.now();
  const ds = lint(text);
  const file = parse(text);
  formatLines(file);
  hoverAt(file, file.lines.length - 2, 5);
  console.log(`adversarial: ${name}: ${(text.length / 1e6).toFixed(1)} MB, ${ds.length} diagnostics, ${Date.now() - started} ms`);
  assert.ok(Array.isArray(ds));
}

test('a 1 MB single line', { timeout: 60000 }, () => {
  const words = ['-p', 'tcp', '--dport', '22', '-m', 'comment', '--comment', '"x"', '-s', '10.0.0.1'];
  const parts: string[] = ['-A INPUT'];
  let length = 0;
  for (let i = 0; length < 1e6; i++) {
    parts.push(words[i % words.length]);
    length += words[i % words.length].length + 1;
  }
  run('one long rule', `*filter\n${parts.join(' ')} -j ACCEPT\nCOMMIT\n`);
});

test('100,000 ! tokens', { timeout: 60000 }, () => {
  run('100k negations', `*filter\n-A INPUT ${'! '.repeat(100000)}-j ACCEPT\nCOMMIT\n`);
});

test('10,000 chained jumps, and a jump cycle', { timeout: 60000 }, () => {
  const lines = ['*filter', ':INPUT DROP [0:0]'];
  for (let i = 0; i < 10000; i++) lines.push(`:C${i} - [0:0]`);
  lines.push('-A INPUT -j C0');
  for (let i = 0; i < 9999; i++) lines.push(`-A C${i} -p tcp -j C${i + 1}`);
  lines.push('-A C9999 -j C0', 'COMMIT', '');
  run('10k chain with a cycle', lines.join('\n'));
});

test('deeply quoted strings', { timeout: 60000 }, () => {
  const quoted = `"${'\\"'.repeat(50000)}"`;
  run('50k escaped quotes', `*filter\n-A INPUT -m comment --comment ${quoted} -j ACCEPT\n-A INPUT -m comment --comment ${'"'.repeat(20001)} -j DROP\nCOMMIT\n`);
});
