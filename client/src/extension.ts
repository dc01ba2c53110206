import * as path from 'node:path';
import { commands, window, type ExtensionContext, type OutputChannel } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let explainOutput: OutputChannel | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'iptables' }],
    synchronize: { configurationSection: 'firewallRules' },
    // VS Code already offers the snippets this extension contributes.
    initializationOptions: { snippets: false },
  };
  client = new LanguageClient('firewallRules', 'Firewall Rules', serverOptions, clientOptions);
  context.subscriptions.push(commands.registerCommand('firewallRules.explainPort', explainPort));
  await client.start();
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
