import type { TextEdit } from './diagnostic';
import type { Line, ParsedFile, Position, Range } from './model';

/** Applies non-overlapping edits to a text; positions are LSP-style (line, UTF-16 character). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const offset = (p: Position): number => {
    if (p.line >= starts.length) return text.length;
    const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
    return Math.min(starts[p.line] + p.character, lineEnd);
  };
  const sorted = edits
    .map((e) => ({ from: offset(e.range.start), to: offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineRange(line: Line): Range {
  return { start: { line: line.index, character: 0 }, end: { line: line.index, character: line.text.length } };
}

export function spanRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function eol(file: ParsedFile): string {
  return file.lines.length > 0 && file.lines[0].cr ? '\r\n' : '\n';
}

/** Inserts whole lines before line `index`. */
export function insertLinesBefore(file: ParsedFile, index: number, lines: string[]): TextEdit {
  const at = { line: index, character: 0 };
  return { range: { start: at, end: at }, newText: lines.map((l) => l + eol(file)).join('') };
}

/** Inserts whole lines after line `index`, minding a last line that has no newline. */
export function insertLinesAfter(file: ParsedFile, index: number, lines: string[]): TextEdit {
  const nl = eol(file);
  if (index + 1 < file.lineCount) return insertLinesBefore(file, index + 1, lines);
  const last = file.lines[index];
  const at = { line: index, character: last ? last.text.length : 0 };
  const lead = file.endsWithNewline ? '' : nl;
  const range = file.endsWithNewline ? { start: { line: index + 1, character: 0 }, end: { line: index + 1, character: 0 } } : { start: at, end: at };
  return { range, newText: lead + lines.map((l) => l + nl).join('') };
}
