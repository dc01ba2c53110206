// What every handler shares: the connection, the open documents, what the client said at `initialize`,
// and how a document's settings and parse are had (each once, kept in its DocState).
import type { ClientCapabilities, CompletionItem, Connection, InitializeParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_OPTIONS, detectFamily, detectVersion, MAX_TEXT_LENGTH, parse, type LintOptions, type ParsedFile } from '../core';
import { lintOptions, readLintSettings, SETTINGS_SECTION, type LintSettings } from '../config/settings';
import type { DocState, DocumentStore } from './documents';
import { loadSnippets } from './features/completion';
import { readExecution, type ExecutionSettings } from './iptables-test';
import { fileNameOf, type WorkspaceConfig } from './workspace-config';

/** Runs `work` on an open document's current parse; null when the document is not open or too big. */
export type WithFile = <T>(uri: string, work: (doc: TextDocument, file: ParsedFile) => T) => Promise<T | null>;

export class ServerContext {
  /** The client's capabilities, from `initialize`. */
  client: ClientCapabilities = {};
  /** The client answers `workspace/configuration`. */
  pullConfiguration = false;
  /** The completion items for snippets (none when the client shows its own). */
  snippets: CompletionItem[] = [];
  /** What the client allows about running programs. */
  execution: ExecutionSettings = readExecution(undefined);
  /** Commands the client runs itself (`initializationOptions.clientCommands`), which code actions may name. */
  clientCommands: ReadonlySet<string> = new Set();

  constructor(
    readonly connection: Connection,
    readonly documents: DocumentStore,
    readonly workspace: WorkspaceConfig,
  ) {}

  initialize(params: InitializeParams): void {
    this.client = params.capabilities;
    this.pullConfiguration = params.capabilities.workspace?.configuration === true;
    this.workspace.setFolders(params.workspaceFolders, params.rootUri);
    // VS Code shows the snippets the extension contributes; other editors get them from here.
    const init = (params.initializationOptions ?? {}) as { snippets?: unknown; clientCommands?: unknown };
    this.snippets = init.snippets === false ? [] : loadSnippets();
    this.execution = readExecution(init);
    this.clientCommands = new Set(Array.isArray(init.clientCommands) ? init.clientCommands.filter((c): c is string => typeof c === 'string') : []);
  }

  /**
   * The document's lint settings. The config file in the workspace folder wins over the editor's
   * settings: it is what the repository's CI runs with too. Neither picks a program to run.
   */
  settingsOf(s: DocState): Thenable<LintSettings> {
    if (!s.settings) {
      const uri = s.doc.uri;
      const fromFile = this.workspace.settingsFor(uri);
      const fromEditor: Thenable<unknown> = this.pullConfiguration
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then((v) => v, () => ({}))
        : Promise.resolve({});
      s.fileConfig = JSON.stringify(fromFile);
      s.settings = fromEditor.then((editor) => readLintSettings({ ...(editor && typeof editor === 'object' ? editor : {}), ...fromFile }));
    }
    return s.settings;
  }

  /** Whether the document's config file now says something else than its settings were made with. */
  configChanged(s: DocState): boolean {
    return s.settings !== undefined && JSON.stringify(this.workspace.settingsFor(s.doc.uri)) !== s.fileConfig;
  }

  parsedOf(s: DocState, settings: LintSettings): ParsedFile {
    const hit = s.parse;
    // Every request asks: the family and the iptables release (which may read the text) are worked out once per version.
    const setting = `${settings.family} ${settings.iptablesVersion}`;
    if (hit && hit.version === s.doc.version && hit.setting === setting) return hit.file;
    const text = s.doc.getText();
    const family = detectFamily(text, fileNameOf(s.doc.uri), settings.family);
    // An edit re-reads only the lines it touched: the rest comes from the last version's parse
    // (parse starts afresh when the family or the release differs).
    const file = parse(text, family, hit?.file, detectVersion(text, settings.iptablesVersion));
    s.parse = { version: s.doc.version, setting, file };
    return file;
  }

  optionsOf(s: DocState, settings: LintSettings): LintOptions {
    return { ...DEFAULT_OPTIONS, ...lintOptions(settings, fileNameOf(s.doc.uri)) };
  }

  /** An open document not over the size limit. */
  usable(s: DocState | undefined): s is DocState {
    return !!s && s.doc.getText().length <= MAX_TEXT_LENGTH;
  }

  readonly withFile: WithFile = async (uri, work) => {
    const s = this.documents.get(uri);
    if (!this.usable(s)) return null;
    return work(s.doc, this.parsedOf(s, await this.settingsOf(s)));
  };
}
