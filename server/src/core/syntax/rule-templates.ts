// Lines written from one template (`-A NET3 -s 10.3.0.5/32 -p tcp -m tcp --dport 1029 -j ACCEPT`)
// differ only in their values: addresses, ports, comments, the chain. A rule read once in full is
// kept as the template of its shape, and a later line of that shape is read as the template's rule
// with its values swapped in and checked; it makes anew only the parts that hold a value. A line
// whose values iptables refuses is read in full, so its problems are the parser's own.
import { CORE_BY_SHORT } from '../kb';
import type { Command, MatchUse, OptionUse, ParsedRule, TargetUse, Token } from './model';
import {
  argsChecked,
  existingCommand,
  existingOption,
  looksLikeOption,
  newRule,
  shareCommand,
  shareMatch,
  sharedOption,
  shareTarget,
  valueProblem,
  type SharedParts,
} from './rule-parser';
import { argCount, type Family } from '../kb/forms';
import { DEFAULT_VERSION, type IptablesVersion } from '../kb/releases';
import { bounds, isValueStart, scan, scratch, tokenAt, type SharedWords } from './tokenize';

/** One option of a template that holds a value: where it sits and which tokens are its values. */
interface ValueSlot {
  /** 0: a core option; 1: an option of match `index`; 2: an option of the target. */
  place: 0 | 1 | 2;
  index: number;
  option: number;
  use: OptionUse;
  /** For each argument, the position of its token in the line, or -1 where it is not a value. */
  at: number[];
  ext: string;
  /** The protocol that `-p` gave before this option, which some checks read. */
  protocol: string | undefined;
  checked: boolean;
}

interface RuleTemplate {
  tokens: Token[];
  free: Uint8Array;
  /** Undefined: lines of this shape are read in full (a value decides how the line reads). */
  rule: ParsedRule | undefined;
  chainFree: boolean;
  slots: ValueSlot[];
}

/** Templates by the shape `scanLine` leaves in `scan.shape`, and how many lines they read: one per parse. */
export interface RuleTemplates {
  byShape: Map<number, RuleTemplate>;
  used: number;
}
export const newRuleTemplates = (): RuleTemplates => ({ byShape: new Map(), used: 0 });
const MAX_TEMPLATES = 4096;
/** A shape met once, in a clean rule. */
const SEEN_ONCE: RuleTemplate = { tokens: [], free: new Uint8Array(0), rule: undefined, chainFree: false, slots: [] };

const PROTOCOL = CORE_BY_SHORT.get('p');
const COUNTERS = CORE_BY_SHORT.get('c');

/** Keeps a rule read in full as the template of its shape, where it is clean and none is kept yet. */
export function rememberTemplate(templates: RuleTemplates, shape: number, tokens: readonly Token[], count: number, rule: ParsedRule): void {
  const known = templates.byShape.get(shape);
  if ((known && known !== SEEN_ONCE) || rule.problems.length > 0 || rule.stray.length > 0) return;
  // The second line of a shape is the template: its words are shared tokens by then (tokenize
  // shares a word from its second sighting), so its parts are the ones other shapes share too.
  if (!known) {
    if (templates.byShape.size < MAX_TEMPLATES) templates.byShape.set(shape, SEEN_ONCE);
    return;
  }
  const kept = tokens.slice(0, count);
  const free = new Uint8Array(count);
  for (let i = 0; i < count; i++) free[i] = isValueStart(kept[i].text.charCodeAt(0), i) ? 1 : 0;
  templates.byShape.set(shape, { tokens: kept, free, ...roles(kept, free, rule) });
}

