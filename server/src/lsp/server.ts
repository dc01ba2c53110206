import {
  CodeActionKind,
  CompletionItemKind,
  DocumentHighlightKind,
  ErrorCodes,
  InsertTextFormat,
  ResponseError,
  SymbolKind,
  type CompletionItem,
  type DocumentSymbol,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findConfig } from '../config-file';
import * as path from 'node:path';
import {
  ALL_RULES, ANYWHERE, DEFAULT_OPTIONS, isStructuralLine, lintInSteps, prepareQuickLint, quickLintIn, type LintOptions, type Diagnostic as CoreDiagnostic, badChainName, chainAt, chainInfo, chainRefs, chainsOf, completeAt, detectFamily, explainPort, formatLines, hoverAt, safeFixEdits, lintParsed,
  MAX_TEXT_LENGTH, parse, refRange, summarize, type ChainRef, type CompletionKind, type ParsedFile,
} from '../core';
import { BUILTIN_CHAINS } from '../core/ruleset';
import { codeActionsFor, SOURCE, toLspDiagnostic } from './convert';
import { DocumentStore, type LineChange } from './documents';
import { binaryFor, runIptablesTest } from './iptables-test';
import { lintOptions, readSettings, SETTINGS_SECTION, type ServerSettings } from './settings';

/** Keystrokes closer together than this are linted once. */
const CHANGE_DELAY_MS = 30;
/** When the whole-file analysis takes longer than SLOW_LINT_MS, it waits for a pause in typing this long. */
const SLOW_CHANGE_DELAY_MS = 400;
const SLOW_LINT_MS = 200;
/** How long the whole-file analysis runs before it lets other messages through. */
const ANALYSIS_SLICE_MS = 30;
/** Sent after each whole-file analysis, once its diagnostics are published: `{ uri, version, ms }`. */
export const ANALYSED_NOTIFICATION = 'firewallRules/analysed';

/** Runs the reachability walk of one port; arguments: `{ uri, port, from?, iface? }`. */
export const EXPLAIN_COMMAND = 'firewallRules.explain';
/** Runs the configured iptables-restore --test on the document; arguments: `{ uri }`. */
export const VALIDATE_COMMAND = 'firewallRules.validate';
const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  module: CompletionItemKind.Module,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
  function: CompletionItemKind.Function,
  enum: CompletionItemKind.EnumMember,
};

/** The extension's snippets (snippets/iptables.json next to the bundle), as completion items. */
function loadSnippets(): CompletionItem[] {
  try {
    const file = path.join(__dirname, '..', '..', 'snippets', 'iptables.json');
    const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { prefix: string | string[]; body: string[]; description?: string }>;
    return Object.entries(all).map(([name, s]) => ({
      label: Array.isArray(s.prefix) ? s.prefix[0] : s.prefix,
      kind: CompletionItemKind.Snippet,
      detail: name,
      documentation: s.description,
      insertText: s.body.join('\n'),
      insertTextFormat: InsertTextFormat.Snippet,
    }));
  } catch {
    return [];
  }
}

/** The outline: tables, then their chains with policy and rule count. */
function documentSymbols(file: ParsedFile): DocumentSymbol[] {
  return file.blocks.map((b) => {
    const end = b.commit ?? b.lines[b.lines.length - 1] ?? b.header;
    const blockRange = { start: { line: b.header.index, character: 0 }, end: { line: end.index, character: end.text.length } };
    const children = chainsOf(b).map((name): DocumentSymbol => {
      const info = chainInfo(b, name);
      const at = info.declaredAt ?? b.header.index;
      const text = file.lines[at]?.text ?? '';
      const r = { start: { line: at, character: 0 }, end: { line: at, character: text.length } };
      const detail = [info.builtin ? `policy ${info.policy ?? 'ACCEPT'}` : 'user chain', `${info.rules} rule${info.rules === 1 ? '' : 's'}`].join(' · ');
      return { name, detail, kind: SymbolKind.Function, range: r, selectionRange: r };
    });
    const hr = { start: { line: b.header.index, character: 0 }, end: { line: b.header.index, character: b.header.text.length } };
    return { name: `*${b.name}`, kind: SymbolKind.Namespace, range: blockRange, selectionRange: hr, children };
  });
}

