// The config file a document gets in the editor: the nearest `.firewall-rules.json` (or package.json
// `firewallRules`) from the document's folder up to the workspace folder that holds it, and none for
// a document outside every workspace folder. A folder the user opened is a place the user controls;
// /tmp, or the folders above the workspace, are not.
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import { MessageType, ShowMessageNotification, type Connection, type WorkspaceFolder } from 'vscode-languageserver/node';
import { findConfig, isWithin } from '../config/config-file';

export class WorkspaceConfig {
  private folders: string[] = [];
  private readonly warned = new Set<string>();

  constructor(private readonly connection: Connection) {}

  /** The folders from `initialize` (workspaceFolders, else rootUri). */
  setFolders(folders: WorkspaceFolder[] | null | undefined, rootUri?: string | null): void {
    const uris = folders?.length ? folders.map((f) => f.uri) : rootUri ? [rootUri] : [];
    this.folders = uris.flatMap((u) => {
      const p = filePath(u);
      return p ? [p] : [];
    });
  }

  change(added: WorkspaceFolder[], removed: WorkspaceFolder[]): void {
    const gone = new Set(removed.flatMap((f) => filePath(f.uri) ?? []));
    this.folders = [...this.folders.filter((f) => !gone.has(f)), ...added.flatMap((f) => filePath(f.uri) ?? [])];
  }

  /** The config's lint settings for the document at `uri` ({} when there is none); problems are shown once. */
  settingsFor(uri: string): Record<string, unknown> {
    const file = filePath(uri);
    const folder = file && this.folderOf(file);
    if (!file || !folder) return {};
    const found = findConfig(path.dirname(file), folder);
    for (const w of found.warnings) this.warn(w);
    if (found.error) {
      this.warn(`${found.error}; its settings are not used`);
      return {};
    }
    return found.settings ?? {};
  }

  /** The innermost workspace folder that holds `file`. */
  private folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) if (f !== file && isWithin(f, file) && (!best || f.length > best.length)) best = f;
    return best;
  }

  private warn(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.connection.console.warn(message);
    // A notification, not showWarningMessage's request: nothing waits on the user.
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Firewall Rules: ${message}` });
  }
}

/** The path of a `file:` URI, or undefined (another scheme, or a URI that does not decode). */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A URI as a file name for the checks (family from `rules.v6`...): decoded where it decodes. */
export function fileNameOf(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
