// The one way a test runs the language server: spawn it, initialize it, and at the end stop it with
// shutdown and exit and require a clean exit. A server whose test failed is killed, so no process is
// left to keep the test file alive.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import { LspClient } from './lsp-client';

/** How a test's server runs, and what its client tells it. */
export interface ServerOptions {
  /** What node runs: by default the server bundle with --stdio. */
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  execArgv?: string[];
  /** Whether the client offers `workspace/configuration` (default: it does). */
  withConfiguration?: boolean;
  /** What the client answers to `workspace/configuration` (default `{}`). */
  configuration?: unknown;
  /** More of the initialize params, such as `workspaceFolders`, `rootUri` or `initializationOptions`; `capabilities` replace the client's usual ones. */
  initialize?: Record<string, unknown>;
}

/** A running, initialized server: its client and its answer to `initialize`. */
export interface Server {
  readonly client: LspClient;
  readonly init: InitializeResult;
}

/** Spawns a server and initializes it; a server that fails to initialize is killed. */
export async function startServer(options: ServerOptions = {}): Promise<Server> {
  const client = new LspClient(options.args, { cwd: options.cwd, env: options.env, execArgv: options.execArgv });
  if (options.configuration !== undefined) client.configuration = options.configuration;
  // A server that dies at start fails the test with its stderr, instead of leaving initialize unanswered.
  const died = new Promise<never>((_, reject) => client.proc.once('exit', (code, signal) => reject(new Error(`the server exited (${signal ?? code}) before it answered initialize: ${client.stderr.slice(-400)}`))));
  died.catch(() => undefined);
  try {
    const init = await Promise.race([client.initialize(options.withConfiguration ?? true, options.initialize ?? {}), died]);
    return { client, init };
  } catch (e) {
    client.proc.kill('SIGKILL');
    throw e;
  }
}

/** Stops the server with shutdown and exit, and requires that it exits with code 0. */
export async function stopServer(client: LspClient): Promise<void> {
  const code = await client.stop();
  assert.equal(code, 0, `server exits cleanly after shutdown/exit (stderr: ${client.stderr})`);
}

/**
 * Runs `body` against a new server, then stops it and requires a clean exit. When `body` fails, the
 * server is killed and the failure is the test's.
 */
export async function withServer<T>(options: ServerOptions, body: (client: LspClient, init: InitializeResult) => Promise<T>): Promise<T> {
  const { client, init } = await startServer(options);
  let result: T;
  try {
    result = await body(client, init);
  } catch (e) {
    client.proc.kill('SIGKILL');
    throw e;
  }
  await stopServer(client);
  return result;
}

/**
 * One server for a describe block: started and initialized in its `before`, stopped in its `after`,
 * which requires a clean exit. Read `client` and `init` in the tests and in later hooks.
 */
export function serverForSuite(options: ServerOptions = {}): Server {
  let running: Server | undefined;
  before(async () => {
    running = await startServer(options);
  });
  after(async () => {
    if (running) await stopServer(running.client);
  });
  const get = (): Server => {
    if (!running) throw new Error('the suite\'s server is not running: read it in a test or a hook after serverForSuite\'s');
    return running;
  };
  return {
    get client() {
      return get().client;
    },
    get init() {
      return get().init;
    },
  };
}
