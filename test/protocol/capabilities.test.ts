// A client registers its features from the server's capabilities alone (vscode-languageclient does):
// so every request the server answers is advertised, nothing is advertised that it does not answer,
// and the details a client copies (trigger characters, code action kinds, commands) are there.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InitializeResult, ServerCapabilities } from 'vscode-languageserver-protocol';
import { killServers, LspClient } from '../support/lsp-client';

const uri = 'file:///work/capabilities/rules.v4';
const TEXT = ['*filter', ':INPUT DROP [0:0]', ':SSH - [0:0]', '-A INPUT -p tcp --dport 22 -j SSH', '-A SSH -j ACCEPT', 'COMMIT', ''].join('\n');
const doc = { textDocument: { uri } };
const at = { ...doc, position: { line: 3, character: 32 } };
const range = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };

/** Each request a client may send, its parameters, and whether the capabilities say the server answers it. */
const REQUESTS: Array<[string, unknown, (c: ServerCapabilities) => boolean]> = [
  ['textDocument/hover', at, (c) => !!c.hoverProvider],
  ['textDocument/completion', at, (c) => !!c.completionProvider],
  ['completionItem/resolve', { label: 'x' }, (c) => !!c.completionProvider?.resolveProvider],
  ['textDocument/codeAction', { ...doc, range, context: { diagnostics: [] } }, (c) => !!c.codeActionProvider],
  ['textDocument/codeLens', doc, (c) => !!c.codeLensProvider],
  ['codeLens/resolve', { range }, (c) => typeof c.codeLensProvider === 'object' && !!c.codeLensProvider.resolveProvider],
  ['textDocument/documentSymbol', doc, (c) => !!c.documentSymbolProvider],
  ['textDocument/foldingRange', doc, (c) => !!c.foldingRangeProvider],
  ['textDocument/definition', at, (c) => !!c.definitionProvider],
  ['textDocument/references', { ...at, context: { includeDeclaration: true } }, (c) => !!c.referencesProvider],
  ['textDocument/documentHighlight', at, (c) => !!c.documentHighlightProvider],
  ['textDocument/prepareRename', at, (c) => typeof c.renameProvider === 'object' && !!c.renameProvider.prepareProvider],
  ['textDocument/rename', { ...at, newName: 'SSH_IN' }, (c) => !!c.renameProvider],
  ['textDocument/formatting', { ...doc, options: { tabSize: 2, insertSpaces: true } }, (c) => !!c.documentFormattingProvider],
  ['textDocument/rangeFormatting', { ...doc, range, options: { tabSize: 2, insertSpaces: true } }, (c) => !!c.documentRangeFormattingProvider],
  ['workspace/executeCommand', { command: 'firewallRules.explain', arguments: [{ uri, port: 22 }] }, (c) => !!c.executeCommandProvider],
  ['textDocument/signatureHelp', at, (c) => !!c.signatureHelpProvider],
  ['textDocument/declaration', at, (c) => !!c.declarationProvider],
  ['textDocument/typeDefinition', at, (c) => !!c.typeDefinitionProvider],
  ['textDocument/implementation', at, (c) => !!c.implementationProvider],
  ['textDocument/documentLink', doc, (c) => !!c.documentLinkProvider],
  ['textDocument/onTypeFormatting', { ...at, ch: '\n', options: { tabSize: 2, insertSpaces: true } }, (c) => !!c.documentOnTypeFormattingProvider],
  ['textDocument/selectionRange', { ...doc, positions: [at.position] }, (c) => !!c.selectionRangeProvider],
  ['textDocument/semanticTokens/full', doc, (c) => !!c.semanticTokensProvider],
  ['textDocument/inlayHint', { ...doc, range }, (c) => !!c.inlayHintProvider],
  ['textDocument/diagnostic', doc, (c) => !!c.diagnosticProvider],
  ['workspace/symbol', { query: 'SSH' }, (c) => !!c.workspaceSymbolProvider],
];

const METHOD_NOT_FOUND = -32601;

after(killServers);

describe('the capabilities say what the server does', () => {
  let client: LspClient;
  let init: InitializeResult;
  before(async () => {
    client = new LspClient();
    init = await client.initialize();
    await client.open(uri, TEXT);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  test('a request is answered exactly when the capabilities advertise it', async () => {
    const wrong: string[] = [];
    for (const [method, params, advertised] of REQUESTS) {
      const answered = await client.conn.sendRequest(method, params).then(
        () => true,
        (e: { code?: number }) => e.code !== METHOD_NOT_FOUND,
      );
      if (answered !== advertised(init.capabilities)) wrong.push(`${method}: ${answered ? 'answered' : 'not answered'}, ${advertised(init.capabilities) ? '' : 'not '}advertised`);
    }
    assert.deepEqual(wrong, []);
  });

  test('what a client copies from them: sync, trigger characters, code action kinds, commands, folders', () => {
    const c = init.capabilities;
    assert.equal(c.textDocumentSync, 2, 'incremental sync');
    assert.deepEqual(c.completionProvider?.triggerCharacters, ['-', '*', ':']);
    assert.deepEqual(typeof c.codeActionProvider === 'object' ? c.codeActionProvider.codeActionKinds : undefined, ['quickfix', 'source.fixAll']);
    assert.deepEqual(c.executeCommandProvider?.commands, ['firewallRules.explain', 'firewallRules.validate']);
    assert.deepEqual(c.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
  });

  test('no config watcher is registered with a client that cannot register one', async () => {
    const other = new LspClient();
    const methods: string[] = [];
    other.conn.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string }> }) => {
      methods.push(...p.registrations.map((r) => r.method));
      return null;
    });
    await other.initialize();
    await other.open(uri, TEXT);
    assert.ok(methods.includes('workspace/didChangeConfiguration'), methods.join(', '));
    assert.ok(!methods.includes('workspace/didChangeWatchedFiles'), methods.join(', '));
    assert.equal(await other.stop(), 0);
  });
});
