// Code actions: the quick fixes each diagnostic carries in its data, the settings it offers to change
// (as the client's own command), and "fix all safe problems" (source.fixAll, which editors run on save).
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { ALL_CHECKS, lintParsed, safeFixEdits, type SettingFix } from '../../core';
import type { ServerContext } from '../context';
import { codeActionsFor, SOURCE, type DiagnosticData } from '../convert';
import { SET_SSH_PORTS_COMMAND } from './commands';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll];

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(async (params) => {
    const s = ctx.documents.get(params.textDocument.uri);
    if (!s) return [];
    const wantsFixAll = params.context.only?.some((k) => k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
    if (!wantsFixAll) return [...settingActions(ctx, params.context.diagnostics, s.doc.uri), ...codeActionsFor(params.context.diagnostics, s.doc.uri)];
    if (!ctx.usable(s)) return [];
    const settings = await ctx.settingsOf(s);
    const edits = safeFixEdits(lintParsed(s.doc.getText(), ctx.parsedOf(s, settings), ctx.optionsOf(s, settings), ALL_CHECKS), ALL_CHECKS);
    return edits.length ? [{ title: 'Fix all safe problems (Firewall Rules)', kind: CodeActionKind.SourceFixAll, edit: { changes: { [s.doc.uri]: edits } } }] : [];
  });
}

/** A setting fix from a diagnostic's data (which the client sends back), or undefined when it is not one. */
function settingFixOf(raw: unknown): SettingFix | undefined {
  const f = (raw && typeof raw === 'object' ? raw : {}) as Partial<SettingFix>;
  const ports = Array.isArray(f.value) && f.value.length > 0 && f.value.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535);
  return f.setting === 'sshPorts' && ports && typeof f.title === 'string' ? { title: f.title, setting: 'sshPorts', value: f.value as number[], isPreferred: f.isPreferred === true } : undefined;
}

/**
 * The settings the diagnostics offer to change, as the command that changes them. Only a client that
 * runs that command itself (`initializationOptions.clientCommands`) is offered it, and only where the
 * editor's setting counts: a config file that sets the key wins over it.
 */
function settingActions(ctx: ServerContext, diagnostics: Diagnostic[], uri: string): CodeAction[] {
  if (!ctx.clientCommands.has(SET_SSH_PORTS_COMMAND)) return [];
  const actions: CodeAction[] = [];
  let configSets: boolean | undefined;
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const data = diagnostic.data as Partial<DiagnosticData> | undefined;
    for (const fix of Array.isArray(data?.settingFixes) ? data.settingFixes.map(settingFixOf) : []) {
      if (!fix) continue;
      configSets ??= fix.setting in ctx.workspace.settingsFor(uri);
      if (configSets) return [];
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.isPreferred,
        command: { title: fix.title, command: SET_SSH_PORTS_COMMAND, arguments: [uri, fix.value] },
      });
    }
  }
  return actions;
}
