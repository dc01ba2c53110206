import type { Token } from './model';

/**
 * Splits a rule line the way iptables-restore does: blanks and tabs separate arguments; a double
 * quote opens a quoted run in which `\` escapes the next character; the closing quote ends the
 * argument. Each token keeps its exact span in the line.
 */
export function tokenize(line: string, from = 0, words?: SharedWords): Token[] {
  return scratch.slice(0, tokenizeToScratch(line, from, words));
}

/**
 * The same split into `scratch` (valid until the next call), returning the count: the parse reads
 * the tokens once and keeps none of the list, so it costs no list per line. The count is kept apart
 * because setting an array's length is a runtime call.
 */
export function tokenizeToScratch(line: string, from: number, words: SharedWords | undefined): number {
  const count = scanLine(line, from);
  fillScratch(words, line, count);
  return count;
}

/** The tokens of the arguments the last `scanLine` found, into `scratch`. */
export function fillScratch(words: SharedWords | undefined, line: string, count: number): void {
  for (let k = 0; k < count; k++) scratch[k] = tokenAt(words, line, k);
}

/** The token of a plain argument (no quotes) at `start`..`end`. */
function plainToken(words: SharedWords | undefined, line: string, start: number, end: number): Token {
  const length = end - start;
  const first = line.charCodeAt(start);
  if (words && length <= MAX_SHARED && first < 128 && (!isDigit(first) || length <= MAX_SHARED_DIGITS) && start < MAX_SHARED_OFFSET) return sharedToken(words, line, start, end);
  const text = line.slice(start, end);
  return { text, value: text, start, end, quoted: false };
}

/** The token of a whole argument in quotes with no escape inside. */
function quotedToken(words: SharedWords | undefined, line: string, start: number, end: number): Token {
  // A short one (a log prefix) is shared like a word: prefixes repeat from line to line.
  if (words && end - start <= MAX_SHARED && start < MAX_SHARED_OFFSET) return sharedToken(words, line, start, end);
  return { text: line.slice(start, end), value: line.slice(start + 1, end - 1), start, end, quoted: true };
}

/**
 * Where `scanLine` found each argument: `bounds[2k]` and `bounds[2k + 1]` are the start and end of
 * the k-th, and `kinds[k]` how it is written (valid until the next call).
 */
export let bounds = new Int32Array(128);
let kinds = new Uint8Array(64);
const PLAIN = 0;
/** A whole argument in quotes, with no escape inside. */
const QUOTED = 1;
/** Anything else: quotes within, escapes, a quote left open. */
const MIXED = 2;

/**
 * The split of a line into arguments, without making the tokens: their bounds go to `bounds`, the
 * hashes to `scan`. `tokenAt` makes the token of an argument, so a line of a known shape
 * (rule-templates.ts) makes tokens for its values only.
 */
export function scanLine(line: string, from: number): number {
  let count = 0;
  const n = line.length;
  let i = from;
  // FNV-1a of the tokens' texts joined by single blanks (see `scan`), taken as the characters go by.
  let h = FNV_OFFSET;
  let shape = FNV_OFFSET;
  while (i < n) {
    let c = line.charCodeAt(i);
    if (c === SPACE || c === TAB) {
      i++;
      continue;
    }
    const start = i;
    if (count > 0) h = Math.imul(h ^ SPACE, FNV_PRIME);
    // Fast path: a plain argument has no quotes, so its value is its text.
    while (i < n && (c = line.charCodeAt(i)) !== SPACE && c !== TAB && c !== QUOTE) {
      h = Math.imul(h ^ c, FNV_PRIME);
      i++;
    }
    let kind = PLAIN;
    if (i < n && c === QUOTE) {
      const hashed = i;
      kind = MIXED;
      // Fast path: a whole argument in quotes with no escape (a comment, a log prefix).
      if (i === start) {
        let close = i + 1;
        while (close < n && (c = line.charCodeAt(close)) !== QUOTE && c !== BACKSLASH) close++;
        if (close < n && c === QUOTE) {
          i = close + 1;
          kind = QUOTED;
        }
      }
      if (kind === MIXED) {
        // A quote opens a run in which a backslash escapes the next character; the closing quote
        // ends the argument. An unterminated quote runs to the end of the line.
        let inQuote = false;
        for (; i < n; i++) {
          const ch = line.charCodeAt(i);
          if (inQuote) {
            if (ch === BACKSLASH && i + 1 < n) i++;
            else if (ch === QUOTE) {
              i++;
              break;
            }
          } else if (ch === QUOTE) inQuote = true;
          else if (ch === SPACE || ch === TAB) break;
        }
      }
      for (let k = hashed; k < i; k++) h = Math.imul(h ^ line.charCodeAt(k), FNV_PRIME);
    }
    if (count >= kinds.length) {
      const grownBounds = new Int32Array(bounds.length * 2);
      grownBounds.set(bounds);
      bounds = grownBounds;
      const grownKinds = new Uint8Array(kinds.length * 2);
      grownKinds.set(kinds);
      kinds = grownKinds;
    }
    bounds[2 * count] = start;
    bounds[2 * count + 1] = i;
    kinds[count] = kind;
    count++;
    shape = mixShape(shape, count, line, start, i);
  }
  scan.hash = h;
  scan.shape = Math.imul(shape ^ count, FNV_PRIME);
  return count;
}

