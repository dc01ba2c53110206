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

/** A minimal LSP client that talks to server/out/server.js over stdio, as another editor would. */
export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  private readonly waiters: Array<{ uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  readonly published: PublishDiagnosticsParams[] = [];
  /** The server's `firewallRules/analysed` notices: a whole-file analysis was published. */
  readonly analysed: Array<{ uri: string; version: number; ms: number }> = [];
  private readonly analysedWaiters: Array<{ uri: string; version: number; resolve: () => void }> = [];
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
    this.conn = createMessageConnection(
      new StreamMessageReader(this.proc.stdout!),
      new StreamMessageWriter(this.proc.stdin!),
    );
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        if (w.uri === p.uri && (w.version === undefined || w.version === p.version)) {
          this.waiters.splice(i, 1);
          w.resolve(p);
        }
      }
    });
    this.conn.onNotification('firewallRules/analysed', (p: { uri: string; version: number; ms: number }) => {
      this.analysed.push(p);
      for (let i = this.analysedWaiters.length - 1; i >= 0; i--) {
        const w = this.analysedWaiters[i];
        if (w.uri === p.uri && w.version === p.version) {
          this.analysedWaiters.splice(i, 1);
          w.resolve();
        }
      }
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

  /** `extra`: more of the initialize params, such as `workspaceFolders` or `initializationOptions`. */
  async initialize(withConfiguration = true, extra: Record<string, unknown> = {}): Promise<InitializeResult> {
    const result = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      ...extra,
      capabilities: {
        workspace: { configuration: withConfiguration, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true } },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics for `uri` (for `version`, if given). */
  diagnostics(uri: string, version?: number, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        uri,
        version,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  /** Resolves once the whole-file analysis of `version` is published. */
  whenAnalysed(uri: string, version: number, timeoutMs = 60000): Promise<void> {
    if (this.analysed.some((a) => a.uri === uri && a.version === version)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no analysis of ${uri} v${version} within ${timeoutMs} ms`)), timeoutMs);
      this.analysedWaiters.push({ uri, version, resolve: () => { clearTimeout(timer); resolve(); } });
    });
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
  async edit(uri: string, version: number, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<{ first: Diagnostic[]; complete: Diagnostic[] }> {
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
    return this.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, only: ['quickfix'] },
    });
  }

  /** Sends shutdown and exit; resolves with the process's exit code. */
  async stop(): Promise<number | null> {
    const gone = this.proc.exitCode !== null || this.proc.signalCode !== null;
    // A server that already died answers with its exit code (null when a signal ended it).
    const exited = gone ? Promise.resolve(this.proc.exitCode) : new Promise<number | null>((resolve) => this.proc.once('exit', (code) => resolve(code)));
    if (!gone) {
      // A server that dies on shutdown leaves the request unanswered: its exit ends the wait.
      const bye = async (): Promise<void> => {
        await this.conn.sendRequest('shutdown');
        await this.conn.sendNotification('exit');
      };
      const said = bye();
      said.catch(() => undefined);
      await Promise.race([said, exited]);
    }
    const code = await exited;
    this.conn.dispose();
    return code;
  }
}

/** Applies a code action's edits to `text` (the client's job in a real editor). */
export function editsOf(action: CodeAction, uri: string): TextEdit[] {
  return action.edit?.changes?.[uri] ?? [];
}
