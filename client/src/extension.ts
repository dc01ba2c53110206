// From the bundle's start to VS Code's call of activate() (loading the modules, and the extension's
// context VS Code sets up in between) the API reports apart from activate()'s own time.
import { loadedAt } from './loaded-at';
import { commands, window, workspace, type Event, type ExtensionContext } from 'vscode';
import { State, type InitializeResult, type LanguageClient, type StateChangeEvent } from 'vscode-languageclient/node';
import { createClient, type Analysed } from './client';
import { disposeCommandOutputs, explainPort, restartServer, SET_SSH_PORTS, setSshPorts, validateWithIptables } from './commands';
import { EXECUTION_NOTIFICATION, executionSettings, onPath, userIptablesRestore } from './execution';

let client: LanguageClient | undefined;

/** What the extension hands other extensions (and its tests): when the server is up, and what activation cost. */
export interface FirewallRulesApi {
  /** activate()'s own time, from VS Code's call to its return. */
  activationMs: number;
  /** From the bundle's first module (loaded-at.ts) to VS Code's call of activate(): the library's loading included. */
  loadToActivateMs: number;
  /** The server's `initialize` answer once the first start is done (undefined if it failed). */
  serverReady: Promise<InitializeResult | undefined>;
  /** Each whole-file analysis the server reports (`firewallRules/analysed`). */
  onAnalysed: Event<Analysed>;
  /** The client's state: stopped, starting, running (a restart goes through all three). */
  onDidChangeState: Event<StateChangeEvent>;
}

export function activate(context: ExtensionContext): FirewallRulesApi {
  const calledAt = performance.now();
  const output = window.createOutputChannel('Firewall Rules');
  const made = createClient(context, output);
  const lsp = made.client;
  client = lsp;
  context.subscriptions.push(
    output,
    commands.registerCommand('firewallRules.explainPort', (uri?: string, port?: number) => explainPort(lsp, uri, port)),
    commands.registerCommand('firewallRules.validateWithIptables', (uri?: string) => validateWithIptables(lsp, uri)),
    commands.registerCommand('firewallRules.restartServer', () => restartServer(lsp, output)),
    commands.registerCommand(SET_SSH_PORTS, (uri?: string, ports?: number[]) => setSshPorts(uri, ports)),
    { dispose: disposeCommandOutputs },
  );
  // The validation command shows only where its binary exists. The server hears of trust and of
  // the user's setting from here alone; a stopped server gets them with its next start.
  const showValidation = (): void => void commands.executeCommand('setContext', 'firewallRules.iptablesRestoreFound', onPath(userIptablesRestore()));
  const executionChanged = (): void => {
    showValidation();
    if (lsp.state !== State.Stopped) lsp.sendNotification(EXECUTION_NOTIFICATION, executionSettings()).catch(() => undefined);
  };
  showValidation();
  context.subscriptions.push(
    workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('firewallRules.iptablesRestorePath') && executionChanged()),
    workspace.onDidGrantWorkspaceTrust(executionChanged),
  );
  // The server starts in the background: activation does not wait for its answer.
  const serverReady = lsp.start().then(
    () => lsp.initializeResult,
    (e: unknown) => {
      output.appendLine(`Firewall Rules: the language server did not start: ${String(e)}`);
      return undefined;
    },
  );
  return { activationMs: performance.now() - calledAt, loadToActivateMs: calledAt - loadedAt, serverReady, onAnalysed: made.onAnalysed, onDidChangeState: lsp.onDidChangeState };
}

export async function deactivate(): Promise<void> {
  const stopping = client;
  client = undefined;
  if (stopping?.state === State.Starting) await stopping.start().catch(() => undefined);
  if (stopping?.isRunning()) await stopping.stop();
}
