// Code actions: the quick fixes each diagnostic carries in its data, and "fix all safe problems"
// (source.fixAll, which editors run on save).
import { CodeActionKind } from 'vscode-languageserver/node';
import { ALL_CHECKS, lintParsed, safeFixEdits } from '../../core';
import type { ServerContext } from '../context';
import { codeActionsFor } from '../convert';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll];

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(async (params) => {
    const s = ctx.documents.get(params.textDocument.uri);
    if (!s) return [];
    const wantsFixAll = params.context.only?.some((k) => k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
    if (!wantsFixAll) return codeActionsFor(params.context.diagnostics, s.doc.uri);
    if (!ctx.usable(s)) return [];
    const settings = await ctx.settingsOf(s);
    const edits = safeFixEdits(lintParsed(s.doc.getText(), ctx.parsedOf(s, settings), ctx.optionsOf(s, settings), ALL_CHECKS), ALL_CHECKS);
    return edits.length ? [{ title: 'Fix all safe problems (Firewall Rules)', kind: CodeActionKind.SourceFixAll, edit: { changes: { [s.doc.uri]: edits } } }] : [];
  });
}
