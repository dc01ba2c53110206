// Suppression comments. They must be whole lines: iptables-restore refuses `#` after a rule.
//   # firewall-rules disable-next-line <code>[, <code>]   the line right below
//   # firewall-rules disable <code>[, <code>]             the whole file
import type { Diagnostic, Fix } from './diagnostic';
import type { ParsedFile } from '../syntax/model';

const DIRECTIVE = /^#\s*firewall-rules\s+(disable-next-line|disable)\s+(.+?)\s*$/;

export interface Suppressions {
  file: Set<string>;
  /** 0-based line → codes disabled on it. */
  lines: Map<number, Set<string>>;
}

const codesOf = (list: string): string[] => list.split(/[\s,]+/).filter(Boolean);

/** A `# firewall-rules disable <code>` line: it holds for the whole file, wherever it stands. */
export function isFileWideSuppression(text: string): boolean {
  return DIRECTIVE.exec(text)?.[1] === 'disable';
}

export function suppressionsOf(file: ParsedFile): Suppressions {
  const out: Suppressions = { file: new Set(), lines: new Map() };
  for (const line of file.comments) {
    const m = DIRECTIVE.exec(line.text);
    if (!m) continue;
    if (m[1] === 'disable') for (const c of codesOf(m[2])) out.file.add(c);
    else out.lines.set(line.index + 1, new Set(codesOf(m[2])));
  }
  return out;
}

export function isSuppressed(s: Suppressions, d: Diagnostic): boolean {
  return s.file.has(d.code) || (s.lines.get(d.range.start.line)?.has(d.code) ?? false);
}

/** "Disable <code> for this line": a comment above the line, or the code added to the one there. */
export function disableFix(file: ParsedFile, lineIndex: number, code: string): Fix {
  const above = lineIndex > 0 ? file.lines[lineIndex - 1] : undefined;
  const m = above?.kind === 'comment' ? DIRECTIVE.exec(above.text) : null;
  if (above && m && m[1] === 'disable-next-line') {
    const end = { line: above.index, character: above.text.length };
    return { title: `Disable ${code} for this line`, isPreferred: false, edits: [{ range: { start: end, end }, newText: `, ${code}` }] };
  }
  const at = { line: lineIndex, character: 0 };
  return { title: `Disable ${code} for this line`, isPreferred: false, edits: [{ range: { start: at, end: at }, newText: `# firewall-rules disable-next-line ${code}\n` }] };
}
