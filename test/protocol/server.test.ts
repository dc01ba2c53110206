import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits } from 'firewall-rules-server/build/core';
import { editsOf } from 'firewall-rules-server/build/test-support/lsp-client';
import { serverForSuite } from 'firewall-rules-server/build/test-support/lsp-server';
import { EXAMPLE } from 'firewall-rules-server/build/test-support/paths';

const seed = readFileSync(EXAMPLE, 'utf8');
const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code));

describe('language server over stdio', () => {
  const server = serverForSuite();
  let version = 1;
  before(() => {
    assert.ok(server.init.capabilities.codeActionProvider, 'advertises code actions');
    assert.ok(server.init.capabilities.textDocumentSync, 'advertises document sync');
  });

  test('the seed file: missing header error, the -m state hint and both cleartext warnings, each linked to its doc', async () => {
    const ds = await server.client.open('file:///work/seed/firewall.rules', seed);
    assert.deepEqual(codes(ds), ['missing-table-header', 'state-match', 'plaintext-mail-protocol', 'plaintext-mail-protocol']);
    assert.equal(ds[1].severity, DiagnosticSeverity.Hint);
    const header = ds[0];
    assert.equal(header.severity, DiagnosticSeverity.Error);
    assert.equal(header.range.start.line, 4);
    assert.match(header.message, /line 5 failed/);
    for (const d of ds) {
      assert.equal(d.source, 'firewall-rules');
      const href = d.codeDescription?.href ?? '';
      assert.ok(href.endsWith(`/docs/rules/${String(d.code)}.md`), href);
      assert.ok(existsSync(fileURLToPath(href)), `doc page exists: ${href}`);
    }
  });

  test('applying each quick fix of the seed removes its diagnostic; the header fix leaves no error', async () => {
    const uri = 'file:///work/seed2/firewall.rules';
    let text = seed;
    let ds = await server.client.open(uri, text, version);
    // The seed's last comment promises "Drop all other inbound" with no rule under it: once the file
    // loads, no-default-deny names that comment, and its fix uncomments SSH before adding the drop.
    for (const code of ['missing-table-header', 'state-match', 'plaintext-mail-protocol', 'plaintext-mail-protocol', 'no-default-deny', 'state-match']) {
      const d = ds.find((x) => x.code === code);
      assert.ok(d, `${code} present`);
      if (code === 'no-default-deny') assert.match(d.message, /The comment on line \d+ says "Drop all other inbound - default deny unless explicitly allowed"/);
      const actions = await server.client.codeActions(uri, [d]);
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, `one preferred fix for ${code}`);
      assert.equal(preferred[0].kind, 'quickfix');
      text = applyEdits(text, editsOf(preferred[0], uri));
      ds = await server.client.replace(uri, text, ++version);
      assert.ok(!ds.some((x) => x.code === code && x.message === d.message), `${code} gone after its fix`);
    }
    assert.deepEqual(codes(ds), []);
    assert.match(text, /^\*filter$/m);
    assert.match(text, /^COMMIT$/m);
    assert.match(text, /^-A INPUT -j DROP$/m);
    assert.match(text, /^-A INPUT -p tcp -m conntrack --ctstate NEW --dport 22 -j ACCEPT$/m);
  });

  test('ssh lockout names the commented SSH rule and its preferred fix uncomments it', async () => {
    const uri = 'file:///work/lockout/firewall.rules';
    const text = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -i lo -j ACCEPT', '#-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n');
    const ds = await server.client.open(uri, text);
    assert.deepEqual(codes(ds), ['ssh-lockout']);
    assert.equal(ds[0].severity, DiagnosticSeverity.Warning);
    assert.match(ds[0].message, /line 6 is commented out/);
    assert.equal(ds[0].relatedInformation?.[0].location.range.start.line, 5);
    const actions = await server.client.codeActions(uri, ds);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
      ['Uncomment the SSH rule on line 6', true],
      ['Accept SSH at the end of INPUT', false],
      ['Disable ssh-lockout for this line', false],
    ]);
    for (const action of actions.filter((a) => !a.title.startsWith('Disable'))) {
      const fixed = applyEdits(text, editsOf(action, uri));
      const after = await server.client.replace(uri, fixed, ++version);
      assert.deepEqual(codes(after), [], `${action.title} ends the lockout`);
    }
  });

  test('firewallRules.sshPorts is read from the client', async () => {
    server.client.configuration = { sshPorts: [2222] };
    await server.client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const text = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', 'COMMIT', ''].join('\n');
    const ds = await server.client.open('file:///work/ports/firewall.rules', text);
    assert.deepEqual(codes(ds), ['ssh-lockout']);
    assert.match(ds[0].message, /tcp\/2222/);
    server.client.configuration = {};
    await server.client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  test('firewallRules.ipsets, read from the client, lists the sets the host has (missing-object)', async () => {
    const text = ['*filter', '-A INPUT -m set --match-set blocklsit src -j DROP', 'COMMIT', ''].join('\n');
    assert.deepEqual(codes(await server.client.open('file:///work/sets/a.rules', text)), [], 'not checked without the setting');
    server.client.configuration = { ipsets: ['blocklist'] };
    await server.client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const ds = await server.client.open('file:///work/sets/b.rules', text);
    assert.deepEqual(codes(ds), ['missing-object']);
    assert.match(ds[0].message, /Set blocklsit doesn't exist/);
    server.client.configuration = {};
    await server.client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  test('code actions ignore diagnostics that are not ours or carry no data', async () => {
    const uri = 'file:///work/seed/firewall.rules';
    const foreign = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', source: 'other', data: { fixes: [{ title: 'evil', edits: [] }] } };
    const ours = { ...foreign, source: 'firewall-rules', data: 'garbage' };
    assert.deepEqual(await server.client.codeActions(uri, [foreign, ours]), []);
  });
});

describe('bad input never crashes or hangs the server', () => {
  const server = serverForSuite({ withConfiguration: false });

  const inputs: Array<[string, () => string]> = [
    ['binary data', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1')],
    ['a 5 MB file', () => ('-A INPUT -s 10.1.2.3 -j DROP\n'.repeat(180000)).slice(0, 5 * 1024 * 1024)],
    ['CRLF line endings', () => '*filter\r\n:INPUT DROP [0:0]\r\n-A INPUT -p tcp --dport 22 -j ACCEPT\r\nCOMMIT\r\n'],
    ['a byte-order mark', () => '\ufeff*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n'],
    ['a half-typed line', () => '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp -m multiport --dports 22,\n-A INPUT -m "\n-A\n!\n-j\nCOMMIT\n'],
    ['an unterminated quote', () => '*filter\n-A INPUT -m comment --comment "open\nCOMMIT\n'],
    ['deep nesting of jumps and a cycle', () => ['*filter', ':INPUT DROP [0:0]', ...Array.from({ length: 2000 }, (_, i) => `-A C${i} -j C${i + 1}`), '-A C2000 -j C0', '-A INPUT -j C0', 'COMMIT', ''].join('\n')],
  ];
  for (const [name, make] of inputs) {
    test(name, async () => {
      const uri = `file:///work/bad/${encodeURIComponent(name)}.rules`;
      const started = Date.now();
      const ds = await server.client.open(uri, make());
      assert.ok(Array.isArray(ds));
      assert.ok(Date.now() - started < 8000, 'answers in time');
      const still = await server.client.conn.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: ds },
      });
      assert.ok(Array.isArray(still), 'still serving requests');
    });
  }
});
