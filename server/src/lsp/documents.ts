// The document store: the open documents, kept in step with the client's incremental changes, each
// with everything the server keeps about it. Unlike the library's TextDocuments, it tells which lines
// each change replaced, which the quick check of an edit needs.
import type { Connection, Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintOptions, ParsedFile } from '../core';
import type { LintSettings } from '../config/settings';

/** Lines `from`..`from + removed - 1` of the text before the change became `lines` (whole lines, without `\n`). */
export interface LineChange {
  from: number;
  removed: string[];
  lines: string[];
}

/**
 * Everything the server keeps about one open document. It lives in one map entry that `didClose`
 * drops: work still in flight for a closed document writes into a detached object, which is then
 * garbage, so nothing it holds (a parse of a 16 MB file) outlives the document.
 */
export interface DocState {
  doc: TextDocument;
  timer?: ReturnType<typeof setTimeout>;
  settings?: Thenable<LintSettings>;
  /** The config file's settings that `settings` was made with, as JSON: to tell whether a changed file changes them. */
  fileConfig?: string;
  /** One parse per version, shared by diagnostics, code lens, hover and commands. */
  /** The last parse, with the family and release settings it was read under (what they choose depends only on them, the text and the name). */
  parse?: { version: number; setting: string; file: ParsedFile };
  /** The last iptables-restore --test verdict, shown until the text changes. */
  verdict?: { version: number; diagnostic: Diagnostic };
  /** The last whole-file analysis and the edits made since, for the quick check of an edit. */
  base?: { file: ParsedFile; options: LintOptions; edits: Array<{ from: number; removed: number; added: number }>; ms: number };
  /** The diagnostics the client shows now. */
  shown?: Diagnostic[];
}

export interface DocumentEvents {
  /** `changes` is undefined for a new document, or when the whole text was replaced. */
  changed(s: DocState, changes: LineChange[] | undefined): void;
  /** `s` is no longer in the store. */
  closed(s: DocState): void;
}

export class DocumentStore {
  private readonly states = new Map<string, DocState>();

  get(uri: string): DocState | undefined {
    return this.states.get(uri);
  }

  all(): DocState[] {
    return [...this.states.values()];
  }

  /** `s` is still the open document at its URI (not closed, nor opened again since). */
  isOpen(s: DocState): boolean {
    return this.states.get(s.doc.uri) === s;
  }

  /** `s` is still open and still at `version`. */
  isCurrent(s: DocState, version: number): boolean {
    return this.isOpen(s) && s.doc.version === version;
  }

  listen(connection: Connection, events: DocumentEvents): void {
    connection.onDidOpenTextDocument(({ textDocument: t }) => {
      const s: DocState = { doc: TextDocument.create(t.uri, t.languageId, t.version, t.text) };
      this.states.set(t.uri, s);
      events.changed(s, undefined);
    });
    connection.onDidChangeTextDocument(({ textDocument: { uri, version }, contentChanges }) => {
      const s = this.states.get(uri);
      if (!s || version === null || version === undefined) return;
      events.changed(s, applyChanges(s.doc, contentChanges, version));
    });
    connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
      const s = this.states.get(uri);
      if (!s) return;
      this.states.delete(uri);
      events.closed(s);
    });
  }
}

type RangeChange = Extract<TextDocumentContentChangeEvent, { range: unknown }>;

/** Applies the client's changes to `doc`: the lines each replaced, or undefined when the whole text was. */
function applyChanges(doc: TextDocument, contentChanges: TextDocumentContentChangeEvent[], version: number): LineChange[] | undefined {
  const changes: LineChange[] = [];
  let whole = false;
  for (const change of contentChanges) {
    const ranged = 'range' in change && change.range ? (change as RangeChange) : undefined;
    const before = ranged && !whole ? lineChange(doc, ranged) : undefined;
    TextDocument.update(doc, [change], version);
    if (!ranged) whole = true;
    else if (before) changes.push({ ...before, lines: wholeLines(doc, before.from, ranged) });
  }
  return whole ? undefined : changes;
}

/** The whole lines a range change replaces, read before it is applied. */
function lineChange(doc: TextDocument, change: RangeChange): LineChange {
  const { start, end } = change.range;
  const last = Math.min(end.line, doc.lineCount - 1);
  const removed: string[] = [];
  for (let l = start.line; l <= last; l++) removed.push(lineText(doc, l));
  return { from: start.line, removed, lines: [] };
}

/** The whole lines that stand where the change went, read after it is applied. */
function wholeLines(doc: TextDocument, from: number, change: RangeChange): string[] {
  let count = 1;
  for (let i = change.text.indexOf('\n'); i >= 0; i = change.text.indexOf('\n', i + 1)) count++;
  const lines: string[] = [];
  for (let l = from; l < from + count && l < doc.lineCount; l++) lines.push(lineText(doc, l));
  return lines;
}

function lineText(doc: TextDocument, line: number): string {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
