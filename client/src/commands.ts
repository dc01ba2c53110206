// The extension's commands. Each waits for the server itself: activation never does.
import { window, workspace, type OutputChannel } from 'vscode';
import { ExecuteCommandRequest, State, type LanguageClient } from 'vscode-languageclient/node';

/** Server commands (executeCommandProvider), run by the client's own commands below. */
const EXPLAIN = 'firewallRules.explain';
const VALIDATE = 'firewallRules.validate';

export interface ValidationResult {
  ok: boolean;
  ran: boolean;
  message: string;
  binary?: string;
}

/** The client once its server has answered `initialize`; an error the user sees when it is not running. */
async function ready(client: LanguageClient): Promise<LanguageClient> {
  if (client.state === State.Starting) await client.start();
  if (!client.isRunning()) throw new Error('The Firewall Rules language server is not running: run "Firewall: restart the language server".');
  return client;
}

const activeUri = (): string | undefined => window.activeTextEditor?.document.uri.toString();

/** "Firewall: validate with iptables-restore": the server runs `--test` and shows the verdict at its line. */
export async function validateWithIptables(client: LanguageClient, uri?: string): Promise<ValidationResult | undefined> {
  const target = uri ?? activeUri();
  if (!target || !workspace.isTrusted) return undefined;
  const result = (await (await ready(client)).sendRequest(ExecuteCommandRequest.type, { command: VALIDATE, arguments: [{ uri: target }] })) as ValidationResult | null;
  if (!result) return undefined;
  // Which program ran, as the server resolved it: never a fixed text that could hide another one.
  if (result.ok) void window.showInformationMessage(`${result.binary} --test accepts this file.`);
  else void window.showErrorMessage(result.ran ? `${result.binary} --test: ${result.message}` : result.message);
  return result;
}

let explainOutput: OutputChannel | undefined;

/** "Firewall: explain port…": asks for a port, and shows the server's walk through the chains. */
export async function explainPort(client: LanguageClient, uri?: string, port?: number): Promise<string | undefined> {
  const target = uri ?? activeUri();
  if (!target) return undefined;
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
  const text = (await (await ready(client)).sendRequest(ExecuteCommandRequest.type, { command: EXPLAIN, arguments: [{ uri: target, port: chosen }] })) as string | null;
  if (!text) return undefined;
  explainOutput ??= window.createOutputChannel('Firewall Rules: explain');
  explainOutput.clear();
  explainOutput.appendLine(text);
  explainOutput.show(true);
  return text;
}

/** "Firewall: restart the language server": also after the library gave up restarting a crashing one. */
export async function restartServer(client: LanguageClient, output: OutputChannel): Promise<void> {
  if (client.state === State.Starting) await client.start().catch(() => undefined);
  if (client.isRunning()) {
    // A server that does not answer `shutdown` in time is killed; the new one starts all the same.
    await client.stop().catch((e: unknown) => output.appendLine(`Firewall Rules: stopping the language server: ${String(e)}`));
  }
  await client.start();
}

export function disposeCommandOutputs(): void {
  explainOutput?.dispose();
  explainOutput = undefined;
}
