import { spawn, type ChildProcess } from 'node:child_process';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { SERVER } from './paths';

const running = new Set<ChildProcess>();
/** Ends every server still running: for a test file's `after`, so a failed test leaves no process that keeps it alive. */
export function killServers(): void {
  for (const p of running) p.kill('SIGKILL');
  running.clear();
}

/** Callers waiting for a notification that matches what they wait for. */
class Waiting<T> {
  private readonly waiters: Array<{ match: (p: T) => boolean; resolve: (p: T) => void }> = [];

  /** Resolves with the next `p` that `match`es, or rejects with `timeout` after `timeoutMs`. */
  next(match: (p: T) => boolean, timeoutMs: number, timeout: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(timeout)), timeoutMs);
      this.waiters.push({ match, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  /** Hands `p` to every waiter it matches. */
  arrived(p: T): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i];
      if (w.match(p)) {
        this.waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  }
}

type Analysed = { uri: string; version: number; ms: number };
type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

/** The client capabilities `initialize` sends unless told others. */
const capabilitiesOf = (withConfiguration: boolean): Record<string, unknown> => ({
  workspace: { configuration: withConfiguration, didChangeConfiguration: { dynamicRegistration: true } },
  textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } },
});

/** A minimal LSP client that talks to server/out/server.js over stdio, as another editor would. */
export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  /** The server's `firewallRules/analysed` notices: a whole-file analysis was published. */
  readonly analysed: Analysed[] = [];
  private readonly publishing = new Waiting<PublishDiagnosticsParams>();
  private readonly analysing = new Waiting<Analysed>();
  configuration: unknown = {};
  /** When set, each `workspace/configuration` request waits for it before it is answered. */
  configurationGate: Promise<void> | undefined;
  /** The server's `window/showMessage` texts. */
  readonly messages: string[] = [];
  stderr = '';

  /** `args`: what node runs, by default the server bundle with --stdio; `options`: where and how it runs. */
  constructor(args: string[] = [SERVER, '--stdio'], options: { cwd?: string; env?: NodeJS.ProcessEnv; execArgv?: string[] } = {}) {
    this.proc = spawn(process.execPath, [...(options.execArgv ?? []), ...args], { stdio: ['pipe', 'pipe', 'pipe'], cwd: options.cwd, env: options.env });
    running.add(this.proc);
    this.proc.once('exit', () => running.delete(this.proc));
    this.proc.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.publishing.arrived(p);
    });
    this.conn.onNotification('firewallRules/analysed', (p: Analysed) => {
      this.analysed.push(p);
      this.analysing.arrived(p);
    });
    this.conn.onRequest('workspace/configuration', async (params: { items: unknown[] }) => {
      if (this.configurationGate) await this.configurationGate;
      return params.items.map(() => this.configuration);
    });
    this.conn.onNotification('window/showMessage', (p: { message: string }) => this.messages.push(p.message));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.listen();
  }

  /** `extra`: more of the initialize params, such as `workspaceFolders` or `initializationOptions`; its `capabilities` replace the usual ones. */
  async initialize(withConfiguration = true, extra: Record<string, unknown> = {}): Promise<InitializeResult> {
    const { capabilities, ...rest } = extra;
    const result = await this.conn.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, ...rest, capabilities: capabilities ?? capabilitiesOf(withConfiguration) });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics for `uri` (for `version`, if given). */
  diagnostics(uri: string, version?: number, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    const match = (p: PublishDiagnosticsParams): boolean => p.uri === uri && (version === undefined || p.version === version);
    return this.publishing.next(match, timeoutMs, `no diagnostics for ${uri} v${version} within ${timeoutMs} ms`);
  }

  /** Resolves once the whole-file analysis of `version` is published. */
  async whenAnalysed(uri: string, version: number, timeoutMs = 60000): Promise<void> {
    const match = (a: Analysed): boolean => a.uri === uri && a.version === version;
    if (this.analysed.some(match)) return;
    await this.analysing.next(match, timeoutMs, `no analysis of ${uri} v${version} within ${timeoutMs} ms`);
  }

  /** The last diagnostics published for `uri` and `version`. */
  lastPublished(uri: string, version: number): Diagnostic[] | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) {
      const p = this.published[i];
      if (p.uri === uri && p.version === version) return p.diagnostics;
    }
    return undefined;
  }

  /**
   * An incremental edit, as an editor sends a keystroke: resolves with the first diagnostics of the
   * new version and with those of its whole-file analysis.
   */
  async edit(uri: string, version: number, range: Range, text: string): Promise<{ first: Diagnostic[]; complete: Diagnostic[] }> {
    const first = this.diagnostics(uri, version);
    const done = this.whenAnalysed(uri, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    const firstDiagnostics = (await first).diagnostics;
    await done;
    return { first: firstDiagnostics, complete: this.lastPublished(uri, version) ?? [] };
  }

  async open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    const wait = this.diagnostics(uri, version);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'iptables', version, text } });
    return (await wait).diagnostics;
  }

  async replace(uri: string, text: string, version: number): Promise<Diagnostic[]> {
    const wait = this.diagnostics(uri, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return (await wait).diagnostics;
  }

  codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only: ['quickfix'] } });
  }

  /** Sends shutdown and exit; resolves with the process's exit code. */
  stop(): Promise<number | null> {
    return shutDown(this.proc, this.conn);
  }
}

/** Sends shutdown and exit; resolves with the exit code (null when a signal ended the process). */
async function shutDown(proc: ChildProcess, conn: MessageConnection): Promise<number | null> {
  const gone = proc.exitCode !== null || proc.signalCode !== null;
  // A server that already died answers with its exit code.
  const exited = gone ? Promise.resolve(proc.exitCode) : new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  if (!gone) {
    // A server that dies on shutdown leaves the request unanswered: its exit ends the wait.
    const said = (async (): Promise<void> => {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
    })();
    said.catch(() => undefined);
    await Promise.race([said, exited]);
  }
  const code = await exited;
  conn.dispose();
  return code;
}

/** Applies a code action's edits to `text` (the client's job in a real editor). */
export function editsOf(action: CodeAction, uri: string): TextEdit[] {
  return action.edit?.changes?.[uri] ?? [];
}
