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

// A file on disk is bytes; the linter reads text. The two below keep them apart, so that a fix
// changes only the bytes it edits: a Latin-1 comment elsewhere in the file stays Latin-1.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** The text of a file's bytes as the linter reads it: UTF-8, each broken sequence as U+FFFD, a BOM kept. */
export function decodeText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * Applies edits made on `decodeText(bytes)` to the bytes themselves, as `applyEdits` does to the
 * text, so every byte outside the edited ranges stays as it was. A position inside a line that is not
 * valid UTF-8 (other than its start or end) has no exact byte offset: the answer is then that line
 * (0-based), and nothing is edited.
 */
export function applyEditsToBytes(bytes: Uint8Array, edits: readonly TextEdit[]): Uint8Array | { badLine: number } {
  const starts = [0];
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) starts.push(i + 1);
  let badLine = -1;
  const offset = (p: Position): number => {
    if (p.line >= starts.length) return bytes.length;
    const start = starts[p.line];
    const next = p.line + 1 < starts.length ? starts[p.line + 1] : bytes.length;
    if (p.character <= 0) return start;
    const lineBytes = bytes.subarray(start, next);
    const text = utf8.decode(lineBytes);
    if (p.character >= text.length) return next;
    const splitsPair = /[\ud800-\udbff]/.test(text[p.character - 1]);
    if (splitsPair || !sameBytes(encoder.encode(text), lineBytes)) {
      badLine = p.line;
      return start;
    }
    return start + encoder.encode(text.slice(0, p.character)).length;
  };
  // The order applyEdits applies them in, reversed: the pieces are then written front to back.
  const sorted = edits
    .map((e) => ({ from: offset(e.range.start), to: offset(e.range.end), text: e.newText }))
    .sort((a, b) => b.from - a.from || b.to - a.to)
    .reverse();
  if (badLine >= 0) return { badLine };
  const pieces: Uint8Array[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.from > at) pieces.push(bytes.subarray(at, e.from));
    pieces.push(encoder.encode(e.text));
    at = Math.max(at, e.to);
  }
  pieces.push(bytes.subarray(at));
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let to = 0;
  for (const p of pieces) {
    out.set(p, to);
    to += p.length;
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
