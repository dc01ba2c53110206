import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, lint } from 'firewall-rules-server/build/core';
import { serverForSuite } from 'firewall-rules-server/build/test-support/lsp-server';

const at = (line: number, character: number): { line: number; character: number } => ({ line, character });
const view = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}: ${d.message}`).sort();

// A file with a whole-file warning (cleartext IMAP open) far from the lines the test edits.
const TEXT = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  ':MAIL - [0:0]',
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-A INPUT -p tcp --dport 22 -j ACCEPT',
  '-A INPUT -p tcp -j MAIL',
  '-A MAIL -p tcp --dport 993 -j ACCEPT',
  '-A MAIL -p tcp --dport 143 -j ACCEPT',
  'COMMIT',
  '',
].join('\n');

describe('an edit gets a quick check of its lines, then the whole-file analysis', () => {
  const server = serverForSuite();
  const uri = 'file:///work/quick/rules.v4';
  let text = TEXT;
  let version = 1;
  before(async () => {
    await server.client.open(uri, text, version);
    await server.client.whenAnalysed(uri, version);
  });

  test('a broken line shows its error first, with the rest carried; the analysis then says what a lint of the text says', async () => {
    const before = server.client.lastPublished(uri, version) ?? [];
    assert.deepEqual(before.map((d) => d.code), ['plaintext-mail-protocol']);
    // `-p tcp` deleted from the SSH rule: --dport is unknown without it.
    const range = { start: at(7, 9), end: at(7, 16) };
    text = applyEdits(text, [{ range, newText: '' }]);
    const { first, complete } = await server.client.edit(uri, ++version, range, '');
    assert.deepEqual(view(first).map((v) => v.split(':')[0] + ' ' + v.split(' ')[1]), ['10 plaintext-mail-protocol:', '7 unknown-option:'].sort());
    assert.ok(first.every((d) => ((d.data as { fixes: unknown[] }).fixes ?? []).length === 0), 'fixes wait for the analysis');
    const expected = lint(text, { fileName: 'rules.v4' });
    assert.deepEqual(view(complete), view(expected.map((d) => ({ range: d.range, code: d.code, message: d.message }) as Diagnostic)));
    const fixes = (complete.find((d) => d.code === 'unknown-option')?.data as { fixes: Array<{ title: string }> }).fixes;
    assert.ok(fixes.some((f) => /-p tcp/.test(f.title)), `the fixes come with the analysis: ${fixes.map((f) => f.title)}`);
  });

  test('inserting a line moves the diagnostics below it', async () => {
    const range = { start: at(5, 0), end: at(5, 0) };
    const line = '-A INPUT -p tcp -m state --state NEW --dport 25 -j ACCEPT\n';
    text = applyEdits(text, [{ range, newText: line }]);
    const { first, complete } = await server.client.edit(uri, ++version, range, line);
    const lines = (ds: Diagnostic[]): string[] => ds.map((d) => `${d.range.start.line} ${String(d.code)}`).sort();
    assert.ok(lines(first).includes('5 state-match'), `the new line is checked: ${lines(first)}`);
    assert.ok(lines(first).includes('8 unknown-option'), `the old error moved down a line: ${lines(first)}`);
    assert.ok(lines(first).includes('11 plaintext-mail-protocol'), `the carried warning moved down a line: ${lines(first)}`);
    assert.deepEqual(view(complete), view(lint(text, { fileName: 'rules.v4' }).map((d) => ({ range: d.range, code: d.code, message: d.message }) as Diagnostic)));
  });

  test('two changes at once (several cursors) wait for the whole-file analysis', async () => {
    const changes = [
      { range: { start: at(6, 0), end: at(6, 0) }, text: '# one\n' },
      { range: { start: at(9, 0), end: at(9, 0) }, text: '# two\n' },
    ];
    for (const c of changes) text = applyEdits(text, [{ range: c.range, newText: c.text }]);
    const published = server.client.published.length;
    const v = ++version;
    const done = server.client.whenAnalysed(uri, v);
    await server.client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: changes });
    await done;
    assert.equal(server.client.published.length - published, 1, 'one publish: the analysis');
    assert.deepEqual(view(server.client.lastPublished(uri, v) ?? []), view(lint(text, { fileName: 'rules.v4' }).map((d) => ({ range: d.range, code: d.code, message: d.message }) as Diagnostic)));
  });

  test('an edit of a chain line waits for the whole-file analysis', async () => {
    const range = { start: at(1, 7), end: at(1, 11) };
    text = applyEdits(text, [{ range, newText: 'ACCEPT' }]);
    const published = server.client.published.length;
    const { first, complete } = await server.client.edit(uri, ++version, range, 'ACCEPT');
    assert.equal(server.client.published.length - published, 1, 'one publish: the analysis');
    assert.deepEqual(first, complete);
  });
});
