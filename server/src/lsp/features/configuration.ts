// Where settings come from, and when they change: the editor's settings (workspace/configuration,
// didChangeConfiguration), the workspace folders (a config file counts only inside one), and the
// config files themselves (workspace/didChangeWatchedFiles).
import * as path from 'node:path';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, type FileEvent, type FileSystemWatcher } from 'vscode-languageserver/node';
import { CONFIG_FILE, isWithin } from '../../config/config-file';
import { SETTINGS_SECTION } from '../../config/settings';
import type { ServerContext } from '../context';
import type { DiagnosticsScheduler } from '../diagnostics';
import type { DocState } from '../documents';
import { filePath } from '../workspace-config';

/** The files a document's config is read from (config-file.ts's findConfig). */
const CONFIG_NAMES = [CONFIG_FILE, 'package.json'];
/** What the server asks the client to watch, when the client lets it register watchers. */
export const CONFIG_WATCHERS: FileSystemWatcher[] = CONFIG_NAMES.map((name) => ({ globPattern: `**/${name}` }));

export function registerConfiguration(ctx: ServerContext, scheduler: DiagnosticsScheduler): void {
  const { connection } = ctx;
  connection.onInitialized(() => {
    if (ctx.pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    // VS Code's client may also send these for its own watcher (synchronize.fileEvents): a change
    // that leaves a document's config as it was is not linted again, so the second report costs nothing.
    if (ctx.client.workspace?.didChangeWatchedFiles?.dynamicRegistration === true) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: CONFIG_WATCHERS });
    }
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        ctx.workspace.change(e.added, e.removed);
        scheduler.reconfigure(ctx.documents.all());
      });
    } catch {
      /* the client sends no folder changes */
    }
  });
  connection.onDidChangeConfiguration(() => scheduler.reconfigure(ctx.documents.all()));
  connection.onDidChangeWatchedFiles(({ changes }) => scheduler.reconfigure(configChangedFor(ctx, changes)));
}

/**
 * The open documents whose config these file events change: those below the folder of a changed
 * config file, whose config, read again (within their workspace folder, with its trust checks), now
 * says something else.
 */
function configChangedFor(ctx: ServerContext, changes: FileEvent[]): DocState[] {
  const folders = new Set<string>();
  for (const c of changes) {
    const p = filePath(c.uri);
    if (p && CONFIG_NAMES.includes(path.basename(p))) folders.add(path.dirname(p));
  }
  if (!folders.size) return [];
  return ctx.documents.all().filter((s) => {
    const file = filePath(s.doc.uri);
    return !!file && [...folders].some((f) => isWithin(f, file)) && ctx.configChanged(s);
  });
}
