import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_RULES, ANYWHERE, DEFAULT_OPTIONS, detectFamily, explainPort, lintParsed, MAX_TEXT_LENGTH, parse, ruleReach, summarize, type ParsedFile } from '../core';
import { codeActionsFor, SOURCE, toLspDiagnostic } from './convert';
import { lintOptions, readSettings, SETTING_DEFAULTS, SETTINGS_SECTION, type ServerSettings } from './settings';

/** Keystrokes closer together than this are linted once. */
const CHANGE_DELAY_MS = 30;

/** Runs the reachability walk of one port; arguments: `{ uri, port, from?, iface? }`. */
export const EXPLAIN_COMMAND = 'firewallRules.explain';
/** The client's command (it asks for the port), which the code lens runs. */
const EXPLAIN_PORT_COMMAND = 'firewallRules.explainPort';

function notice(message: string): Diagnostic {
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, severity: DiagnosticSeverity.Information, source: SOURCE, message };
}

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const settingsCache = new Map<string, Thenable<ServerSettings>>();
  let pullConfiguration = false;

  connection.onInitialize((params) => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        executeCommandProvider: { commands: [EXPLAIN_COMMAND] },
      },
      serverInfo: { name: 'firewall-rules', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
  });

  const settingsFor = (uri: string): Thenable<ServerSettings> => {
    if (!pullConfiguration) return Promise.resolve(SETTING_DEFAULTS);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(readSettings, () => SETTING_DEFAULTS);
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
    const file = parse(text, family);
    parses.set(doc.uri, { version: doc.version, family, file });
    return file;
  };
  const usable = (doc: TextDocument | undefined): doc is TextDocument => !!doc && doc.getText().length <= MAX_TEXT_LENGTH;

  const validate = async (doc: TextDocument): Promise<void> => {
    const text = doc.getText();
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
    if (documents.get(doc.uri)?.version !== doc.version) return;
    let diagnostics;
    try {
      const options = { ...DEFAULT_OPTIONS, ...lintOptions(settings, decodeURIComponent(doc.uri)) };
      diagnostics = lintParsed(text, parsed(doc, settings), options, ALL_RULES).map((d) => toLspDiagnostic(d, doc.uri));
    } catch (e) {
      // A bug in a check must not leave stale diagnostics or silence: say so where the user looks.
      connection.console.error(`lint failed on ${doc.uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      diagnostics = [notice(`Firewall Rules could not analyse this file (internal error: ${e instanceof Error ? e.message : String(e)}). Please report it.`)];
    }
    await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
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

  const opened = new Set<string>();
  // Fires for didOpen too: the first version is linted at once, later ones after a short pause.
  documents.onDidChangeContent((e) => {
    schedule(e.document, opened.has(e.document.uri) ? CHANGE_DELAY_MS : 0);
    opened.add(e.document.uri);
  });
  documents.onDidClose((e) => {
    opened.delete(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    parses.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
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
    const line = file.lines[params.position.line];
    if (!line || line.kind !== 'rule') return null;
    const r = ruleReach(file, line);
    if (!r) return null;
    const text = [
      '**New TCP connections from anywhere**',
      '',
      `- reach this rule: ${r.reaches.join(', ') || 'none'}`,
      `- of those, it surely matches: ${r.matches.join(', ') || 'none'}`,
      ...(r.decidedBefore.length ? [`- decided before it: ${r.decidedBefore.map((d) => `${d.label} (line ${d.line + 1})`).join(', ')}`] : []),
    ].join('\n');
    return { contents: { kind: 'markdown', value: text } };
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== EXPLAIN_COMMAND) return null;
    const arg = (params.arguments?.[0] ?? {}) as { uri?: unknown; port?: unknown; from?: unknown; iface?: unknown };
    const doc = typeof arg.uri === 'string' ? documents.get(arg.uri) : undefined;
    const port = Number(arg.port);
    if (!usable(doc) || !Number.isInteger(port) || port < 1 || port > 65535) return null;
    const file = parsed(doc, await settingsFor(doc.uri));
    return explainPort(file, { port, from: typeof arg.from === 'string' && arg.from ? arg.from : ANYWHERE, iface: typeof arg.iface === 'string' && arg.iface ? arg.iface : undefined });
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
