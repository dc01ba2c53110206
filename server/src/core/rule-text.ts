import type { RuleLine, Token } from './model';
import { tokenize } from './tokenize';

/** FNV-1a over part of a line: see `ruleText`. */
export function hashSpan(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** A rule's text from its first argument to its last: what makes two rules the same. */
export function ruleText(line: RuleLine): string {
  const t = tokensOf(line);
  return t.length ? line.text.slice(t[0].start, t[t.length - 1].end) : '';
}

/**
 * The rule's arguments as the parse split them, each the very token the rule's parts hold where a
 * part spans it (so `token === option.flag` holds). Split again on each call: for hover, formatting
 * and messages, not for a pass over every line.
 */
export function tokensOf(line: RuleLine): Token[] {
  const tokens = tokenize(line.text, line.counters?.end ?? 0);
  const byStart = new Map<number, Token>();
  const note = (t: Token | undefined): void => {
    if (t) byStart.set(t.start, t);
  };
  const rule = line.rule;
  const c = rule.command;
  if (c) {
    note(c.flag);
    note(c.chain);
    c.args.forEach(note);
  }
  const options = (list: readonly { flag: Token; negation: Token | undefined; args: Token[] }[]): void => {
    for (const o of list) {
      note(o.negation);
      note(o.flag);
      o.args.forEach(note);
    }
  };
  options(rule.core);
  for (const m of rule.matches) {
    note(m.name);
    options(m.options);
  }
  if (rule.target) {
    note(rule.target.flag);
    note(rule.target.name);
    options(rule.target.options);
  }
  rule.stray.forEach(note);
  return tokens.map((t) => {
    const part = byStart.get(t.start);
    return part && part.end === t.end ? part : t;
  });
}
