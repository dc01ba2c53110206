// The requests that only read the current parse: outline, folding, completion, navigation, rename
// and formatting. Each turns the core's answer into LSP's shape.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CompletionItemKind, DocumentHighlightKind, ErrorCodes, InsertTextFormat, ResponseError, SymbolKind, type CompletionItem, type Connection, type DocumentSymbol } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { badChainName, chainAt, chainInfo, chainRefs, chainsOf, completeAt, formatLines, refRange, type ChainRef, type CompletionKind, type ParsedFile } from '../core';
import { isBuiltinChain } from '../core/kb/tables';

/** Runs `work` on an open document's current parse; null when the document is not open or too big. */
export type WithFile = <T>(uri: string, work: (doc: TextDocument, file: ParsedFile) => T) => Promise<T | null>;

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  module: CompletionItemKind.Module,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  reference: CompletionItemKind.Reference,
  function: CompletionItemKind.Function,
  enum: CompletionItemKind.EnumMember,
};

/** The extension's snippets (snippets/iptables.json next to the bundle), as completion items. */
export function loadSnippets(): CompletionItem[] {
  try {
    const file = path.join(__dirname, '..', '..', 'snippets', 'iptables.json');
    const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { prefix: string | string[]; body: string[]; description?: string }>;
    return Object.entries(all).map(([name, s]) => ({
      label: Array.isArray(s.prefix) ? s.prefix[0] : s.prefix,
      kind: CompletionItemKind.Snippet,
      detail: name,
      documentation: s.description,
      insertText: s.body.join('\n'),
      insertTextFormat: InsertTextFormat.Snippet,
    }));
  } catch {
    return [];
  }
}

/** The outline: tables, then their chains with policy and rule count. */
function documentSymbols(file: ParsedFile): DocumentSymbol[] {
  return file.blocks.map((b) => {
    const end = b.commit ?? b.lines[b.lines.length - 1] ?? b.header;
    const blockRange = { start: { line: b.header.index, character: 0 }, end: { line: end.index, character: end.text.length } };
    const children = chainsOf(b).map((name): DocumentSymbol => {
      const info = chainInfo(b, name);
      const at = info.declaredAt ?? b.header.index;
      const text = file.lines[at]?.text ?? '';
      const r = { start: { line: at, character: 0 }, end: { line: at, character: text.length } };
      const detail = [info.builtin ? `policy ${info.policy ?? 'ACCEPT'}` : 'user chain', `${info.rules} rule${info.rules === 1 ? '' : 's'}`].join(' · ');
      return { name, detail, kind: SymbolKind.Function, range: r, selectionRange: r };
    });
    const hr = { start: { line: b.header.index, character: 0 }, end: { line: b.header.index, character: b.header.text.length } };
    return { name: `*${b.name}`, kind: SymbolKind.Namespace, range: blockRange, selectionRange: hr, children };
  });
}

const refsAt = (file: ParsedFile, line: number, character: number): ChainRef[] => {
  const at = chainAt(file, line, character);
  return at ? chainRefs(at.block, at.name) : [];
};

export function registerFeatures(connection: Connection, withFile: WithFile, snippets: () => CompletionItem[]): void {
  connection.onCompletion(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) => [
      ...completeAt(file, params.position.line, params.position.character).map(
        (c): CompletionItem => ({
          label: c.label,
          kind: COMPLETION_KINDS[c.kind],
          detail: c.detail,
          documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
          insertText: c.insertText,
        }),
      ),
      ...(file.lines[params.position.line]?.text.trim() === '' || params.position.character === 0 ? snippets() : []),
    ]),
  );
  connection.onDocumentSymbol(async (params) => withFile(params.textDocument.uri, (_doc, file) => documentSymbols(file)));
  connection.onFoldingRanges(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) =>
      file.blocks.map((b) => ({ startLine: b.header.index, endLine: (b.commit ?? b.lines[b.lines.length - 1] ?? b.header).index, kind: 'region' })).filter((r) => r.endLine > r.startLine),
    ),
  );
  connection.onDefinition(async (params) =>
    withFile(params.textDocument.uri, (doc, file) =>
      refsAt(file, params.position.line, params.position.character)
        .filter((r) => r.kind === 'declaration')
        .map((r) => ({ uri: doc.uri, range: refRange(r) })),
    ),
  );
  connection.onReferences(async (params) =>
    withFile(params.textDocument.uri, (doc, file) =>
      refsAt(file, params.position.line, params.position.character)
        .filter((r) => params.context.includeDeclaration || r.kind !== 'declaration')
        .map((r) => ({ uri: doc.uri, range: refRange(r) })),
    ),
  );
  connection.onDocumentHighlight(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) =>
      refsAt(file, params.position.line, params.position.character).map((r) => ({ range: refRange(r), kind: r.kind === 'command' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read })),
    ),
  );
  registerRename(connection, withFile);
  connection.onDocumentFormatting(async (params) => withFile(params.textDocument.uri, (_doc, file) => formatLines(file)));
  connection.onDocumentRangeFormatting(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) => formatLines(file, params.range.start.line, params.range.end.character === 0 && params.range.end.line > params.range.start.line ? params.range.end.line - 1 : params.range.end.line)),
  );
}

function registerRename(connection: Connection, withFile: WithFile): void {
  connection.onPrepareRename(async (params) =>
    withFile(params.textDocument.uri, (_doc, file) => {
      const at = chainAt(file, params.position.line, params.position.character);
      if (!at || isBuiltinChain(at.block.name, at.name)) return null;
      const here = chainRefs(at.block, at.name).find((r) => r.line === params.position.line && params.position.character >= r.start && params.position.character <= r.end);
      return here ? { range: refRange(here), placeholder: at.name } : null;
    }),
  );
  connection.onRenameRequest(async (params) =>
    withFile(params.textDocument.uri, (doc, file) => {
      const at = chainAt(file, params.position.line, params.position.character);
      if (!at) return null;
      if (isBuiltinChain(at.block.name, at.name)) throw new ResponseError(ErrorCodes.InvalidRequest, `${at.name} is a built-in chain and cannot be renamed.`);
      const why = badChainName(params.newName, at.block, file.family);
      if (why) throw new ResponseError(ErrorCodes.InvalidRequest, why);
      return { changes: { [doc.uri]: chainRefs(at.block, at.name).map((r) => ({ range: refRange(r), newText: params.newName })) } };
    }),
  );
}
