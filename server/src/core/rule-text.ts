import type { RuleLine } from './model';

/** FNV-1a over part of a line: see `ruleText`. */
export function hashSpan(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** A rule's text from its first argument to its last: what makes two rules the same. */
export function ruleText(line: RuleLine): string {
  const t = line.tokens;
  return t.length ? line.text.slice(t[0].start, t[t.length - 1].end) : '';
}
