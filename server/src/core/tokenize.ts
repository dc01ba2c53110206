import type { Token } from './model';

/**
 * Splits a rule line the way iptables-restore does: blanks and tabs separate arguments; a double
 * quote opens a quoted run in which `\` escapes the next character; the closing quote ends the
 * argument. Each token keeps its exact span in the line.
 */
export function tokenize(line: string, from = 0): Token[] {
  const tokens: Token[] = [];
  let value = '';
  let start = -1;
  let quoted = false;
  let inQuote = false;
  let escaped = false;

  const finish = (end: number): void => {
    tokens.push({ text: line.slice(start, end), value, start, end, quoted });
    value = '';
    start = -1;
    quoted = false;
  };

  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (inQuote) {
      if (escaped) {
        value += c;
        escaped = false;
      } else if (c === '\\') {
        escaped = true;
      } else if (c === '"') {
        inQuote = false;
        finish(i + 1);
      } else {
        value += c;
      }
      continue;
    }
    if (c === '"') {
      if (start < 0) start = i;
      inQuote = true;
      quoted = true;
    } else if (c === ' ' || c === '\t') {
      if (start >= 0) finish(i);
    } else {
      if (start < 0) start = i;
      value += c;
    }
  }
  // An unterminated quote still yields its text: the user is probably still typing it.
  if (start >= 0) finish(line.length);
  return tokens;
}

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
