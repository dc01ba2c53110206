// Hover: what the core says about the word under the cursor, as markdown.
import { hoverAt } from '../../core';
import type { ServerContext } from '../context';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(async (params) =>
    ctx.withFile(params.textDocument.uri, (_doc, file) => {
      const h = hoverAt(file, params.position.line, params.position.character);
      return h ? { range: h.range, contents: { kind: 'markdown' as const, value: h.markdown } } : null;
    }),
  );
}
