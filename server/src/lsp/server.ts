import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  type CompletionItem,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import {
  ALL_CHECKS, ANYWHERE, DEFAULT_OPTIONS, isStructuralLine, lintInSteps, prepareQuickLint, quickLintIn, type LintOptions, type Diagnostic as CoreDiagnostic, detectFamily, explainPort, hoverAt, safeFixEdits, lintParsed,
  MAX_TEXT_LENGTH, parse, summarize, type ParsedFile,
} from '../core';
import { lintOptions, readLintSettings, SETTINGS_SECTION, type LintSettings } from '../config/settings';
import { codeActionsFor, SOURCE, toLspDiagnostic } from './convert';
import { DocumentStore, type LineChange } from './documents';
import { loadSnippets, registerFeatures, type WithFile } from './features';
import { binaryFor, EXECUTION_NOTIFICATION, readExecution, resolveBinary, runIptablesTest, type ExecutionSettings, type ValidationResult } from './iptables-test';
import { fileNameOf, WorkspaceConfig } from './workspace-config';

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
/** Runs the user's iptables-restore --test on the document; arguments: `{ uri }`. */
export const VALIDATE_COMMAND = 'firewallRules.validate';
/** The client's command (it asks for the port), which the code lens runs. */
const EXPLAIN_PORT_COMMAND = 'firewallRules.explainPort';

function notice(message: string): Diagnostic {
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, severity: DiagnosticSeverity.Information, source: SOURCE, message };
}

/**
 * Everything the server keeps about one open document. It lives in one map entry that `didClose`
 * drops: work still in flight for a closed document writes into a detached object, which is then
 * garbage, so nothing it holds (a parse of a 16 MB file) outlives the document.
 */
interface DocState {
  doc: TextDocument;
  timer?: ReturnType<typeof setTimeout>;
  settings?: Thenable<LintSettings>;
  /** One parse per version, shared by diagnostics, code lens, hover and commands. */
  parse?: { version: number; family: string; file: ParsedFile };
  /** The last iptables-restore --test verdict, shown until the text changes. */
  verdict?: { version: number; diagnostic: Diagnostic };
  /** The last whole-file analysis and the edits made since, for the quick check of an edit. */
  base?: { file: ParsedFile; options: LintOptions; edits: Array<{ from: number; removed: number; added: number }>; ms: number };
  /** The diagnostics the client shows now. */
  shown?: Diagnostic[];
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new DocumentStore();
  const states = new Map<string, DocState>();
  const workspace = new WorkspaceConfig(connection);
  let pullConfiguration = false;
  let snippets: CompletionItem[] = [];
  let execution: ExecutionSettings = readExecution(undefined);
  const resolved = new Map<string, ReturnType<typeof resolveBinary>>();

