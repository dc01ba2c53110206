// The extension's commands. Each waits for the server itself: activation never does.
import { ConfigurationTarget, Uri, window, workspace, type OutputChannel } from 'vscode';
import { ExecuteCommandRequest, State, type LanguageClient } from 'vscode-languageclient/node';

/** Server commands (executeCommandProvider), run by the client's own commands below. */
const EXPLAIN = 'firewallRules.explain';
const VALIDATE = 'firewallRules.validate';
/** The client's own command that sets `firewallRules.sshPorts`, which the server's quick fixes may name. */
export const SET_SSH_PORTS = 'firewallRules.setSshPorts';
/** The commands the server's code actions may name, told it in `initializationOptions.clientCommands`. */
export const CLIENT_COMMANDS = [SET_SSH_PORTS];

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

const portList = (ports: readonly unknown[]): ports is number[] => ports.length > 0 && ports.every((p) => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 65535);

/** `22, 2222` as ports, or undefined when it is not a list of ports from 1 to 65535. */
function portsOf(text: string): number[] | undefined {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  const ports = parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : [];
  return portList(ports) ? ports : undefined;
}

/**
 * "Firewall: set the SSH ports…" (and ssh-lockout's quick fix, which names the ports): writes
 * `firewallRules.sshPorts` where it applies to the file, its workspace folder's settings, else the
 * user's settings.
 */
export async function setSshPorts(uri?: string, ports?: number[]): Promise<number[] | undefined> {
  const target = uri ?? activeUri();
  const resource = target ? Uri.parse(target) : undefined;
  const config = workspace.getConfiguration('firewallRules', resource);
  let chosen = Array.isArray(ports) && portList(ports) ? ports : undefined;
  if (ports === undefined) {
    const answer = await window.showInputBox({
      title: 'Firewall: set the SSH ports',
      prompt: 'TCP ports sshd listens on, separated by commas',
      value: (config.get<number[]>('sshPorts') ?? [22]).join(', '),
      validateInput: (v) => (portsOf(v) ? undefined : 'Port numbers from 1 to 65535, separated by commas'),
    });
    chosen = answer === undefined ? undefined : portsOf(answer);
  }
  if (!chosen) return undefined;
  const folder = resource && workspace.getWorkspaceFolder(resource);
  await config.update('sshPorts', chosen, folder ? ConfigurationTarget.WorkspaceFolder : ConfigurationTarget.Global);
  return chosen;
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