/** The token of the k-th argument the last `scanLine` found. */
export function tokenAt(words: SharedWords | undefined, line: string, k: number): Token {
  const start = bounds[2 * k];
  const end = bounds[2 * k + 1];
  const kind = kinds[k];
  if (kind === PLAIN) return plainToken(words, line, start, end);
  if (kind === QUOTED) return quotedToken(words, line, start, end);
  // An unterminated quote still yields its text: the user is probably still typing it.
  return { text: line.slice(start, end), value: unquote(line, start, end), start, end, quoted: true };
}

/** The value of an argument with quotes or escapes, as iptables-restore reads it. */
function unquote(line: string, start: number, end: number): string {
  let value = '';
  let inQuote = false;
  for (let i = start; i < end; i++) {
    const ch = line[i];
    if (inQuote) {
      if (ch === '\\' && i + 1 < end) value += line[++i];
      else if (ch === '"') inQuote = false;
      else value += ch;
    } else if (ch === '"') inQuote = true;
    else value += ch;
  }
  return value;
}

/**
 * Whether the argument at `position` that starts with `first` is a value the shape leaves out (see
 * rule-templates.ts): the chain after the command, or one that starts with a digit or a quote
 * (addresses, ports, numbers, comments, prefixes). Flags and words (`tcp`, `NEW`, `ACCEPT`) are part
 * of the shape.
 */
export function isValueStart(first: number, position: number): boolean {
  return position === 1 || isDigit(first) || first === QUOTE;
}

/**
 * The shape of the tokens so far with the `count`th added: a value (`isValueStart`) counts as a
 * mark, any other by its place, length and a few characters. Lines of one shape are compared in
 * full before one is read as another's template.
 */
function mixShape(h: number, count: number, line: string, start: number, end: number): number {
  const first = line.charCodeAt(start);
  if (isValueStart(first, count - 1)) return Math.imul(h ^ 0x2f, FNV_PRIME);
  h = Math.imul(h ^ ((start << 8) | ((end - start) & 255)), FNV_PRIME);
  return Math.imul(h ^ (first | (line.charCodeAt(end - 1) << 8) | (line.charCodeAt(start + ((end - start) >> 1)) << 16)), FNV_PRIME);
}

/**
 * What the last split saw besides its tokens: `hash`, the hash `hashText` gives the tokens' texts
 * joined by blanks; `shape`, what lines of one template share (see rule-templates.ts).
 */
export const scan = { hash: 0, shape: 0 };

