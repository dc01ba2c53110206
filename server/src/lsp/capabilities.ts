// What the server tells the client at `initialize`: everything a client registers its features from
// (vscode-languageclient does so from this alone). Watching the config files is registered later, when
// the client allows it (features/configuration.ts).
import { TextDocumentSyncKind, type InitializeResult, type ServerCapabilities } from 'vscode-languageserver/node';
import { CODE_ACTION_KINDS } from './features/code-actions';
import { COMMANDS } from './features/commands';
import { TRIGGER_CHARACTERS } from './features/completion';

export const SERVER_CAPABILITIES: ServerCapabilities = {
  textDocumentSync: TextDocumentSyncKind.Incremental,
  codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
  codeLensProvider: { resolveProvider: false },
  hoverProvider: true,
  executeCommandProvider: { commands: COMMANDS },
  completionProvider: { triggerCharacters: TRIGGER_CHARACTERS },
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  documentHighlightProvider: true,
  renameProvider: { prepareProvider: true },
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};

export const SERVER_INFO: NonNullable<InitializeResult['serverInfo']> = { name: 'firewall-rules', version: '0.1.0' };
