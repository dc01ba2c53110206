// When this module started running: VS Code calls activate() some time after (it sets up the
// extension's context in between), which the API reports apart from activate()'s own time.
const loadedAt = performance.now();
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';
import { commands, window, workspace, type ExtensionContext, type OutputChannel } from 'vscode';
import { LanguageClient } from './language-client';

let client: LanguageClient | undefined;
let explainOutput: OutputChannel | undefined;

/** What the extension hands other extensions (and its tests): when the server is up, and what activation cost. */
export interface FirewallRulesApi {
  /** activate()'s own time, from VS Code's call to its return (the server's process start included). */
  activationMs: number;
  /** From this module's first line to VS Code's call of activate(). */
  loadToActivateMs: number;
  serverReady: Promise<unknown>;
}

export function activate(context: ExtensionContext): FirewallRulesApi {
  const calledAt = performance.now();
  const output = window.createOutputChannel('Firewall Rules');
  client = new LanguageClient(context.asAbsolutePath(path.join('server', 'out', 'server.js')), output, executionSettings);
  context.subscriptions.push(output, client);
  context.subscriptions.push(commands.registerCommand('firewallRules.explainPort', explainPort));
  context.subscriptions.push(commands.registerCommand('firewallRules.validateWithIptables', validateWithIptables));
  // The validation command shows only where its binary exists. The server hears of trust and of
  // the user's setting from here alone.
  const executionChanged = (): void => {
    void commands.executeCommand('setContext', 'firewallRules.iptablesRestoreFound', onPath(userIptablesRestore()));
    void client?.sendNotification(EXECUTION_NOTIFICATION, executionSettings());
  };
  void commands.executeCommand('setContext', 'firewallRules.iptablesRestoreFound', onPath(userIptablesRestore()));
  context.subscriptions.push(
    workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('firewallRules.iptablesRestorePath') && executionChanged()),
    workspace.onDidGrantWorkspaceTrust(executionChanged),
  );
  // The server starts in the background: activation does not wait for its answer.
  const serverReady = client.start();
  return { activationMs: performance.now() - calledAt, loadToActivateMs: calledAt - loadedAt, serverReady };
}

const EXECUTION_NOTIFICATION = 'firewallRules/didChangeExecution';

/**
 * The user's own `firewallRules.iptablesRestorePath`: their user (or remote) settings, never a
 * workspace's. package.json makes it a machine setting too, which VS Code never reads from a workspace.
 */
function userIptablesRestore(): string {
  const value = workspace.getConfiguration('firewallRules').inspect<string>('iptablesRestorePath')?.globalValue;
  return typeof value === 'string' && value.trim() ? value.trim() : 'iptables-restore';
}

/** What the server may run: only in a trusted workspace, only the user's own program. */
function executionSettings(): { trustedWorkspace: boolean; iptablesRestorePath: string } {
  return { trustedWorkspace: workspace.isTrusted, iptablesRestorePath: userIptablesRestore() };
}

/** Whether `binary` (an absolute path, or a name looked up in PATH's absolute folders and sbin) is an executable file. */
function onPath(binary: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter((d) => path.isAbsolute(d)), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  const candidates = binary.includes('/') ? (path.isAbsolute(binary) ? [binary] : []) : dirs.map((d) => path.join(d, binary));
  return candidates.some((c) => {
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** "Firewall: validate with iptables-restore": the server runs `--test` and shows the verdict at its line. */
async function validateWithIptables(uri?: string): Promise<{ ok: boolean; ran: boolean; message: string; binary?: string } | undefined> {
  const target = uri ?? window.activeTextEditor?.document.uri.toString();
  if (!client || !target || !workspace.isTrusted) return undefined;
  const result = await client.sendRequest<{ ok: boolean; ran: boolean; message: string; binary?: string } | null>('workspace/executeCommand', { command: 'firewallRules.validate', arguments: [{ uri: target }] });
  if (!result) return undefined;
  // Which program ran, as the server resolved it: never a fixed text that could hide another one.
  if (result.ok) void window.showInformationMessage(`${result.binary} --test accepts this file.`);
  else void window.showErrorMessage(result.ran ? `${result.binary} --test: ${result.message}` : result.message);
  return result;
}

/** "Firewall: explain port…": asks for a port, and shows the server's walk through the chains. */
async function explainPort(uri?: string, port?: number): Promise<string | undefined> {
  const target = uri ?? window.activeTextEditor?.document.uri.toString();
  if (!client || !target) return undefined;
  let chosen = port;
  if (chosen === undefined) {
    const answer = await window.showInputBox({
      title: 'Firewall: explain port',
      prompt: 'TCP port of a new connection from anywhere',
      value: '22',
      validateInput: (v) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535 ? undefined : 'A port number from 1 to 65535'),
    });
    if (answer === undefined) return undefined;
    chosen = Number(answer);
  }
  const text = await client.sendRequest<string | null>('workspace/executeCommand', { command: 'firewallRules.explain', arguments: [{ uri: target, port: chosen }] });
  if (!text) return undefined;
  explainOutput ??= window.createOutputChannel('Firewall Rules: explain');
  explainOutput.clear();
  explainOutput.appendLine(text);
  explainOutput.show(true);
  return text;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
