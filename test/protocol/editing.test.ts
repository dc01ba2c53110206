// Editor features over LSP against the real server: hover, completion, outline, folding, and the
// chain navigation requests (definition, references, highlights, rename).
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, describe, test } from 'node:test';
import type { CodeAction, CompletionItem, DocumentHighlight, DocumentSymbol, FoldingRange, Hover, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from 'firewall-rules-server/build/core';
import { serverForSuite, withServer } from 'firewall-rules-server/build/test-support/lsp-server';

const FILE = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  ':MAIL - [0:0]',
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
  '-A INPUT -p tcp --dport 22 -j ACCEPT',
  '-A INPUT -p tcp -j MAIL',
  '-A MAIL -p tcp -m multiport --dports 25,587 -j ACCEPT',
  '-A MAIL -p tcp --dport 993 -j ACCEPT',
  'COMMIT',
  '*nat',
  ':POSTROUTING ACCEPT [0:0]',
  'COMMIT',
  '',
].join('\n');
const uri = 'file:///work/editing/firewall.rules';
const pos = (line: number, character: number) => ({ textDocument: { uri }, position: { line, character } });
const labels = (items: CompletionItem[] | null): string[] => (items ?? []).map((i) => i.label);

describe('editor features over LSP', () => {
  const server = serverForSuite();
  before(async () => {
    await server.client.open(uri, FILE);
  });

  test('hover: a port names its service, an option its doc, a chain its facts', async () => {
    const h = async (line: number, character: number): Promise<string> => ((await server.client.conn.sendRequest<Hover | null>('textDocument/hover', pos(line, character)))?.contents as { value: string })?.value ?? '';
    assert.match(await h(9, 43), /587.*submission.*RFC 6409/);
    assert.match(await h(7, 18), /\*\*--dport\*\* · tcp/);
    assert.match(await h(6, 34), /^\*\*ESTABLISHED\*\*: A packet of a connection[^*]*$/);
    assert.match(await h(6, 46), /^\*\*RELATED\*\*/);
    assert.match(await h(8, 21), /\*\*Chain MAIL\*\*[\s\S]*user chain of the filter table · declared on line 5 · 2 rules · 1 jump to it/);
    assert.match(await h(1, 8), /\*\*Policy DROP\*\*/);
  });

  test('completion follows the context', async () => {
    const c = async (line: number, character: number, text?: string): Promise<string[]> => {
      if (text !== undefined) await server.client.replace(uri, text, Date.now() % 100000);
      return labels(await server.client.conn.sendRequest<CompletionItem[] | null>('textDocument/completion', pos(line, character)));
    };
    const base = FILE.split('\n');
    const edit = (line: number, value: string): string => base.map((l, i) => (i === line ? value : l)).join('\n');
    const tcp = await c(7, 16, edit(7, '-A INPUT -p tcp '));
    for (const o of ['--dport', '--sport', '--syn', '--tcp-flags']) assert.ok(tcp.includes(o), `${o} after -p tcp`);
    assert.ok(!tcp.includes('--ctstate'));
    assert.ok((await c(7, 22, edit(7, '-A INPUT -m conntrack '))).includes('--ctstate'));
    assert.deepEqual(await c(7, 3, edit(7, '-A ')), ['INPUT', 'FORWARD', 'OUTPUT', 'MAIL']);
    const targets = await c(7, 12, edit(7, '-A INPUT -j '));
    assert.ok(targets.includes('REJECT') && targets.includes('MAIL') && !targets.includes('MASQUERADE'), targets.join());
    assert.ok((await c(7, 36, edit(7, '-A INPUT -m conntrack --ctstate '))).includes('ESTABLISHED'));
    assert.ok((await c(7, 24, edit(7, '-A INPUT -p tcp --dport '))).includes('587'));
    assert.deepEqual(await c(0, 1, edit(0, '*')), ['filter', 'nat', 'mangle', 'raw', 'security']);
    const start = await c(7, 0, edit(7, ''));
    assert.ok(start.includes('-A') && start.includes('COMMIT') && start.includes('mailserver'), 'commands and the snippets at a line start');
    await server.client.replace(uri, FILE, 100001);
  });

  test('outline: tables, then chains with policy and rule count; folding per table', async () => {
    const symbols = await server.client.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['*filter', '*nat']);
    assert.deepEqual(symbols[0].children?.map((c) => `${c.name}: ${c.detail}`), ['INPUT: policy DROP · 4 rules', 'FORWARD: policy DROP · 0 rules', 'OUTPUT: policy ACCEPT · 0 rules', 'MAIL: user chain · 2 rules']);
    const folds = await server.client.conn.sendRequest<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[0, 11], [12, 14]]);
  });

  test('definition, references and highlights of a chain', async () => {
    const def = await server.client.conn.sendRequest<Location[]>('textDocument/definition', pos(8, 21));
    assert.deepEqual(def.map((l) => l.range.start.line), [4]);
    const refs = await server.client.conn.sendRequest<Location[]>('textDocument/references', { ...pos(9, 4), context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((l) => l.range.start.line), [4, 8, 9, 10]);
    const noDecl = await server.client.conn.sendRequest<Location[]>('textDocument/references', { ...pos(9, 4), context: { includeDeclaration: false } });
    assert.deepEqual(noDecl.map((l) => l.range.start.line), [8, 9, 10]);
    const hl = await server.client.conn.sendRequest<DocumentHighlight[]>('textDocument/documentHighlight', pos(4, 2));
    assert.equal(hl.length, 4);
  });

  test('rename a chain updates its declaration, its rules and the jumps to it; built-ins and bad names are refused', async () => {
    const edit = await server.client.conn.sendRequest<WorkspaceEdit>('textDocument/rename', { ...pos(8, 21), newName: 'MAILPORTS' });
    const renamed = applyEdits(FILE, (edit.changes?.[uri] ?? []).map((e) => ({ range: e.range, newText: e.newText })));
    assert.equal(renamed, FILE.replace(/MAIL\b/g, 'MAILPORTS'));
    await assert.rejects(server.client.conn.sendRequest('textDocument/rename', { ...pos(7, 5), newName: 'X' }), /built-in chain/);
    await assert.rejects(server.client.conn.sendRequest('textDocument/rename', { ...pos(8, 21), newName: 'ACCEPT' }), /target/);
    await assert.rejects(server.client.conn.sendRequest('textDocument/rename', { ...pos(8, 21), newName: 'has space' }), /spaces/);
    const prepare = await server.client.conn.sendRequest<{ placeholder: string } | null>('textDocument/prepareRename', pos(8, 21));
    assert.equal(prepare?.placeholder, 'MAIL');
  });
});

