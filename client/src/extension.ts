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
  client = new LanguageClient(context.asAbsolutePath(path.join('server', 'out', 'server.js')), output);
  context.subscriptions.push(output, client);
  context.subscriptions.push(commands.registerCommand('firewallRules.explainPort', explainPort));
  context.subscriptions.push(commands.registerCommand('firewallRules.validateWithIptables', validateWithIptables));
  // The validation command shows only where its binary exists.
  const findBinary = (): void => void commands.executeCommand('setContext', 'firewallRules.iptablesRestoreFound', onPath(workspace.getConfiguration('firewallRules').get<string>('iptablesRestorePath', 'iptables-restore')));
  findBinary();
  context.subscriptions.push(workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('firewallRules.iptablesRestorePath') && findBinary()));
  // The server starts in the background: activation does not wait for its answer.
  const serverReady = client.start();
  return { activationMs: performance.now() - calledAt, loadToActivateMs: calledAt - loadedAt, serverReady };
}

/** Whether `binary` (a path, or a name looked up on PATH) is an executable file. */
function onPath(binary: string): boolean {
  const candidates = binary.includes('/') ? [binary] : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, binary));
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
async function validateWithIptables(uri?: string): Promise<{ ok: boolean; message: string } | undefined> {
  const target = uri ?? window.activeTextEditor?.document.uri.toString();
  if (!client || !target || !workspace.isTrusted) return undefined;
  const result = await client.sendRequest<{ ok: boolean; message: string } | null>('workspace/executeCommand', { command: 'firewallRules.validate', arguments: [{ uri: target }] });
  if (!result) return undefined;
  if (result.ok) void window.showInformationMessage(`iptables-restore --test accepts this file.`);
  else void window.showErrorMessage(`iptables-restore --test: ${result.message}`);
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