/** The client's command (it asks for the port), which the code lens runs. */
const EXPLAIN_PORT_COMMAND = 'firewallRules.explainPort';

function notice(message: string): Diagnostic {
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, severity: DiagnosticSeverity.Information, source: SOURCE, message };
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new DocumentStore();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const settingsCache = new Map<string, Thenable<ServerSettings>>();
  let pullConfiguration = false;
  let snippets: CompletionItem[] = [];

  connection.onInitialize((params) => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    // VS Code shows the snippets the extension contributes; other editors get them from here.
    const init = (params.initializationOptions ?? {}) as { snippets?: unknown };
    snippets = init.snippets === false ? [] : loadSnippets();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: { commands: [EXPLAIN_COMMAND, VALIDATE_COMMAND] },
        completionProvider: { triggerCharacters: ['-', '*', ':'] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
      },
      serverInfo: { name: 'firewall-rules', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
  });

  // A .firewall-rules.json (or package.json "firewallRules") above the file wins over the editor's
  // settings: it is what the repository's CI runs with too.
  const fileSettings = (uri: string): Record<string, unknown> => {
    if (!uri.startsWith('file:')) return {};
    try {
      const found = findConfig(fileURLToPath(uri));
      return found && !('error' in found) ? found.settings : {};
    } catch {
      return {};
    }
  };
  const settingsFor = (uri: string): Thenable<ServerSettings> => {
    let s = settingsCache.get(uri);
    if (!s) {
      const fromFile = fileSettings(uri);
      const fromEditor: Thenable<unknown> = pullConfiguration
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then((v) => v, () => ({}))
        : Promise.resolve({});
      s = fromEditor.then((editor) => readSettings({ ...(editor && typeof editor === 'object' ? editor : {}), ...fromFile }));
      settingsCache.set(uri, s);
    }
    return s;
  };

  // One parse per document version, shared by diagnostics, code lens, hover and commands (and so
  // are the reachability answers cached on it).
  const parses = new Map<string, { version: number; family: string; file: ParsedFile }>();
  const parsed = (doc: TextDocument, settings: ServerSettings): ParsedFile => {
    const text = doc.getText();
    const family = detectFamily(text, decodeURIComponent(doc.uri), settings.family);
    const hit = parses.get(doc.uri);
    if (hit && hit.version === doc.version && hit.family === family) return hit.file;
    // An edit re-reads only the lines it touched: the rest comes from the last version's parse.
    const file = parse(text, family, hit?.file);
    parses.set(doc.uri, { version: doc.version, family, file });
    return file;
  };
  const usable = (doc: TextDocument | undefined): doc is TextDocument => !!doc && doc.getText().length <= MAX_TEXT_LENGTH;
  // The verdict of the last iptables-restore --test run, shown until the text changes.
  const verdicts = new Map<string, { version: number; diagnostic: Diagnostic }>();

  // The last whole-file analysis of each document and the edits made since, for the quick check of
  // an edit; and the diagnostics the client shows now.
  const bases = new Map<string, { file: ParsedFile; options: LintOptions; edits: Array<{ from: number; removed: number; added: number }>; ms: number }>();
  const shown = new Map<string, Diagnostic[]>();

  const validate = async (doc: TextDocument): Promise<void> => {
    const started = Date.now();
    const text = doc.getText();
    const version = doc.version;
    if (text.length > MAX_TEXT_LENGTH) {
      const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
      await connection.sendDiagnostics({
        uri: doc.uri,
        version: doc.version,
        diagnostics: [notice(`Not analysed: the file is ${mb(text.length)} MB, over the ${mb(MAX_TEXT_LENGTH)} MB limit.`)],
      });
      return;
    }
    const settings = await settingsFor(doc.uri);
    // The document is updated in place: an edit that came during the wait has its own analysis coming.
    if (documents.get(doc.uri) !== doc || doc.version !== version) return;
    let diagnostics;
    let file: ParsedFile | undefined;
    const options = { ...DEFAULT_OPTIONS, ...lintOptions(settings, decodeURIComponent(doc.uri)) };
    try {
      file = parsed(doc, settings);
      // A long analysis lets other messages through now and then (the quick check of a keystroke,
      // a hover), and gives up when the text it reads has changed: a newer analysis is coming.
      const steps = lintInSteps(text, file, options, ALL_RULES);
      let slice = Date.now();
      let step = steps.next();
      while (!step.done) {
        if (Date.now() - slice > ANALYSIS_SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          if (documents.get(doc.uri) !== doc || doc.version !== version) return;
          slice = Date.now();
        }
        step = steps.next();
      }
      diagnostics = step.value.map((d) => toLspDiagnostic(d, doc.uri));
    } catch (e) {
      // A bug in a check must not leave stale diagnostics or silence: say so where the user looks.
      connection.console.error(`lint failed on ${doc.uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      diagnostics = [notice(`Firewall Rules could not analyse this file (internal error: ${e instanceof Error ? e.message : String(e)}). Please report it.`)];
    }
    const verdict = verdicts.get(doc.uri);
    if (verdict && verdict.version === doc.version) diagnostics.push(verdict.diagnostic);
    shown.set(doc.uri, diagnostics);
    await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    const ms = Date.now() - started;
    if (file) {
      prepareQuickLint(file);
      bases.set(doc.uri, { file, options, edits: [], ms });
    } else bases.delete(doc.uri);
    await connection.sendNotification(ANALYSED_NOTIFICATION, { uri: doc.uri, version: doc.version, ms });
  };

  // The first answer to an edit: the diagnostics shown so far, moved with the lines, less those of
  // the edited lines, which the line-scoped rules check again at once. The whole-file analysis follows.
  const quickCheck = (doc: TextDocument, changes: LineChange[]): void => {
    const base = bases.get(doc.uri);
    if (!base) return;
    const structural = changes.some((c) => c.removed.some(isStructuralLine) || c.lines.some(isStructuralLine));
    if (structural || doc.getText().length > MAX_TEXT_LENGTH) {
      bases.delete(doc.uri); // tables or chains changed: only the whole-file analysis can tell
      return;
    }
    const toBase = (line: number): number | undefined => {
      for (let k = base.edits.length - 1; k >= 0; k--) {
        const e = base.edits[k];
        if (line < e.from) continue;
        if (line < e.from + e.added) return undefined;
        line += e.removed - e.added;
      }
      return line;
    };
    let diagnostics = shown.get(doc.uri) ?? [];
    let quick: CoreDiagnostic[] | undefined = [];
    for (const c of changes) {
      let at = c.from;
      let baseLine = toBase(at);
      while (baseLine === undefined && at > 0) baseLine = toBase(--at);
      const block = baseLine === undefined ? undefined : base.file.lines[baseLine]?.block;
      base.edits.push({ from: c.from, removed: c.removed.length, added: c.lines.length });
      const last = c.from + c.removed.length - 1;
      const delta = c.lines.length - c.removed.length;
      const moved = (r: Diagnostic['range']): Diagnostic['range'] | undefined =>
        r.end.line < c.from ? r : r.start.line > last ? { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } } : undefined;
      const next: Diagnostic[] = [];
      for (const d of diagnostics) {
        const range = moved(d.range);
        if (!range) continue;
        // Their fixes were worked out for the old text: they come back with the whole-file analysis.
        next.push({ ...d, range, data: { fixes: [] }, relatedInformation: d.relatedInformation?.flatMap((r) => { const m = moved(r.location.range); return m ? [{ ...r, location: { ...r.location, range: m } }] : []; }) });
      }
      diagnostics = next;
      const above = c.from > 0 ? doc.getText({ start: { line: c.from - 1, character: 0 }, end: { line: c.from, character: 0 } }).replace(/\r?\n$/, '') : undefined;
      const found = block && changes.length === 1 ? quickLintIn(base.file, block, above, c.from, c.lines.map((l) => l.replace(/\r$/, '')), base.options) : undefined;
      if (!found) quick = undefined;
      else quick?.push(...found);
    }
    if (!quick) {
      // What the client shows no longer matches the lines: wait for the whole-file analysis.
      bases.delete(doc.uri);
      return;
    }
    diagnostics = [...diagnostics, ...quick.map((d) => toLspDiagnostic(d, doc.uri))].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    shown.set(doc.uri, diagnostics);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  };

  const schedule = (doc: TextDocument, delay: number): void => {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) validate(current).catch((e: unknown) => connection.console.error(`lint failed: ${String(e)}`));
      }, delay),
    );
  };

  const closed = (uri: string): void => {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    settingsCache.delete(uri);
    parses.delete(uri);
    verdicts.delete(uri);
    bases.delete(uri);
    shown.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  };
  // A new document is analysed at once; an edit is checked quickly, then analysed whole after a pause.
  const changed = (doc: TextDocument, changes: LineChange[] | undefined): void => {
    if (!changes) {
      bases.delete(doc.uri);
      schedule(doc, parses.has(doc.uri) ? CHANGE_DELAY_MS : 0);
      return;
    }
    const slow = (bases.get(doc.uri)?.ms ?? 0) > SLOW_LINT_MS;
    quickCheck(doc, changes);
    schedule(doc, slow ? SLOW_CHANGE_DELAY_MS : CHANGE_DELAY_MS);
  };
  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const only = params.context.only;
    const wantsFixAll = only?.some((k) => k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
    if (wantsFixAll) {
      if (!usable(doc)) return [];
      const settings = await settingsFor(doc.uri);
      const options = { ...DEFAULT_OPTIONS, ...lintOptions(settings, decodeURIComponent(doc.uri)) };
      const edits = safeFixEdits(lintParsed(doc.getText(), parsed(doc, settings), options, ALL_RULES), ALL_RULES);
      return edits.length ? [{ title: 'Fix all safe problems (Firewall Rules)', kind: CodeActionKind.SourceFixAll, edit: { changes: { [doc.uri]: edits } } }] : [];
    }
    return codeActionsFor(params.context.diagnostics, doc.uri);
  });

  connection.onCodeLens(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!usable(doc)) return [];
    const settings = await settingsFor(doc.uri);
    const summary = summarize(parsed(doc, settings), settings.sshPorts);
    if (!summary) return [];
    const at = { line: summary.line, character: 0 };
    return [{ range: { start: at, end: at }, command: { title: summary.title, command: EXPLAIN_PORT_COMMAND, arguments: [doc.uri] } }];
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!usable(doc)) return null;
    const file = parsed(doc, await settingsFor(doc.uri));
    const h = hoverAt(file, params.position.line, params.position.character);
    return h ? { range: h.range, contents: { kind: 'markdown', value: h.markdown } } : null;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === VALIDATE_COMMAND) {
      const arg = (params.arguments?.[0] ?? {}) as { uri?: unknown };
      const doc = typeof arg.uri === 'string' ? documents.get(arg.uri) : undefined;
      if (!doc) return null;
      const settings = await settingsFor(doc.uri);
      const family = detectFamily(doc.getText(), decodeURIComponent(doc.uri), settings.family);
      const binary = binaryFor(settings.iptablesRestorePath, family);
      const version = doc.version;
      const result = await runIptablesTest(binary, doc.getText());
      const line = result.line ?? 0;
      const text = doc.getText().split('\n')[line] ?? '';
      verdicts.set(doc.uri, {
        version,
        diagnostic: {
          range: { start: { line, character: 0 }, end: { line, character: text.replace(/\r$/, '').length } },
          severity: result.ok ? DiagnosticSeverity.Information : DiagnosticSeverity.Error,
          source: path.basename(binary),
          message: result.ok ? `${path.basename(binary)} --test: the file loads.` : `${path.basename(binary)} --test: ${result.message}`,
        },
      });
      const current = documents.get(doc.uri);
      if (current && current.version === version) await validate(current);
      return result;
    }
    if (params.command !== EXPLAIN_COMMAND) return null;
    const arg = (params.arguments?.[0] ?? {}) as { uri?: unknown; port?: unknown; from?: unknown; iface?: unknown };
    const doc = typeof arg.uri === 'string' ? documents.get(arg.uri) : undefined;
    const port = Number(arg.port);
    if (!usable(doc) || !Number.isInteger(port) || port < 1 || port > 65535) return null;
    const file = parsed(doc, await settingsFor(doc.uri));
    return explainPort(file, { port, from: typeof arg.from === 'string' && arg.from ? arg.from : ANYWHERE, iface: typeof arg.iface === 'string' && arg.iface ? arg.iface : undefined });
  });

  const withFile = async <T>(uri: string, work: (doc: TextDocument, file: ParsedFile) => T): Promise<T | null> => {
    const doc = documents.get(uri);
    if (!usable(doc)) return null;
    return work(doc, parsed(doc, await settingsFor(doc.uri)));
  };

  connection.onCompletion(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) => [
      ...completeAt(file, params.position.line, params.position.character).map(
        (c): CompletionItem => ({
          label: c.label,
          kind: COMPLETION_KINDS[c.kind],
          detail: c.detail,
          documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
          insertText: c.insertText,
        }),
      ),
      ...(file.lines[params.position.line]?.text.trim() === '' || params.position.character === 0 ? snippets : []),
    ]),
  );

  connection.onDocumentSymbol(async (params) => withFile(params.textDocument.uri, (_doc, file) => documentSymbols(file)));

  connection.onFoldingRanges(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) =>
      file.blocks.map((b) => ({ startLine: b.header.index, endLine: (b.commit ?? b.lines[b.lines.length - 1] ?? b.header).index, kind: 'region' })).filter((r) => r.endLine > r.startLine),
    ),
  );

  const refsAt = (file: ParsedFile, line: number, character: number): ChainRef[] => {
    const at = chainAt(file, line, character);
    return at ? chainRefs(at.block, at.name) : [];
  };

  connection.onDefinition(async (params) =>
    withFile(params.textDocument.uri, (doc, file) =>
      refsAt(file, params.position.line, params.position.character)
        .filter((r) => r.kind === 'declaration')
        .map((r) => ({ uri: doc.uri, range: refRange(r) })),
    ),
  );

  connection.onReferences(async (params) =>
    withFile(params.textDocument.uri, (doc, file) =>
      refsAt(file, params.position.line, params.position.character)
        .filter((r) => params.context.includeDeclaration || r.kind !== 'declaration')
        .map((r) => ({ uri: doc.uri, range: refRange(r) })),
    ),
  );

  connection.onDocumentHighlight(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) =>
      refsAt(file, params.position.line, params.position.character).map((r) => ({ range: refRange(r), kind: r.kind === 'command' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read })),
    ),
  );

  connection.onPrepareRename(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) => {
      const at = chainAt(file, params.position.line, params.position.character);
      if (!at || (BUILTIN_CHAINS[at.block.name] ?? []).includes(at.name)) return null;
      const here = chainRefs(at.block, at.name).find((r) => r.line === params.position.line && params.position.character >= r.start && params.position.character <= r.end);
      return here ? { range: refRange(here), placeholder: at.name } : null;
    }),
  );

  connection.onRenameRequest(async (params) =>
    withFile(params.textDocument.uri, (doc, file) => {
      const at = chainAt(file, params.position.line, params.position.character);
      if (!at) return null;
      if ((BUILTIN_CHAINS[at.block.name] ?? []).includes(at.name)) throw new ResponseError(ErrorCodes.InvalidRequest, `${at.name} is a built-in chain and cannot be renamed.`);
      const why = badChainName(params.newName, at.block, file.family);
      if (why) throw new ResponseError(ErrorCodes.InvalidRequest, why);
      return { changes: { [doc.uri]: chainRefs(at.block, at.name).map((r) => ({ range: refRange(r), newText: params.newName })) } };
    }),
  );

  connection.onDocumentFormatting(async (params) => withFile(params.textDocument.uri, (_doc, file) => formatLines(file)));
  connection.onDocumentRangeFormatting(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) => formatLines(file, params.range.start.line, params.range.end.character === 0 && params.range.end.line > params.range.start.line ? params.range.end.line - 1 : params.range.end.line)),
  );

  documents.listen(connection, { changed, closed });
  connection.listen();
  return connection;
}
