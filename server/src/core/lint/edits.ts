import type { TextEdit } from './diagnostic';
import type { Line, ParsedFile, Position, Range } from '../syntax/model';

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

// A file on disk is bytes; the linter reads text. The codec below is lossless: UTF-8 is read as
// UTF-8, and each byte that is not part of valid UTF-8 (a Latin-1 `é` in a comment) becomes a lone
// surrogate U+DC80..U+DCFF of its own, as Python's "surrogateescape" does. Two rules that differ only
// in such bytes stay different (U+FFFD would make them duplicates), and writing the text back gives
// every byte that no fix touched as it was.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
const ESCAPED = /[\udc80-\udcff]/;

/** The bytes of a UTF-8 sequence starting at `i`, or 0 when none starts there (RFC 3629: no overlong forms, surrogates or values past U+10FFFF). */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  const cont = (k: number): boolean => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return i + 1 < b.length && b[i + 1] >= lo && b[i + 1] <= hi && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return i + 1 < b.length && b[i + 1] >= lo && b[i + 1] <= hi && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** The text of a file's bytes as the linter reads it: UTF-8, each other byte as its own U+DC80..U+DCFF, a BOM kept. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    // Not all UTF-8: the valid runs as UTF-8, each other byte escaped.
  }
  const parts: string[] = [];
  let run = 0;
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (i > run) parts.push(strictUtf8.decode(bytes.subarray(run, i)));
    parts.push(String.fromCharCode(0xdc00 + bytes[i]));
    run = ++i;
  }
  if (bytes.length > run) parts.push(strictUtf8.decode(bytes.subarray(run)));
  return parts.join('');
}

/** The bytes of a text from decodeText: UTF-8, and each escaped byte as that byte. */
export function encodeText(text: string): Uint8Array {
  if (!ESCAPED.test(text)) return encoder.encode(text);
  const out: number[] = [];
  let run = 0;
  const flush = (to: number): void => {
    if (to > run) for (const b of encoder.encode(text.slice(run, to))) out.push(b);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A low surrogate after a high one is half of a real character, not an escaped byte.
    const paired = i > 0 && /[\ud800-\udbff]/.test(text[i - 1]);
    if (c >= 0xdc80 && c <= 0xdcff && !paired) {
      flush(i);
      out.push(c - 0xdc00);
      run = i + 1;
    }
  }
  flush(text.length);
  return Uint8Array.from(out);
}

/**
 * Applies edits made on `decodeText(bytes)` to the bytes: every byte outside the edited ranges stays
 * as it was, UTF-8 or not.
 */
export function applyEditsToBytes(bytes: Uint8Array, edits: readonly TextEdit[]): Uint8Array {
  return encodeText(applyEdits(decodeText(bytes), edits));
}
