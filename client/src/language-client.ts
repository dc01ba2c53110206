// The extension's side of LSP: starts the server, keeps it in step with the iptables documents, and
// turns VS Code's provider calls into requests. It covers what this server offers and nothing more.
import { fork, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-protocol';
import { RpcConnection, RpcError } from './json-rpc';

const LANGUAGE = 'iptables';
const SELECTOR: vscode.DocumentSelector = [{ language: LANGUAGE }];
const SECTION = 'firewallRules';
/** Restarts after a crash, at most this many within RESTART_WINDOW_MS, as a safety valve. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

// LSP counts kinds from 1 where VS Code's enums count from 0; severities are 1..4 against 0..3.
const severity = (s: lsp.DiagnosticSeverity | undefined): vscode.DiagnosticSeverity => ((s ?? 1) - 1) as vscode.DiagnosticSeverity;
const range = (r: lsp.Range): vscode.Range => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
const toLspPosition = (p: vscode.Position): lsp.Position => ({ line: p.line, character: p.character });
const toLspRange = (r: vscode.Range): lsp.Range => ({ start: toLspPosition(r.start), end: toLspPosition(r.end) });
const textEdits = (edits: lsp.TextEdit[] | null | undefined): vscode.TextEdit[] => (edits ?? []).map((e) => new vscode.TextEdit(range(e.range), e.newText));
const location = (l: lsp.Location): vscode.Location => new vscode.Location(vscode.Uri.parse(l.uri), range(l.range));

function workspaceEdit(edit: lsp.WorkspaceEdit | null | undefined): vscode.WorkspaceEdit {
  const out = new vscode.WorkspaceEdit();
  for (const [uri, edits] of Object.entries(edit?.changes ?? {})) out.set(vscode.Uri.parse(uri), textEdits(edits));
  for (const change of edit?.documentChanges ?? []) {
    if ('edits' in change) out.set(vscode.Uri.parse(change.textDocument.uri), textEdits(change.edits as lsp.TextEdit[]));
  }
  return out;
}

function documentSymbol(s: lsp.DocumentSymbol): vscode.DocumentSymbol {
  const out = new vscode.DocumentSymbol(s.name, s.detail ?? '', (s.kind - 1) as vscode.SymbolKind, range(s.range), range(s.selectionRange));
  out.children = (s.children ?? []).map(documentSymbol);
  return out;
}

export class LanguageClient implements vscode.Disposable {
  private connection: RpcConnection | undefined;
  private child: ChildProcess | undefined;
  private ready: Promise<lsp.InitializeResult> | undefined;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection(SECTION);
  // The server's own diagnostic behind each one shown: code actions hand it back with its `data`.
  private readonly sent = new WeakMap<vscode.Diagnostic, lsp.Diagnostic>();
  private readonly open = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly restarts: number[] = [];
  private stopping = false;

  private configurationWatched = false;
  // No notification may reach the server before it has answered `initialize`.
  private initialized = false;

  /** `initializationOptions` is asked for at each start, so a restart sends what holds then. */
  constructor(private readonly serverModule: string, private readonly output: vscode.OutputChannel, private readonly initializationOptions: () => object = () => ({})) {}

  /** A notification to the server once it is up; dropped while it is down (a restart sends the state anew). */
  async sendNotification(method: string, params: unknown): Promise<void> {
    await this.ready?.catch(() => undefined);
    if (this.initialized) this.connection?.sendNotification(method, params);
  }

  /** Starts the server and registers the providers; resolves once the server has answered `initialize`. */
  start(): Promise<lsp.InitializeResult> {
    this.registerProviders();
    const track = (doc: vscode.TextDocument): void => this.didOpen(doc);
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument(track),
      vscode.workspace.onDidChangeTextDocument((e) => this.didChange(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.didClose(doc)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this.configurationWatched && e.affectsConfiguration(SECTION)) this.connection?.sendNotification('workspace/didChangeConfiguration', { settings: null });
      }),
    );
    return this.launch();
  }

  /** A request to the server once it is up, e.g. `workspace/executeCommand`. */
  async sendRequest<T>(method: string, params: unknown, token?: vscode.CancellationToken): Promise<T> {
    await this.ready;
    if (!this.connection) throw new Error('the Firewall Rules language server is not running');
    return this.connection.sendRequest<T>(method, params, token);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const conn = this.connection;
    const child = this.child;
    if (conn && child && child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        await Promise.race([conn.sendRequest('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
        conn.sendNotification('exit');
      } catch {
        // Already gone.
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      if (child.exitCode === null) child.kill();
    }
    this.connection = undefined;
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.diagnostics.dispose();
  }

  private launch(): Promise<lsp.InitializeResult> {
    // Run as plain Node inside Electron's binary, with stdio for LSP (as any other editor runs it).
    const child = fork(this.serverModule, ['--stdio'], { silent: true, execArgv: [], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    this.child = child;
    const traceLevel = vscode.workspace.getConfiguration(SECTION).get<string>('trace.server', 'off');
    const conn = new RpcConnection(child.stdout!, child.stdin!, traceLevel === 'off' ? undefined : (line) => this.output.appendLine(line));
    this.connection = conn;
    child.stderr?.on('data', (d: Buffer) => this.output.append(d.toString()));
    child.on('exit', (code, signal) => {
      conn.close(new Error('the Firewall Rules language server stopped'));
      if (this.connection === conn) this.connection = undefined;
      if (!this.stopping) this.crashed(code, signal);
    });
    this.handleServerMessages(conn);
    this.open.clear();
    this.initialized = false;
    this.ready = conn
      .sendRequest<lsp.InitializeResult>('initialize', {
        processId: process.pid,
        clientInfo: { name: vscode.env.appName, version: vscode.version },
        rootUri: vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? null,
        workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => ({ uri: f.uri.toString(), name: f.name })),
        // VS Code already offers the snippets the extension contributes.
        initializationOptions: { snippets: false, ...this.initializationOptions() },
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, applyEdit: true, workspaceEdit: { documentChanges: true } },
          textDocument: {
            synchronization: { didSave: false, dynamicRegistration: false },
            publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true, versionSupport: true },
            codeAction: { isPreferredSupport: true, dataSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            rename: { prepareSupport: true },
            foldingRange: {},
            codeLens: {},
          },
        },
      } satisfies lsp.InitializeParams)
      .then((result) => {
        conn.sendNotification('initialized', {});
        this.initialized = true;
        for (const doc of vscode.workspace.textDocuments) this.didOpen(doc);
        return result;
      });
    this.ready.catch((e: unknown) => this.output.appendLine(`Firewall Rules: the language server did not start: ${String(e)}`));
    return this.ready;
  }

  private crashed(code: number | null, signal: NodeJS.Signals | null): void {
    const now = Date.now();
    while (this.restarts.length && now - this.restarts[0] > RESTART_WINDOW_MS) this.restarts.shift();
    this.output.appendLine(`Firewall Rules: the language server exited (${signal ?? `code ${code}`}).`);
    if (this.restarts.length >= MAX_RESTARTS) {
      void vscode.window.showErrorMessage(`The Firewall Rules language server stopped ${MAX_RESTARTS + 1} times in a few minutes and will not be restarted. See the "Firewall Rules" output for why.`);
      return;
    }
    this.restarts.push(now);
    void this.launch();
  }

  private handleServerMessages(conn: RpcConnection): void {
    conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const params = p as lsp.PublishDiagnosticsParams;
      const uri = vscode.Uri.parse(params.uri);
      this.diagnostics.set(uri, params.diagnostics.map((d) => this.toDiagnostic(d)));
    });
    conn.onRequest('workspace/configuration', (p) =>
      (p as lsp.ConfigurationParams).items.map((item) => {
        const config = vscode.workspace.getConfiguration(item.section, item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined);
        // A plain copy of the settings: the configuration object itself does not serialise its values.
        return item.section ? JSON.parse(JSON.stringify(config)) : null;
      }),
    );
    conn.onRequest('client/registerCapability', (p) => {
      if ((p as lsp.RegistrationParams).registrations.some((r) => r.method === 'workspace/didChangeConfiguration')) this.configurationWatched = true;
      return null;
    });
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('workspace/applyEdit', async (p) => ({ applied: await vscode.workspace.applyEdit(workspaceEdit((p as lsp.ApplyWorkspaceEditParams).edit)) }));
    conn.onRequest('window/showMessageRequest', (p) => {
      const params = p as lsp.ShowMessageRequestParams;
      return vscode.window.showInformationMessage(params.message, ...(params.actions ?? [])).then((a) => a ?? null);
    });
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onNotification('window/logMessage', (p) => this.output.appendLine((p as lsp.LogMessageParams).message));
    conn.onNotification('window/showMessage', (p) => {
      const params = p as lsp.ShowMessageParams;
      const show = params.type === 1 ? vscode.window.showErrorMessage : params.type === 2 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      void show(params.message);
    });
  }

  private toDiagnostic(d: lsp.Diagnostic): vscode.Diagnostic {
    const out = new vscode.Diagnostic(range(d.range), d.message, severity(d.severity));
    out.source = d.source;
    if (d.code !== undefined) out.code = d.codeDescription ? { value: d.code, target: vscode.Uri.parse(d.codeDescription.href) } : d.code;
    if (d.relatedInformation) {
      out.relatedInformation = d.relatedInformation.map((r) => new vscode.DiagnosticRelatedInformation(location(r.location), r.message));
    }
    if (d.tags) out.tags = d.tags.map((t) => (t === 1 ? vscode.DiagnosticTag.Unnecessary : vscode.DiagnosticTag.Deprecated));
    this.sent.set(out, d);
    return out;
  }

  private mine(doc: vscode.TextDocument): boolean {
    return doc.languageId === LANGUAGE;
  }

  private didOpen(doc: vscode.TextDocument): void {
    const uri = doc.uri.toString();
    if (!this.mine(doc) || !this.connection || !this.initialized || this.open.has(uri)) return;
    this.open.add(uri);
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: LANGUAGE, version: doc.version, text: doc.getText() } });
  }

  private didChange(e: vscode.TextDocumentChangeEvent): void {
    const uri = e.document.uri.toString();
    if (!this.open.has(uri) || e.contentChanges.length === 0) return;
    this.connection?.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: e.document.version },
      contentChanges: e.contentChanges.map((c) => ({ range: toLspRange(c.range), rangeLength: c.rangeLength, text: c.text })),
    });
  }

  private didClose(doc: vscode.TextDocument): void {
    const uri = doc.uri.toString();
    if (!this.open.delete(uri)) return;
    this.connection?.sendNotification('textDocument/didClose', { textDocument: { uri } });
    this.diagnostics.delete(doc.uri);
  }

  /** A request about an open document; null when the server is down or the request was cancelled. */
  private async ask<T>(method: string, doc: vscode.TextDocument, params: object, token: vscode.CancellationToken): Promise<T | null> {
    if (!this.open.has(doc.uri.toString())) return null;
    try {
      return await this.sendRequest<T>(method, { textDocument: { uri: doc.uri.toString() }, ...params }, token);
    } catch (e) {
      if (e instanceof RpcError && e.code !== -32800) throw new Error(e.message);
      return null;
    }
  }

  private registerProviders(): void {
    const at = (p: vscode.Position): { position: lsp.Position } => ({ position: toLspPosition(p) });
    const l = vscode.languages;
    this.disposables.push(
      l.registerCodeActionsProvider(SELECTOR, {
        provideCodeActions: async (doc, r, context, token) => {
          const diagnostics = context.diagnostics.map((d) => this.sent.get(d)).filter((d): d is lsp.Diagnostic => !!d);
          const actions = await this.ask<lsp.CodeAction[]>('textDocument/codeAction', doc, { range: toLspRange(r), context: { diagnostics, only: context.only ? [context.only.value] : undefined, triggerKind: context.triggerKind } }, token);
          return (actions ?? []).map((a) => {
            const action = new vscode.CodeAction(a.title, a.kind ? vscode.CodeActionKind.Empty.append(a.kind) : undefined);
            if (a.edit) action.edit = workspaceEdit(a.edit);
            action.isPreferred = a.isPreferred;
            action.diagnostics = context.diagnostics.filter((d) => a.diagnostics?.some((x) => x.message === d.message && range(x.range).isEqual(d.range)));
            if (a.command) action.command = { title: a.command.title, command: a.command.command, arguments: a.command.arguments };
            return action;
          });
        },
      }, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.SourceFixAll] }),
      l.registerCodeLensProvider(SELECTOR, {
        provideCodeLenses: async (doc, token) =>
          ((await this.ask<lsp.CodeLens[]>('textDocument/codeLens', doc, {}, token)) ?? []).map((c) => new vscode.CodeLens(range(c.range), c.command ? { title: c.command.title, command: c.command.command, arguments: c.command.arguments } : undefined)),
      }),
      l.registerHoverProvider(SELECTOR, {
        provideHover: async (doc, p, token) => {
          const h = await this.ask<lsp.Hover>('textDocument/hover', doc, at(p), token);
          if (!h) return null;
          const value = typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : String(h.contents);
          return new vscode.Hover(new vscode.MarkdownString(value), h.range ? range(h.range) : undefined);
        },
      }),
      l.registerCompletionItemProvider(SELECTOR, {
        provideCompletionItems: async (doc, p, token) => {
          const answer = await this.ask<lsp.CompletionItem[] | lsp.CompletionList>('textDocument/completion', doc, at(p), token);
          const items = Array.isArray(answer) ? answer : (answer?.items ?? []);
          return items.map((c) => {
            const item = new vscode.CompletionItem(c.label, c.kind ? ((c.kind - 1) as vscode.CompletionItemKind) : undefined);
            item.detail = c.detail;
            if (c.documentation) item.documentation = typeof c.documentation === 'string' ? c.documentation : new vscode.MarkdownString(c.documentation.value);
            if (c.insertText !== undefined) item.insertText = c.insertTextFormat === 2 ? new vscode.SnippetString(c.insertText) : c.insertText;
            if (c.filterText) item.filterText = c.filterText;
            if (c.sortText) item.sortText = c.sortText;
            return item;
          });
        },
      }, '-', '*', ':'),
      l.registerDocumentSymbolProvider(SELECTOR, {
        provideDocumentSymbols: async (doc, token) => ((await this.ask<lsp.DocumentSymbol[]>('textDocument/documentSymbol', doc, {}, token)) ?? []).map(documentSymbol),
      }),
      l.registerFoldingRangeProvider(SELECTOR, {
        provideFoldingRanges: async (doc, _context, token) =>
          ((await this.ask<lsp.FoldingRange[]>('textDocument/foldingRange', doc, {}, token)) ?? []).map((f) => new vscode.FoldingRange(f.startLine, f.endLine, f.kind === 'region' ? vscode.FoldingRangeKind.Region : undefined)),
      }),
      l.registerDefinitionProvider(SELECTOR, {
        provideDefinition: async (doc, p, token) => ((await this.ask<lsp.Location[]>('textDocument/definition', doc, at(p), token)) ?? []).map(location),
      }),
      l.registerReferenceProvider(SELECTOR, {
        provideReferences: async (doc, p, context, token) => ((await this.ask<lsp.Location[]>('textDocument/references', doc, { ...at(p), context }, token)) ?? []).map(location),
      }),
      l.registerDocumentHighlightProvider(SELECTOR, {
        provideDocumentHighlights: async (doc, p, token) =>
          ((await this.ask<lsp.DocumentHighlight[]>('textDocument/documentHighlight', doc, at(p), token)) ?? []).map((h) => new vscode.DocumentHighlight(range(h.range), ((h.kind ?? 1) - 1) as vscode.DocumentHighlightKind)),
      }),
      l.registerRenameProvider(SELECTOR, {
        prepareRename: async (doc, p, token) => {
          const r = await this.ask<{ range: lsp.Range; placeholder: string } | null>('textDocument/prepareRename', doc, at(p), token);
          if (!r) throw new Error('Only a user chain can be renamed.');
          return { range: range(r.range), placeholder: r.placeholder };
        },
        provideRenameEdits: async (doc, p, newName, token) => workspaceEdit(await this.ask<lsp.WorkspaceEdit>('textDocument/rename', doc, { ...at(p), newName }, token)),
      }),
      l.registerDocumentFormattingEditProvider(SELECTOR, {
        provideDocumentFormattingEdits: async (doc, options, token) => textEdits(await this.ask<lsp.TextEdit[]>('textDocument/formatting', doc, { options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces } }, token)),
      }),
      l.registerDocumentRangeFormattingEditProvider(SELECTOR, {
        provideDocumentRangeFormattingEdits: async (doc, r, options, token) =>
          textEdits(await this.ask<lsp.TextEdit[]>('textDocument/rangeFormatting', doc, { range: toLspRange(r), options: { tabSize: options.tabSize, insertSpaces: options.insertSpaces } }, token)),
      }),
    );
  }
}
