// The fixes `source.fixAll` and `firewall-lint --fix` apply: only those that never change what
// the firewall does.
import type { Diagnostic, TextEdit } from './diagnostic';
import type { Check } from './check';

/**
 * `source.fixAll`: the preferred fix of every problem whose check marks it safe (it repairs or
 * tidies, never changes what the rules do), skipping any edit that overlaps one already taken.
 */
export function safeFixEdits(diagnostics: readonly Diagnostic[], checks: readonly Check[]): TextEdit[] {
  const safe = new Set(checks.filter((c) => c.meta.safeFix).map((c) => c.meta.code));
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
