import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node';
import type { Diagnostic, Fix, SettingFix, Severity } from '../core';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'firewall-rules';

/** `docs/rules/` beside the bundle (server/out/ → ../../docs/rules), shipped in the .vsix. */
export function docsDirectory(): string {
  return path.resolve(__dirname, '..', '..', 'docs', 'rules');
}

export function docUri(code: string): string {
  return pathToFileURL(path.join(docsDirectory(), `${code}.md`)).href;
}

/** What travels in `diagnostic.data`: the fixes, so code actions need no server-side state. */
export interface DiagnosticData {
  fixes: Fix[];
  /** Settings to change instead of the file (features/code-actions.ts offers them to a client that can). */
  settingFixes?: SettingFix[];
}

export function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const data: DiagnosticData = d.settingFixes?.length ? { fixes: d.fixes, settingFixes: d.settingFixes } : { fixes: d.fixes };
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: docUri(d.code) },
    source: SOURCE,
    message: d.message,
    relatedInformation: d.related.map((r) => ({ location: { uri, range: r.range }, message: r.message })),
    data,
  };
}

export function codeActionsFor(diagnostics: LspDiagnostic[], uri: string): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const data = diagnostic.data as Partial<DiagnosticData> | undefined;
    for (const fix of Array.isArray(data?.fixes) ? data.fixes : []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.isPreferred,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
  }
  return actions;
}