  connection.onInitialize((params) => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    workspace.setFolders(params.workspaceFolders, params.rootUri);
    // VS Code shows the snippets the extension contributes; other editors get them from here.
    const init = (params.initializationOptions ?? {}) as { snippets?: unknown };
    snippets = init.snippets === false ? [] : loadSnippets();
    execution = readExecution(init);
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
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'firewall-rules', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        workspace.change(e.added, e.removed);
        reconfigure();
      });
    } catch {
      /* the client sends no folder changes */
    }
  });

  connection.onNotification(EXECUTION_NOTIFICATION, (params: unknown) => {
    execution = readExecution(params);
    resolved.clear();
  });

  // The config file in the workspace folder wins over the editor's settings: it is what the
  // repository's CI runs with too. Neither picks a program to run.
  const settingsOf = (s: DocState): Thenable<LintSettings> => {
    if (!s.settings) {
      const uri = s.doc.uri;
      const fromFile = workspace.settingsFor(uri);
      const fromEditor: Thenable<unknown> = pullConfiguration
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then((v) => v, () => ({}))
        : Promise.resolve({});
      s.settings = fromEditor.then((editor) => readLintSettings({ ...(editor && typeof editor === 'object' ? editor : {}), ...fromFile }));
    }
    return s.settings;
  };

  const parsedOf = (s: DocState, settings: LintSettings): ParsedFile => {
    const text = s.doc.getText();
    const family = detectFamily(text, fileNameOf(s.doc.uri), settings.family);
    const hit = s.parse;
    if (hit && hit.version === s.doc.version && hit.family === family) return hit.file;
    // An edit re-reads only the lines it touched: the rest comes from the last version's parse.
    const file = parse(text, family, hit?.file);
    s.parse = { version: s.doc.version, family, file };
    return file;
  };
  const optionsOf = (s: DocState, settings: LintSettings): LintOptions => ({ ...DEFAULT_OPTIONS, ...lintOptions(settings, fileNameOf(s.doc.uri)) });
  const usable = (s: DocState | undefined): s is DocState => !!s && s.doc.getText().length <= MAX_TEXT_LENGTH;
  const current = (s: DocState, version: number): boolean => states.get(s.doc.uri) === s && s.doc.version === version;

  const tooBig = async (s: DocState): Promise<void> => {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    await connection.sendDiagnostics({ uri: s.doc.uri, version: s.doc.version, diagnostics: [notice(`Not analysed: the file is ${mb(s.doc.getText().length)} MB, over the ${mb(MAX_TEXT_LENGTH)} MB limit.`)] });
  };

  /** The whole-file analysis, in slices: a newer version or a close ends it. */
  const analyse = async (s: DocState, file: ParsedFile, options: LintOptions, version: number): Promise<Diagnostic[] | undefined> => {
    const steps = lintInSteps(s.doc.getText(), file, options, ALL_CHECKS);
    let slice = Date.now();
    let step = steps.next();
    while (!step.done) {
      if (Date.now() - slice > ANALYSIS_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        if (!current(s, version)) return undefined;
        slice = Date.now();
      }
      step = steps.next();
    }
    return step.value.map((d) => toLspDiagnostic(d, s.doc.uri));
  };

  const validate = async (s: DocState): Promise<void> => {
    const started = Date.now();
    const version = s.doc.version;
    if (!usable(s)) return tooBig(s);
    const settings = await settingsOf(s);
    if (!current(s, version)) return;
    let diagnostics: Diagnostic[] | undefined;
    let file: ParsedFile | undefined;
    const options = optionsOf(s, settings);
    try {
      file = parsedOf(s, settings);
      diagnostics = await analyse(s, file, options, version);
      if (!diagnostics) return;
    } catch (e) {
      // A bug in a check must not leave stale diagnostics or silence: say so where the user looks.
      connection.console.error(`lint failed on ${s.doc.uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      diagnostics = [notice(`Firewall Rules could not analyse this file (internal error: ${e instanceof Error ? e.message : String(e)}). Please report it.`)];
    }
    if (s.verdict && s.verdict.version === version) diagnostics.push(s.verdict.diagnostic);
    s.shown = diagnostics;
    await connection.sendDiagnostics({ uri: s.doc.uri, version, diagnostics });
    const ms = Date.now() - started;
    if (file) {
      prepareQuickLint(file);
      s.base = { file, options, edits: [], ms };
    } else s.base = undefined;
    await connection.sendNotification(ANALYSED_NOTIFICATION, { uri: s.doc.uri, version, ms });
  };

  const schedule = (s: DocState, delay: number): void => {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      if (states.get(s.doc.uri) === s) validate(s).catch((e: unknown) => connection.console.error(`lint failed: ${String(e)}`));
    }, delay);
  };

  const reconfigure = (): void => {
    for (const s of states.values()) {
      s.settings = undefined;
      schedule(s, 0);
    }
  };

  // A new document is analysed at once; an edit is checked quickly, then analysed whole after a pause.
  const changed = (doc: TextDocument, changes: LineChange[] | undefined): void => {
    let s = states.get(doc.uri);
    if (!s || s.doc !== doc) states.set(doc.uri, (s = { doc }));
    if (!changes) {
      s.base = undefined;
      schedule(s, s.parse ? CHANGE_DELAY_MS : 0);
      return;
    }
    const slow = (s.base?.ms ?? 0) > SLOW_LINT_MS;
    quickCheck(s, changes);
    schedule(s, slow ? SLOW_CHANGE_DELAY_MS : CHANGE_DELAY_MS);
  };
  const closed = (uri: string): void => {
    clearTimeout(states.get(uri)?.timer);
    states.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  };

  const quickCheck = (s: DocState, changes: LineChange[]): void => {
    const diagnostics = s.base && quickDiagnostics(s, s.base, changes);
    if (!diagnostics) {
      // Tables or chains changed, or what the client shows no longer matches the lines: only the
      // whole-file analysis can tell.
      s.base = undefined;
      return;
    }
    s.shown = diagnostics;
    void connection.sendDiagnostics({ uri: s.doc.uri, version: s.doc.version, diagnostics });
  };

  connection.onDidChangeConfiguration(reconfigure);

  connection.onCodeAction(async (params) => {
    const s = states.get(params.textDocument.uri);
    if (!s) return [];
    const wantsFixAll = params.context.only?.some((k) => k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
    if (!wantsFixAll) return codeActionsFor(params.context.diagnostics, s.doc.uri);
    if (!usable(s)) return [];
    const settings = await settingsOf(s);
    const edits = safeFixEdits(lintParsed(s.doc.getText(), parsedOf(s, settings), optionsOf(s, settings), ALL_CHECKS), ALL_CHECKS);
    return edits.length ? [{ title: 'Fix all safe problems (Firewall Rules)', kind: CodeActionKind.SourceFixAll, edit: { changes: { [s.doc.uri]: edits } } }] : [];
  });

  const withFile: WithFile = async (uri, work) => {
    const s = states.get(uri);
    if (!usable(s)) return null;
    return work(s.doc, parsedOf(s, await settingsOf(s)));
  };

  connection.onCodeLens(async (params) => {
    const s = states.get(params.textDocument.uri);
    if (!usable(s)) return [];
    const settings = await settingsOf(s);
    const summary = summarize(parsedOf(s, settings), settings.sshPorts);
    if (!summary) return [];
    const at = { line: summary.line, character: 0 };
    return [{ range: { start: at, end: at }, command: { title: summary.title, command: EXPLAIN_PORT_COMMAND, arguments: [s.doc.uri] } }];
  });

  connection.onHover(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) => {
      const h = hoverAt(file, params.position.line, params.position.character);
      return h ? { range: h.range, contents: { kind: 'markdown' as const, value: h.markdown } } : null;
    }),
  );

  /** "Firewall: validate with iptables-restore", as the execution settings allow. */
  const validateWithIptables = async (s: DocState): Promise<ValidationResult> => {
    if (!execution.trusted) return { ok: false, ran: false, message: 'Not run: the editor has not said this workspace is trusted (initializationOptions.trustedWorkspace).' };
    const settings = await settingsOf(s);
    const family = detectFamily(s.doc.getText(), fileNameOf(s.doc.uri), settings.family);
    const name = binaryFor(execution.iptablesRestorePath, family);
    let where = resolved.get(name);
    if (!where) resolved.set(name, (where = resolveBinary(name)));
    if ('error' in where) return { ok: false, ran: false, message: where.error };
    const version = s.doc.version;
    const result = await runIptablesTest(where.path, s.doc.getText());
    const line = result.line ?? 0;
    const text = s.doc.getText().split('\n')[line] ?? '';
    s.verdict = {
      version,
      diagnostic: {
        range: { start: { line, character: 0 }, end: { line, character: text.replace(/\r$/, '').length } },
        severity: result.ok ? DiagnosticSeverity.Information : DiagnosticSeverity.Error,
        source: path.basename(where.path),
        message: result.ok ? `${where.path} --test: the file loads.` : `${where.path} --test: ${result.message}`,
      },
    };
    if (current(s, version)) await validate(s);
    return result;
  };

  connection.onExecuteCommand(async (params) => {
    const arg = (params.arguments?.[0] ?? {}) as { uri?: unknown; port?: unknown; from?: unknown; iface?: unknown };
    const s = typeof arg.uri === 'string' ? states.get(arg.uri) : undefined;
    if (params.command === VALIDATE_COMMAND) return s ? validateWithIptables(s) : null;
    if (params.command !== EXPLAIN_COMMAND) return null;
    const port = Number(arg.port);
    if (!usable(s) || !Number.isInteger(port) || port < 1 || port > 65535) return null;
    const file = parsedOf(s, await settingsOf(s));
    return explainPort(file, { port, from: typeof arg.from === 'string' && arg.from ? arg.from : ANYWHERE, iface: typeof arg.iface === 'string' && arg.iface ? arg.iface : undefined });
  });

  registerFeatures(connection, withFile, () => snippets);
  documents.listen(connection, { changed, closed });
  connection.listen();
  return connection;
}

/**
 * The first answer to an edit: the diagnostics shown so far, moved with the lines, less those of the
 * edited lines, which the line-scoped checks check again at once. Undefined when only the whole-file
 * analysis can answer. Records the edits in `base`.
 */
function quickDiagnostics(s: DocState, base: NonNullable<DocState['base']>, changes: LineChange[]): Diagnostic[] | undefined {
  const doc = s.doc;
  const structural = changes.some((c) => c.removed.some(isStructuralLine) || c.lines.some(isStructuralLine));
  if (structural || doc.getText().length > MAX_TEXT_LENGTH) return undefined;
  const toBase = (line: number): number | undefined => {
    for (let k = base.edits.length - 1; k >= 0; k--) {
      const e = base.edits[k];
      if (line < e.from) continue;
      if (line < e.from + e.added) return undefined;
      line += e.removed - e.added;
    }
    return line;
  };
  let diagnostics = s.shown ?? [];
  let quick: CoreDiagnostic[] | undefined = [];
  for (const c of changes) {
    let at = c.from;
    let baseLine = toBase(at);
    while (baseLine === undefined && at > 0) baseLine = toBase(--at);
    const block = baseLine === undefined ? undefined : base.file.lines[baseLine]?.block;
    base.edits.push({ from: c.from, removed: c.removed.length, added: c.lines.length });
    diagnostics = moveDiagnostics(diagnostics, c);
    const above = c.from > 0 ? doc.getText({ start: { line: c.from - 1, character: 0 }, end: { line: c.from, character: 0 } }).replace(/\r?\n$/, '') : undefined;
    const found = block && changes.length === 1 ? quickLintIn(base.file, block, above, c.from, c.lines.map((l) => l.replace(/\r$/, '')), base.options) : undefined;
    if (!found) quick = undefined;
    else quick?.push(...found);
  }
  if (!quick) return undefined;
  return [...diagnostics, ...quick.map((d) => toLspDiagnostic(d, doc.uri))].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The diagnostics outside a change, moved with the lines; their fixes come back with the whole-file analysis. */
function moveDiagnostics(diagnostics: Diagnostic[], c: LineChange): Diagnostic[] {
  const last = c.from + c.removed.length - 1;
  const delta = c.lines.length - c.removed.length;
  const moved = (r: Diagnostic['range']): Diagnostic['range'] | undefined =>
    r.end.line < c.from ? r : r.start.line > last ? { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } } : undefined;
  const next: Diagnostic[] = [];
  for (const d of diagnostics) {
    const range = moved(d.range);
    if (!range) continue;
    next.push({ ...d, range, data: { fixes: [] }, relatedInformation: d.relatedInformation?.flatMap((r) => { const m = moved(r.location.range); return m ? [{ ...r, location: { ...r.location, range: m } }] : []; }) });
  }
  return next;
}