/** FNV-1a of a string: what `scan.hash` is of a rule's tokens joined by single blanks. */
export function hashText(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
export const scratch: Token[] = [];

/**
 * A repeated word at a repeated place is one token: tokens are never changed, and lines made from
 * one template (`-A INPUT -s ... -j DROP`) hold the same words at the same offsets, so a big file
 * keeps a token object only for what varies (addresses, ports, comments).
 */
function sharedToken(words: SharedWords, line: string, start: number, end: number): Token {
  const length = end - start;
  const first = line.charCodeAt(start);
  // Compared in place: a repeated word costs neither a new string nor a hash. The first three
  // characters, the last and the length tell most flags apart (`-A`, `-p`, `--dport`, `--sport`).
  const key = ((first * 31 + line.charCodeAt(start + (length > 1 ? 1 : 0))) * 31 + line.charCodeAt(start + (length > 2 ? 2 : 0)) + line.charCodeAt(end - 1) * 7 + length * 131) & (SHARED_SLOTS - 1);
  let bucket = words.slots[key];
  let word: SharedWord | undefined;
  if (bucket) {
    for (let k = 0; k < bucket.length; k++) {
      const w = bucket[k];
      if (w.text.length === length && line.startsWith(w.text, start)) {
        word = w;
        break;
      }
    }
  }
  const quoted = first === QUOTE;
  if (!word) {
    // A word gets its place when it comes the second time: a unique one (a comment, a port no other
    // rule names) costs no entry, and a full bucket none either.
    let fp = 0x811c9dc5;
    for (let i = start; i < end; i++) fp = Math.imul(fp ^ line.charCodeAt(i), 0x01000193);
    fp |= 1;
    const once = fp & (ONCE_SLOTS - 1);
    if (words.once[once] !== fp || (bucket && bucket.length >= BUCKET)) {
      words.once[once] = fp;
      const text = line.slice(start, end);
      return { text, value: quoted ? text.slice(1, -1) : text, start, end, quoted };
    }
    const text = line.slice(start, end);
    word = { text, at: [] };
    if (!bucket) words.slots[key] = bucket = [word];
    else bucket.push(word);
  }
  let token = word.at[start];
  if (!token) {
    // A quoted word (from the quick path: no escape inside) has its value between the quotes.
    token = { text: word.text, value: quoted ? word.text.slice(1, -1) : word.text, start, end, quoted };
    word.at[start] = token;
  }
  return token;
}
const MAX_SHARED_OFFSET = 1024;

/**
 * Whether a token has the shape tokenize shares (see sharedToken). The first of a word is not
 * shared yet; taking it for shared only costs comparisons that fail.
 */
export function isSharedToken(t: Token): boolean {
  const first = t.value.charCodeAt(0);
  if (t.quoted) return t.text.length <= MAX_SHARED && t.start < MAX_SHARED_OFFSET && t.text.length === t.value.length + 2;
  return t.value.length <= MAX_SHARED && first < 128 && (!isDigit(first) || t.value.length <= MAX_SHARED_DIGITS) && t.start < MAX_SHARED_OFFSET;
}

interface SharedWord {
  text: string;
  /** The token of this word by its offset in the line. */
  at: Array<Token | undefined>;
}

// Rule files repeat the same few words (-A, INPUT, -p, tcp, ACCEPT...): one copy of each is kept
// per parse, which a 100,000-rule file feels in memory and garbage collection. Addresses and long
// numbers are mostly unique, so they are left alone; a number of up to MAX_SHARED_DIGITS digits is
// usually a port that repeats (22, 443, 3306) or a small count.
const MAX_SHARED = 15;
const MAX_SHARED_DIGITS = 4;
const BUCKET = 8;

/**
 * Words kept for sharing, by a hash of a few characters and the length, and the fingerprints of
 * words seen once (each waits there for its second time): `newSharedWords()`.
 */
export interface SharedWords {
  slots: Array<SharedWord[] | undefined>;
  once: Int32Array;
}
export const newSharedWords = (): SharedWords => ({ slots: new Array<SharedWord[] | undefined>(SHARED_SLOTS).fill(undefined), once: new Int32Array(ONCE_SLOTS) });
const ONCE_SLOTS = 16384;
const SHARED_SLOTS = 8192;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;

/** Splits on blanks and tabs only, as iptables-restore's strtok does for `*table` and `:chain` lines. */
export function splitWords(line: string, from: number): Token[] {
  const words: Token[] = [];
  let i = from;
  while (i < line.length) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= line.length) break;
    const start = i;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
    const text = line.slice(start, i);
    words.push({ text, value: text, start, end: i, quoted: false });
  }
  return words;
}
