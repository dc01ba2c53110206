// Completion: the core's items at the cursor, and on an empty line the extension's snippets.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver/node';
import { completeAt, type CompletionKind } from '../../core';
import type { ServerContext } from '../context';

/** What the client asks completion on besides word characters: `-A`, `*filter`, `:INPUT`. */
export const TRIGGER_CHARACTERS = ['-', '*', ':'];

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

export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion(async (params) =>
    ctx.withFile(params.textDocument.uri, (_doc, file) => [
      ...completeAt(file, params.position.line, params.position.character).map(
        (c): CompletionItem => ({
          label: c.label,
          kind: COMPLETION_KINDS[c.kind],
          detail: c.detail,
          documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
          insertText: c.insertText,
        }),
      ),
      ...(file.lines[params.position.line]?.text.trim() === '' || params.position.character === 0 ? ctx.snippets : []),
    ]),
  );
}
