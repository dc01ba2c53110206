// The language client: vscode-languageclient starts the server, keeps the iptables documents in step
// with it and registers the providers the server's capabilities name. What is ours is small: the
// options below, and the `firewallRules/analysed` notification.
import * as path from 'node:path';
import { EventEmitter, workspace, type Event, type ExtensionContext, type OutputChannel } from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS } from './commands';
import { executionSettings } from './execution';

/** The client's id: the library reads `firewallRules.trace.server` from it. */
export const CLIENT_ID = 'firewallRules';
export const LANGUAGE = 'iptables';
/** Files on disk and new files only: a `git:` or diff copy of a file is not linted. */
export const DOCUMENT_SELECTOR: DocumentSelector = [
  { language: LANGUAGE, scheme: 'file' },
  { language: LANGUAGE, scheme: 'untitled' },
];
/** The config file whose edits re-lint the open documents (`workspace/didChangeWatchedFiles`). */
export const CONFIG_GLOB = '**/.firewall-rules.json';
/** Sent after each whole-file analysis, once its diagnostics are published. */
export const ANALYSED_NOTIFICATION = 'firewallRules/analysed';

export interface Analysed {
  uri: string;
  version: number;
  ms: number;
}

export interface FirewallRulesClient {
  client: LanguageClient;
  onAnalysed: Event<Analysed>;
}

export function createClient(context: ExtensionContext, output: OutputChannel): FirewallRulesClient {
  // Plain Node inside the editor's binary (the library sets ELECTRON_RUN_AS_NODE), LSP over stdio.
  const server = { module: context.asAbsolutePath(path.join('server', 'out', 'server.js')), transport: TransportKind.stdio, options: { execArgv: [] } };
  const serverOptions: ServerOptions = { run: server, debug: server };
  const watcher = workspace.createFileSystemWatcher(CONFIG_GLOB);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    diagnosticCollectionName: CLIENT_ID,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: { fileEvents: watcher },
    // Asked for at each start, so a restart sends what holds then. VS Code already offers the
    // snippets the extension contributes; the quick fixes may name the extension's own commands.
    initializationOptions: () => ({ snippets: false, clientCommands: CLIENT_COMMANDS, ...executionSettings() }),
  };
  const client = new LanguageClient(CLIENT_ID, 'Firewall Rules', serverOptions, clientOptions);
  const analysed = new EventEmitter<Analysed>();
  client.onNotification(ANALYSED_NOTIFICATION, (params: Analysed) => analysed.fire(params));
  context.subscriptions.push(watcher, analysed);
  return { client, onAnalysed: analysed.event };
}
