// Open documents, kept in step with the client's incremental changes. Unlike the library's
// TextDocuments, it tells which lines each change replaced, which the quick check of an edit needs.
import type { Connection, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** Lines `from`..`from + removed - 1` of the text before the change became `lines` (whole lines, without `\n`). */
export interface LineChange {
  from: number;
  removed: string[];
  lines: string[];
}

export interface DocumentEvents {
  /** `changes` is undefined for a new document, or when the whole text was replaced. */
  changed(doc: TextDocument, changes: LineChange[] | undefined): void;
  closed(uri: string): void;
}

export class DocumentStore {
  private readonly docs = new Map<string, TextDocument>();

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }

  listen(connection: Connection, events: DocumentEvents): void {
    connection.onDidOpenTextDocument(({ textDocument: t }) => {
      const doc = TextDocument.create(t.uri, t.languageId, t.version, t.text);
      this.docs.set(t.uri, doc);
      events.changed(doc, undefined);
    });
    connection.onDidChangeTextDocument(({ textDocument: { uri, version }, contentChanges }) => {
      const doc = this.docs.get(uri);
      if (!doc || version === null || version === undefined) return;
      const changes: LineChange[] = [];
      let whole = false;
      for (const change of contentChanges) {
        const ranged = 'range' in change && change.range ? (change as RangeChange) : undefined;
        const before = ranged && !whole ? lineChange(doc, ranged) : undefined;
        TextDocument.update(doc, [change], version);
        if (!ranged) whole = true;
        else if (before) changes.push({ ...before, lines: wholeLines(doc, before.from, ranged) });
      }
      events.changed(doc, whole ? undefined : changes);
    });
    connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
      if (this.docs.delete(uri)) events.closed(uri);
    });
  }
}

type RangeChange = Extract<TextDocumentContentChangeEvent, { range: unknown }>;

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