/** Where each value token of the template sits; no rule where one decides how the line reads. */
function roles(tokens: Token[], free: Uint8Array, rule: ParsedRule): { rule: ParsedRule | undefined; chainFree: boolean; slots: ValueSlot[] } {
  const unusable = { rule: undefined, chainFree: false, slots: [] };
  const slots: ValueSlot[] = [];
  const placed = new Uint8Array(tokens.length);
  const p = rule.core.find((o) => o.spec === PROTOCOL);
  const protocol = p?.args[0]?.value.toLowerCase();
  const slot = (place: 0 | 1 | 2, index: number, option: number, use: OptionUse, ext: string, checked: boolean): boolean => {
    const at = use.args.map((a) => {
      const k = tokens.indexOf(a);
      return k >= 0 && free[k] ? k : -1;
    });
    if (!at.some((k) => k >= 0)) return true;
    if (use.spec === PROTOCOL || use.spec === COUNTERS) return false;
    for (const k of at) if (k >= 0) placed[k] = 1;
    const before = p && p.flag.start < use.flag.start ? protocol : undefined;
    slots.push({ place, index, option, use, at, ext, protocol: before, checked });
    return true;
  };
  const c = rule.command;
  const chainFree = !!c && tokens.length > 1 && free[1] === 1 && c.chain === tokens[1] && c.args.length === 0;
  if (chainFree) placed[1] = 1;
  for (let k = 0; k < rule.core.length; k++) if (!slot(0, k, -1, rule.core[k], 'iptables', rule.core[k].args.length > 0)) return unusable;
  for (let m = 0; m < rule.matches.length; m++) {
    const match = rule.matches[m];
    const ext = match.spec?.spec.name ?? match.module;
    for (let j = 0; j < match.options.length; j++) {
      const o = match.options[j];
      if (!slot(1, m, j, o, ext, argsChecked(argCount(o.spec!.form), o.args.length))) return unusable;
    }
  }
  const t = rule.target;
  if (t) {
    for (let j = 0; j < t.options.length; j++) {
      const o = t.options[j];
      if (!slot(2, 0, j, o, t.spec?.spec.name ?? '', argsChecked(argCount(o.spec!.form), o.args.length))) return unusable;
    }
  }
  // A value token the rule holds nowhere else (a match or target name, a command argument) decides
  // how the line reads; so does one that reads as an option.
  for (let i = 0; i < tokens.length; i++) if (free[i] && (!placed[i] || looksLikeOption(tokens[i]))) return unusable;
  return { rule, chainFree, slots };
}

/**
 * The rule of a line of a known shape, which `scanLine` split into `count` arguments, or undefined:
 * read it in full. Only the line's values become tokens (in `scratch`); its other arguments are
 * compared in place with the template's.
 */
export function fromTemplate(templates: RuleTemplates, line: string, count: number, family: Family, words: SharedWords, parts: SharedParts, release: IptablesVersion = DEFAULT_VERSION): ParsedRule | undefined {
  const tpl = templates.byShape.get(scan.shape);
  if (!tpl || !tpl.rule || tpl.tokens.length !== count) return undefined;
  const known = tpl.tokens;
  const free = tpl.free;
  const tokens = scratch;
  for (let i = 0; i < count; i++) {
    if (free[i]) {
      const t = (tokens[i] = tokenAt(words, line, i));
      if (looksLikeOption(t)) return undefined;
      continue;
    }
    const b = known[i];
    if (b.start !== bounds[2 * i] || b.end !== bounds[2 * i + 1] || !line.startsWith(b.text, b.start)) return undefined;
  }
  const src = tpl.rule;
  let command: Command | undefined = src.command;
  if (tpl.chainFree && command) {
    const chain = tokens[1];
    command = existingCommand(parts, command.flag, command.name, chain) ?? shareCommand({ flag: command.flag, name: command.name, chain, args: command.args }, parts);
  }
  let core = src.core;
  let matches = src.matches;
  let target = src.target;
  for (const s of tpl.slots) {
    const old = s.use;
    let args: Token[];
    if (old.args.length === 1) args = [tokens[s.at[0]]];
    else {
      args = old.args.slice();
      for (let k = 0; k < args.length; k++) if (s.at[k] >= 0) args[k] = tokens[s.at[k]];
    }
    const spec = old.spec!;
    if (s.checked && valueProblem(spec.form, args, family, s.ext, old.name, s.protocol, release, old.negation !== undefined) !== undefined) return undefined;
    const use =
      (args.length === 1 ? existingOption(parts, old.flag, old.negation, spec, old.owner, args[0]) : undefined) ??
      sharedOption({ flag: old.flag, name: old.name, negation: old.negation, args, owner: old.owner, spec, parsed: undefined }, parts);
    if (s.place === 0) {
      if (core === src.core) core = core.slice();
      core[s.index] = use;
    } else if (s.place === 1) {
      if (matches === src.matches) matches = matches.slice();
      let m = matches[s.index];
      if (m === src.matches[s.index]) {
        m = matches[s.index] = { name: m.name, module: m.module, implicit: m.implicit, options: m.options.slice(), spec: m.spec };
      }
      m.options[s.option] = use;
    } else {
      if (target === src.target) target = { flag: target!.flag, name: target!.name, goto: target!.goto, options: target!.options.slice(), spec: target!.spec };
      target!.options[s.option] = use;
    }
  }
  if (matches !== src.matches) for (let k = 0; k < matches.length; k++) if (matches[k] !== src.matches[k]) matches[k] = shareMatch(matches[k] as MatchUse, parts);
  if (target !== src.target) target = shareTarget(target as TargetUse, parts);
  templates.used++;
  return newRule(command, core, matches, target, release);
}
