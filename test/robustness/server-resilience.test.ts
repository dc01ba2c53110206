// The server keeps serving after garbage on the wire, unknown methods, requests about documents it
// does not have, and a file too big to analyse.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { serverForSuite } from 'firewall-rules-server/build/test-support/lsp-server';

describe('the server survives bad input on the wire', () => {
  const server = serverForSuite();

  test('malformed JSON-RPC, then normal service', async () => {
    const junk = '{"jsonrpc":"2.0","id":99,"method":"textDocument/hover",,,}';
    server.client.proc.stdin?.write(`Content-Length: ${Buffer.byteLength(junk)}\r\n\r\n${junk}`);
    const ds = await server.client.open('file:///work/resilience/a.rules', '*filter\n-A INPUT -m state --state NEW -j ACCEPT\nCOMMIT\n');
    assert.ok(ds.some((d) => d.code === 'state-match'), 'still linting after the junk');
  });

  test('an unknown method gets MethodNotFound, and the server goes on', async () => {
    await assert.rejects(server.client.conn.sendRequest('firewallRules/noSuchThing', {}), /Unhandled method|not found/i);
    const hover = await server.client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: 'file:///work/resilience/a.rules' }, position: { line: 1, character: 1 } });
    assert.ok(hover);
  });

  test('requests about a closed or unknown document answer empty', async () => {
    const uri = 'file:///work/resilience/gone.rules';
    await server.client.open(uri, '*filter\nCOMMIT\n');
    await server.client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/documentSymbol', 'textDocument/codeLens', 'textDocument/formatting']) {
      const r = await server.client.conn.sendRequest(method, { textDocument: { uri }, position: { line: 0, character: 0 }, options: { tabSize: 2, insertSpaces: true } });
      assert.ok(r === null || (Array.isArray(r) && r.length === 0), `${method}: ${JSON.stringify(r)}`);
    }
    assert.equal(await server.client.conn.sendRequest('workspace/executeCommand', { command: 'firewallRules.explain', arguments: [{ uri, port: 22 }] }), null);
  });

  test('a 50 MB file is refused with a clear message, at once', async () => {
    const line = '-A INPUT -s 10.0.0.1/32 -p tcp -m tcp --dport 22 -j ACCEPT\n';
    const text = '*filter\n' + line.repeat(Math.ceil(50e6 / line.length)) + 'COMMIT\n';
    const started = Date.now();
    const ds = await server.client.open('file:///work/resilience/huge.rules', text);
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /^Not analysed: the file is 4\d\.\d MB, over the 16\.0 MB limit\.$/);
    console.log(`50 MB file: refused in ${Date.now() - started} ms`);
    const hover = await server.client.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///work/resilience/huge.rules' }, position: { line: 1, character: 1 } });
    assert.equal(hover, null);
  });
});
