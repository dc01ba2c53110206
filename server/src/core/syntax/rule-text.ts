import type { RuleLine, Token } from './model';
import { tokenize } from './tokenize';

/** A rule's arguments joined by single blanks: what makes two rules the same, however they are spaced. */
export function ruleText(line: RuleLine): string {
  return tokensOf(line)
    .map((t) => t.text)
    .join(' ');
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