describe('formatting over LSP', () => {
  const server = serverForSuite();

  test('Format Document and Format Selection normalise blanks and keep comments and quotes', async () => {
    const u = 'file:///work/format/firewall.rules';
    const text = ['*filter  ', ':INPUT   DROP [0:0]', '# keep   this', '-A INPUT  -i lo   -j ACCEPT', '-A INPUT -p tcp  --dport 22 -m comment --comment "ssh  in"  -j ACCEPT  ', 'COMMIT', ''].join('\n');
    await server.client.open(u, text);
    const all = await server.client.conn.sendRequest<TextEdit[]>('textDocument/formatting', { textDocument: { uri: u }, options: { tabSize: 4, insertSpaces: true } });
    assert.equal(applyEdits(text, all), ['*filter', ':INPUT DROP [0:0]', '# keep   this', '-A INPUT -i lo -j ACCEPT', '-A INPUT -p tcp --dport 22 -m comment --comment "ssh  in" -j ACCEPT', 'COMMIT', ''].join('\n'));
    const some = await server.client.conn.sendRequest<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri: u }, range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, options: { tabSize: 4, insertSpaces: true } });
    assert.deepEqual(some.map((e) => e.range.start.line), [3]);
  });
});

describe('fix all, suppressions and the iptables-restore check over LSP', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fwr-fake-'));
  // Stand-ins for iptables-restore: the server must run them with --test, the text on stdin.
  const fake = (name: string, script: string): string => {
    const p = path.join(dir, name);
    writeFileSync(p, `#!/bin/sh\n${script}\n`);
    chmodSync(p, 0o755);
    return p;
  };
  const execution = (iptablesRestorePath: string): { trustedWorkspace: boolean; iptablesRestorePath: string } => ({ trustedWorkspace: true, iptablesRestorePath });
  const server = serverForSuite({ initialize: { initializationOptions: execution(fake('iptables-restore', `echo "$@" > ${path.join(dir, 'seen')}.args; cat > ${path.join(dir, 'seen')}.stdin; echo "iptables-restore: line 3 failed" >&2; exit 1`)) } });

  test('source.fixAll applies the safe fixes only, in one edit', async () => {
    const u = 'file:///work/fixall/firewall.rules';
    const text = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m state --state ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 143 -j ACCEPT', 'COMMIT'].join('\n');
    await server.client.open(u, text);
    const actions = await server.client.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll');
    const fixed = applyEdits(text, (actions[0].edit?.changes?.[u] ?? []).map((e) => ({ range: e.range, newText: e.newText })));
    // state-match, duplicate-rule and the final newline are fixed; the IMAP port is a decision, left alone.
    assert.equal(fixed, ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 143 -j ACCEPT', 'COMMIT', ''].join('\n'));
  });

  test('every diagnostic offers "Disable <code> for this line", and the comment silences it', async () => {
    const u = 'file:///work/disable/firewall.rules';
    const text = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 143 -j ACCEPT', 'COMMIT', ''].join('\n');
    const ds = await server.client.open(u, text);
    const d = ds.find((x) => x.code === 'plaintext-mail-protocol');
    assert.ok(d);
    const actions = await server.client.codeActions(u, [d]);
    const disable = actions.find((a) => a.title === 'Disable plaintext-mail-protocol for this line');
    assert.ok(disable && !disable.isPreferred);
    const after = applyEdits(text, (disable.edit?.changes?.[u] ?? []).map((e) => ({ range: e.range, newText: e.newText })));
    assert.match(after, /^# firewall-rules disable-next-line plaintext-mail-protocol\n-A INPUT -p tcp --dport 143 -j ACCEPT$/m);
    assert.deepEqual((await server.client.replace(u, after, 2)).map((x) => x.code), []);
  });

  test('the iptables-restore check runs the user\'s binary with --test, the text on stdin, and shows its verdict at the line it names', async () => {
    const u = 'file:///work/validate/firewall.rules';
    const text = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n');
    const seen = path.join(dir, 'seen');
    await server.client.open(u, text);
    const waiting = server.client.diagnostics(u, 1).then((p) => p.diagnostics);
    const result = await server.client.conn.sendRequest<{ ok: boolean; line?: number; message: string; binary: string }>('workspace/executeCommand', { command: 'firewallRules.validate', arguments: [{ uri: u }] });
    assert.deepEqual([result.ok, result.line, result.binary], [false, 2, path.join(dir, 'iptables-restore')]);
    assert.equal(readFileSync(`${seen}.args`, 'utf8').trim(), '--test');
    assert.equal(readFileSync(`${seen}.stdin`, 'utf8'), text);
    const ds = await waiting;
    const verdict = ds.find((x) => x.source === 'iptables-restore');
    assert.equal(verdict?.range.start.line, 2);
    assert.match(verdict?.message ?? '', /line 3 failed/);
    // The verdict belongs to that text: an edit clears it.
    assert.ok(!(await server.client.replace(u, text.replace('22', '2222'), 5)).some((x) => x.source === 'iptables-restore'));
    // The client tells the server when the user's setting changes.
    await server.client.conn.sendNotification('firewallRules/didChangeExecution', execution(fake('iptables-restore-ok', 'cat > /dev/null; exit 0')));
    const ok = await server.client.conn.sendRequest<{ ok: boolean; message: string }>('workspace/executeCommand', { command: 'firewallRules.validate', arguments: [{ uri: u }] });
    assert.equal(ok.ok, true);
    assert.equal(ok.message, `${path.join(dir, 'iptables-restore-ok')} --test: the file loads.`, 'the message names the path that ran');
    await server.client.conn.sendNotification('firewallRules/didChangeExecution', execution(path.join(dir, 'missing')));
    const missing = await server.client.conn.sendRequest<{ ok: boolean; ran: boolean; message: string }>('workspace/executeCommand', { command: 'firewallRules.validate', arguments: [{ uri: u }] });
    assert.match(missing.message, /was not found/);
    assert.equal(missing.ran, false);
  });
});

describe('the server honours .firewall-rules.json', () => {
  test('a config file in the workspace folder, above the document, sets the options, over the editor settings', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fwr-srvcfg-'));
    writeFileSync(path.join(root, '.firewall-rules.json'), JSON.stringify({ severity: { 'state-match': 'error' }, mailProfile: false }));
    mkdirSync(path.join(root, 'etc'));
    await withServer({ initialize: { workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'repo' }] } }, async (client) => {
      const u = pathToFileURL(path.join(root, 'etc', 'firewall.rules')).href;
      const ds = await client.open(u, ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m state --state ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 143 -j ACCEPT', 'COMMIT', ''].join('\n'));
      assert.deepEqual(ds.map((d) => [d.code, d.severity]), [['state-match', 1]]);
    });
  });

  test('its iptablesVersion picks the release the values are checked for, which the hover over the header says', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fwr-srvrel-'));
    writeFileSync(path.join(root, '.firewall-rules.json'), JSON.stringify({ iptablesVersion: '1.8.11' }));
    await withServer({ initialize: { workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'repo' }] } }, async (client) => {
      const u = pathToFileURL(path.join(root, 'rules.v4')).href;
      const ds = await client.open(u, ['# Generated by iptables-save v1.8.9 on Sun Dec  6 10:00:00 2026', '*filter', '-A INPUT -p udp --dport 4:3 -j ACCEPT', 'COMMIT', ''].join('\n'));
      assert.deepEqual(ds.filter((d) => d.severity === 1).map((d) => [d.code, d.range.start.line]), [['invalid-value', 2]]);
      const hover = await client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 4 } });
      const text = ((hover?.contents as { value: string }) ?? { value: '' }).value.replace(/\\(.)/g, '$1');
      assert.match(text, /^\*\*iptables 1\.8\.11\*\*/);
      assert.match(text, /Set by `firewallRules\.iptablesVersion`.*over the v1\.8\.9 this line names/);
    });
  });
});
