import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node';
import type { Diagnostic, Fix, LintRule, Severity, TextEdit } from '../core';

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
}

export function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const data: DiagnosticData = { fixes: d.fixes };
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

/**
 * `source.fixAll`: the preferred fix of every problem whose rule marks it safe (it repairs or
 * tidies, never changes what the rules do), skipping any edit that overlaps one already taken.
 */
export function safeFixEdits(diagnostics: Diagnostic[], rules: readonly LintRule[]): TextEdit[] {
  const safe = new Set(rules.filter((r) => r.meta.safeFix).map((r) => r.meta.code));
  const taken: TextEdit[] = [];
  const cmp = (a: TextEdit['range']['start'], b: TextEdit['range']['start']): number => a.line - b.line || a.character - b.character;
  // Overlapping ranges, or two edits at the same spot (whose order would be a guess), conflict.
  const overlaps = (x: TextEdit, y: TextEdit): boolean =>
    (cmp(x.range.end, y.range.start) > 0 && cmp(y.range.end, x.range.start) > 0) || cmp(x.range.start, y.range.start) === 0;
  for (const d of diagnostics) {
    if (!safe.has(d.code)) continue;
    const fix = d.fixes.find((f) => f.isPreferred);
    if (!fix || fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...fix.edits);
  }
  return taken;
}
