// The outline (tables, then their chains with policy and rule count) and folding (one region a table).
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import { chainInfo, chainsOf, type ParsedFile } from '../../core';
import type { ServerContext } from '../context';

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

export function registerSymbols(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol(async (params) => ctx.withFile(params.textDocument.uri, (_doc, file) => documentSymbols(file)));
  ctx.connection.onFoldingRanges(async (params) =>
    ctx.withFile(params.textDocument.uri, (_doc, file) =>
      file.blocks.map((b) => ({ startLine: b.header.index, endLine: (b.commit ?? b.lines[b.lines.length - 1] ?? b.header).index, kind: 'region' })).filter((r) => r.endLine > r.startLine),
    ),
  );
}
