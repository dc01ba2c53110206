// The language server: the document store, the diagnostics scheduler and one module per feature,
// wired to one connection.
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { SERVER_CAPABILITIES, SERVER_INFO } from './capabilities';
import { ServerContext } from './context';
import { DiagnosticsScheduler } from './diagnostics';
import { DocumentStore } from './documents';
import { registerCodeActions } from './features/code-actions';
import { registerCodeLens } from './features/code-lens';
import { registerCommands } from './features/commands';
import { registerCompletion } from './features/completion';
import { registerConfiguration } from './features/configuration';
import { registerFormatting } from './features/formatting';
import { registerHover } from './features/hover';
import { registerNavigation } from './features/navigation';
import { registerSymbols } from './features/symbols';
import { SlowWorkProgress } from './progress';
import { WorkspaceConfig } from './workspace-config';

export { ANALYSED_NOTIFICATION } from './diagnostics';
export { EXPLAIN_COMMAND, VALIDATE_COMMAND } from './features/commands';

export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): Connection {
  const documents = new DocumentStore();
  const ctx = new ServerContext(connection, documents, new WorkspaceConfig(connection));
  const scheduler = new DiagnosticsScheduler(ctx, new SlowWorkProgress(connection.window));
  connection.onInitialize((params) => {
    ctx.initialize(params);
    return { capabilities: SERVER_CAPABILITIES, serverInfo: SERVER_INFO };
  });
  registerConfiguration(ctx, scheduler);
  registerCommands(ctx, scheduler);
  registerCodeActions(ctx);
  registerCodeLens(ctx);
  registerHover(ctx);
  registerCompletion(ctx);
  registerSymbols(ctx);
  registerNavigation(ctx);
  registerFormatting(ctx);
  documents.listen(connection, scheduler);
  connection.listen();
  return connection;
}
