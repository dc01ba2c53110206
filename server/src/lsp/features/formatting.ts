// Formatting of the whole document or of a range of lines.
import { formatLines } from '../../core';
import type { ServerContext } from '../context';

export function registerFormatting(ctx: ServerContext): void {
  ctx.connection.onDocumentFormatting(async (params) => ctx.withFile(params.textDocument.uri, (_doc, file) => formatLines(file)));
  ctx.connection.onDocumentRangeFormatting(async (params) =>
    ctx.withFile(params.textDocument.uri, (_doc, file) => formatLines(file, params.range.start.line, params.range.end.character === 0 && params.range.end.line > params.range.start.line ? params.range.end.line - 1 : params.range.end.line)),
  );
}
