// The first answer to an edit, before the whole-file analysis: the diagnostics shown so far, moved
// with the lines, and the line-scoped checks run again on the edited lines.
import type { Diagnostic } from 'vscode-languageserver/node';
import { isStructuralLine, MAX_TEXT_LENGTH, quickLintIn, type Diagnostic as CoreDiagnostic } from '../core';
import { toLspDiagnostic } from './convert';
import type { DocState, LineChange } from './documents';

/**
 * The diagnostics shown so far, moved with the lines, less those of the edited lines, which the
 * line-scoped checks check again at once. Undefined when only the whole-file analysis can answer.
 * Records the edits in `base`.
 */
export function quickDiagnostics(s: DocState, base: NonNullable<DocState['base']>, changes: LineChange[]): Diagnostic[] | undefined {
  const doc = s.doc;
  const structural = changes.some((c) => c.removed.some(isStructuralLine) || c.lines.some(isStructuralLine));
  if (structural || doc.getText().length > MAX_TEXT_LENGTH) return undefined;
  const toBase = (line: number): number | undefined => {
    for (let k = base.edits.length - 1; k >= 0; k--) {
      const e = base.edits[k];
      if (line < e.from) continue;
      if (line < e.from + e.added) return undefined;
      line += e.removed - e.added;
    }
    return line;
  };
  let diagnostics = s.shown ?? [];
  let quick: CoreDiagnostic[] | undefined = [];
  for (const c of changes) {
    let at = c.from;
    let baseLine = toBase(at);
    while (baseLine === undefined && at > 0) baseLine = toBase(--at);
    const block = baseLine === undefined ? undefined : base.file.lines[baseLine]?.block;
    base.edits.push({ from: c.from, removed: c.removed.length, added: c.lines.length });
    diagnostics = moveDiagnostics(diagnostics, c);
    const above = c.from > 0 ? doc.getText({ start: { line: c.from - 1, character: 0 }, end: { line: c.from, character: 0 } }).replace(/\r?\n$/, '') : undefined;
    const commitAt = block?.commit ? fromBase(base.edits, block.commit.index) : undefined;
    const found = block && changes.length === 1 ? quickLintIn(base.file, block, above, c.from, c.lines.map((l) => l.replace(/\r$/, '')), base.options, commitAt) : undefined;
    if (!found) quick = undefined;
    else quick?.push(...found);
  }
  if (!quick) return undefined;
  return [...diagnostics, ...quick.map((d) => toLspDiagnostic(d, doc.uri))].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Where a line of the base text stands now, after the edits (none of which covers it: a COMMIT line is never in one). */
function fromBase(edits: readonly { from: number; removed: number; added: number }[], line: number): number {
  for (const e of edits) if (line >= e.from + e.removed) line += e.added - e.removed;
  return line;
}

/** The diagnostics outside a change, moved with the lines; their fixes come back with the whole-file analysis. */
function moveDiagnostics(diagnostics: Diagnostic[], c: LineChange): Diagnostic[] {
  const last = c.from + c.removed.length - 1;
  const delta = c.lines.length - c.removed.length;
  const moved = (r: Diagnostic['range']): Diagnostic['range'] | undefined =>
    r.end.line < c.from ? r : r.start.line > last ? { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } } : undefined;
  const next: Diagnostic[] = [];
  for (const d of diagnostics) {
    const range = moved(d.range);
    if (!range) continue;
    next.push({ ...d, range, data: { fixes: [] }, relatedInformation: d.relatedInformation?.flatMap((r) => { const m = moved(r.location.range); return m ? [{ ...r, location: { ...r.location, range: m } }] : []; }) });
  }
  return next;
}
