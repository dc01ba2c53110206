// Reads a rule's arguments the way iptables does: getopt_long over the core options plus the
// options of every extension loaded so far (newest first), with `--opt=value`, `-pVALUE`, unique
// prefixes, and the protocol's match loaded on demand after `-p`.
import { argCount, checkForm, otherFamily, type ArgForm } from './kb/forms';
import type { Family } from './kb/forms';
import { CORE_BY_SHORT, CORE_LONG_TO_SHORT, STANDARD_TARGETS, findMatch, findTarget, type LoadedSpec, type OptionSpec } from './kb';
import { protocolMatch, resolveProtocol } from './kb/protocols';
import type { Command, CommandName, MatchUse, OptionUse, ParsedRule, RuleProblem, TargetUse, Token } from './model';

const COMMANDS = new Map<string, CommandName>(Object.entries({
  A: 'append', append: 'append',
  I: 'insert', insert: 'insert',
  D: 'delete', delete: 'delete',
  R: 'replace', replace: 'replace',
  C: 'check', check: 'check',
  P: 'policy', policy: 'policy',
  N: 'new-chain', 'new-chain': 'new-chain',
  F: 'flush', flush: 'flush',
  Z: 'zero', zero: 'zero',
  X: 'delete-chain', 'delete-chain': 'delete-chain',
  E: 'rename-chain', 'rename-chain': 'rename-chain',
  L: 'list', list: 'list',
  S: 'list-rules', 'list-rules': 'list-rules',
}) as Array<[string, CommandName]>);

const NEEDS_CHAIN = new Set<CommandName>(['append', 'insert', 'delete', 'replace', 'check', 'policy', 'new-chain', 'rename-chain']);
const ACCEPTED_NOOPS = new Set(['v', 'verbose', 'n', 'numeric', 'x', 'exact', 'w', 'wait', 'W', 'wait-interval', 'line-numbers', 'modprobe']);

interface Loaded {
  use: MatchUse | TargetUse;
  spec: LoadedSpec;
}

// Most rules have no stray words, problems or command arguments: they share one empty list, and
// lists are built at their final size, because a 100,000-rule file keeps all of them alive.
const NONE: never[] = [];

function add<T>(list: T[], item: T): T[] {
  if (list === NONE) return [item];
  list.push(item);
  return list;
}

function sub(tok: Token, from: number): Token {
  const text = tok.text.slice(from);
  return { text, value: text, start: tok.start + from, end: tok.end, quoted: false };
}

/** Reads the argument list of one rule line into a command, core options, matches and a target. */
export function parseRuleTokens(tokens: Token[], family: Family = 'ipv4'): ParsedRule {
  const rule: ParsedRule = { command: undefined, core: NONE, matches: NONE, target: undefined, stray: NONE, problems: NONE };
  const loaded: Loaded[] = [];
  // Every spelling of every loaded option, to the newest extension that has it: a rule with
  // thousands of `-m` must not search them all for each option.
  const newest = new Map<string, Loaded>();
  const load = (entry: Loaded): void => {
    loaded.push(entry);
    for (const spelling of entry.spec.options.keys()) newest.set(spelling, entry);
  };
  const seenCore = new Set<string>();
  let negation: Token | undefined;
  let protocol: string | undefined;
  let autoloaded = false;
  let endOfOptions = false;
  // The token of `-p`'s value, which names the implicit match.
  let protocolToken: Token | undefined;
  let i = 0;
  const n = tokens.length;

  const problem = (p: RuleProblem): void => {
    rule.problems = add(rule.problems, p);
  };
  const takeRequired = (flag: Token, attached: Token | undefined, spelled: string): Token | undefined => {
    if (attached) return attached;
    if (i < n) return tokens[i++];
    problem({ code: 'unknown-option', message: `option "${spelled}" requires an argument`, start: flag.start, end: flag.end });
    return undefined;
  };
  const looksLikeOption = (t: Token): boolean => t.value.length > 1 && t.value[0] === '-' || t.value === '!';

  while (i < n) {
    const tok = tokens[i++];
    const v = tok.value;
    if (endOfOptions || v.length < 2 || v[0] !== '-') {
      if (v === '!' && !endOfOptions) {
        if (negation) problem({ code: 'malformed-rule', message: 'multiple consecutive ! not allowed', start: tok.start, end: tok.end });
        negation = tok;
        continue;
      }
      rule.stray = add(rule.stray, tok);
      const code = !tok.quoted && v[0] === '#' ? 'inline-comment' : 'malformed-rule';
      problem({ code, message: `Bad argument \`${v}'`, start: tok.start, end: tok.end });
      continue;
    }
    if (v === '--') {
      endOfOptions = true;
      continue;
    }

    // Work out which option this is, and any argument attached to it.
    let long: string | undefined;
    let short: string | undefined;
    let attached: Token | undefined;
    if (v[1] === '-') {
      const eq = v.indexOf('=');
      long = eq < 0 ? v.slice(2) : v.slice(2, eq);
      if (eq >= 0) attached = sub(tok, eq + 1);
    } else {
      short = v[1];
      if (v.length > 2) attached = sub(tok, 2);
    }
    const spelled = long !== undefined ? `--${long}` : `-${short}`;

    // Commands.
    const commandName = short !== undefined ? COMMANDS.get(short) : COMMANDS.get(long ?? '');
    if (commandName && (short !== undefined ? short.toUpperCase() === short : true)) {
      if (rule.command) {
        problem({ code: 'malformed-rule', message: `Can't use ${spelled} with ${rule.command.flag.value}`, start: tok.start, end: tok.end });
      }
      let chain = attached;
      const needsChain = NEEDS_CHAIN.has(commandName);
      if (!chain && i < n && (needsChain || !looksLikeOption(tokens[i]))) chain = tokens[i++];
      if (!chain && needsChain) problem({ code: 'malformed-rule', message: `option "${spelled}" requires an argument`, start: tok.start, end: tok.end });
      const cmd: Command = { flag: tok, name: commandName, chain, args: NONE };
      if (commandName === 'insert' || commandName === 'replace' || commandName === 'delete') {
        if (i < n && /^\d+$/.test(tokens[i].value)) cmd.args = [tokens[i++]];
      } else if (commandName === 'policy' || commandName === 'rename-chain') {
        if (i < n && !looksLikeOption(tokens[i])) cmd.args = [tokens[i++]];
      }
      if (!rule.command) rule.command = cmd;
      negation = undefined;
      continue;
    }

    // Core options (by short letter, or by long name when no extension claims it exactly).
    let coreKey = short;
    if (long !== undefined) coreKey = CORE_LONG_TO_SHORT.get(long);
    if (short !== undefined && !CORE_BY_SHORT.has(short)) {
      if (short === 't') problem({ code: 'malformed-rule', message: 'The -t option cannot be used in iptables-restore.', start: tok.start, end: tok.end });
      else if (!ACCEPTED_NOOPS.has(short)) problem({ code: 'unknown-option', message: `unknown option "${v}"`, start: tok.start, end: tok.end });
      negation = undefined;
      continue;
    }
    if (long !== undefined && coreKey === undefined && ACCEPTED_NOOPS.has(long)) {
      negation = undefined;
      continue;
    }
    if (coreKey !== undefined) {
      const spec = CORE_BY_SHORT.get(coreKey) as OptionSpec;
      handleCore(coreKey, spec, tok, attached, spelled);
      continue;
    }

    // Extension options: exact name first, then a unique prefix, over what is loaded so far.
    const name = long as string;
    let found = resolve(name);
    if (typeof found === 'object' && 'core' in found) {
      handleCore(found.core, CORE_BY_SHORT.get(found.core) as OptionSpec, tok, attached, spelled);
      continue;
    }
    if (!found && protocol !== undefined && !autoloaded) {
      const proto = protocolMatch(protocol);
      const spec = proto ? findMatch(proto, family) : undefined;
      autoloaded = true;
      if (spec && !loaded.some((l) => 'module' in l.use && l.use.module === spec.spec.name)) {
        const use: MatchUse = { name: protocolToken ?? tok, module: spec.spec.name, implicit: true, options: NONE, spec };
        load({ use, spec });
        rule.matches = add(rule.matches, use);
        found = resolve(name);
      }
    }
    if (!found || found === 'ambiguous' || 'core' in found) {
      problem({ code: 'unknown-option', message: `unknown option "${spelled}"`, start: tok.start, end: tok.end, option: name });
      // Skip what looks like its arguments so they do not read as stray words.
      while (i < n && !looksLikeOption(tokens[i])) i++;
      negation = undefined;
      continue;
    }
    const { owner, option } = found;
    const count = argCount(option.form);
    let args: Token[] = NONE;
    if (count === 'optional') {
      if (attached) args = [attached];
      else if (i < n && !looksLikeOption(tokens[i])) args = [tokens[i++]];
    } else if (count >= 1) {
      const first = takeRequired(tok, attached, spelled);
      if (first) args = [first];
      for (let k = 1; k < count; k++) {
        if (i < n && !looksLikeOption(tokens[i])) args = add(args, tokens[i++]);
      }
    } else if (attached) {
      problem({ code: 'unknown-option', message: `option "${spelled}" doesn't allow an argument`, start: tok.start, end: tok.end });
    }
    const use: OptionUse = { flag: tok, name: option.name, negation, args, owner: ownerName(owner.use), spec: option, parsed: undefined };
    const extName = owner.spec.spec.name;
    if (negation && !option.invert) {
      problem({ code: 'invalid-option-use', message: `${extName}: option "--${option.name}" cannot be inverted.`, start: negation.start, end: tok.end });
    } else if (!option.multi && owner.use.options.some((o) => o.spec === option)) {
      problem({ code: 'invalid-option-use', message: `${extName}: option "--${option.name}" can only be used once.`, start: tok.start, end: tok.end });
    } else if (count === 'optional' ? args.length > 0 : args.length === count || (count === 2 && args.length > 0)) {
      checkValue(option.form, use, extName);
    }
    owner.use.options = add(owner.use.options, use);
    negation = undefined;
  }
  if (negation) problem({ code: 'malformed-rule', message: 'a trailing ! must come before an option', start: negation.start, end: negation.end });
  return rule;

  function resolve(name: string): { owner: Loaded; option: OptionSpec } | { core: string } | 'ambiguous' | undefined {
    const exact = newest.get(name);
    if (exact) return { owner: exact, option: exact.spec.options.get(name) as OptionSpec };
    let hit: { owner: Loaded; option: OptionSpec } | undefined;
    let coreHit: string | undefined;
    let ambiguous = false;
    for (const [spelling, key] of CORE_LONG_TO_SHORT) {
      if (!spelling.startsWith(name)) continue;
      if (coreHit && coreHit !== key) ambiguous = true;
      coreHit = key;
    }
    for (let k = loaded.length - 1; k >= 0; k--) {
      for (const [spelling, option] of loaded[k].spec.options) {
        if (!spelling.startsWith(name)) continue;
        if (hit && (hit.option !== option || hit.owner !== loaded[k])) ambiguous = true;
        hit = { owner: loaded[k], option };
      }
    }
    if (coreHit && hit) ambiguous = true;
    if (ambiguous) return 'ambiguous';
    return coreHit ? { core: coreHit } : hit;
  }

  function handleCore(key: string, spec: OptionSpec, tok: Token, attached: Token | undefined, spelled: string): void {
    const neg = negation;
    negation = undefined;
    if (key === '4' || key === '6') {
      rule.core = add(rule.core, { flag: tok, name: spec.name, negation: neg, args: NONE, owner: undefined, spec, parsed: undefined });
      return;
    }
    if (key === 'f') {
      if (family === 'ipv6') problem({ code: 'unknown-option', message: 'ip6tables has no -f (fragment) option; use `-m frag`', start: tok.start, end: tok.end });
      pushCore(spec, tok, NONE, neg, 'f');
      return;
    }
    const first = takeRequired(tok, attached, spelled);
    if (!first) return;
    if (key === 'm') {
      if (neg) problem({ code: 'malformed-rule', message: 'unexpected ! flag before --match', start: neg.start, end: neg.end });
      const spec2 = findMatch(first.value, family);
      // The knowledge base's own string, hashed once, keeps the per-line map lookups cheap.
      const module = spec2?.spec.name === first.value ? spec2.spec.name : first.value;
      const use: MatchUse = { name: first, module, implicit: false, options: NONE, spec: spec2 };
      rule.matches = add(rule.matches, use);
      if (!spec2) {
        problem({ code: 'unknown-extension', message: `Couldn't load match \`${first.value}':No such file or directory`, start: first.start, end: first.end });
        return;
      }
      load({ use, spec: spec2 });
      return;
    }
    if (key === 'j' || key === 'g') {
      if (neg) problem({ code: 'malformed-rule', message: `cannot have ! before -${key}`, start: neg.start, end: neg.end });
      if (seenCore.has('j')) problem({ code: 'malformed-rule', message: 'multiple -j flags not allowed', start: tok.start, end: tok.end });
      seenCore.add('j');
      const target: TargetUse = { flag: tok, name: first, goto: key === 'g', options: NONE };
      const ext = STANDARD_TARGETS[first.value] === undefined && key === 'j' ? findTarget(first.value, family) : undefined;
      if (ext) {
        target.spec = ext;
        load({ use: target, spec: ext });
      }
      rule.target = target;
      return;
    }
    if (key === 'c') {
      if (neg) problem({ code: 'malformed-rule', message: 'cannot have ! before -c', start: neg.start, end: neg.end });
      const args = [first];
      if (!first.value.includes(',') && i < n) args.push(tokens[i++]);
      pushCore(spec, tok, args, undefined, 'c');
      const [pkts, bytes] = first.value.includes(',') ? first.value.split(',') : [first.value, args[1]?.value ?? ''];
      if (!/^\d+$/.test(pkts ?? '')) problem({ code: 'invalid-value', message: '-c packet counter not numeric', start: first.start, end: first.end });
      else if (!/^\d+$/.test(bytes ?? '')) problem({ code: 'invalid-value', message: '-c byte counter not numeric', start: first.start, end: (args[1] ?? first).end });
      return;
    }
    pushCore(spec, tok, [first], neg, key);
    if (key === 'p') {
      protocol = first.value.toLowerCase();
      protocolToken = first;
      const number = resolveProtocol(protocol);
      if (neg && number === 0) problem({ code: 'invalid-value', message: 'rule would never match protocol', start: first.start, end: first.end });
    }
  }

  function pushCore(spec: OptionSpec, tok: Token, args: Token[], neg: Token | undefined, key: string): void {
    if (neg && !spec.invert) problem({ code: 'invalid-option-use', message: `cannot have ! before -${key}`, start: neg.start, end: neg.end });
    if (seenCore.has(key)) problem({ code: 'malformed-rule', message: `multiple -${key} flags not allowed`, start: tok.start, end: tok.end });
    seenCore.add(key);
    const use: OptionUse = { flag: tok, name: spec.name, negation: neg, args, owner: undefined, spec, parsed: undefined };
    if (key !== 'c' && args.length > 0) checkValue(spec.form, use, 'iptables');
    rule.core = add(rule.core, use);
  }

  function checkValue(form: ArgForm, use: OptionUse, ext: string): void {
    const values = use.args.map((a) => a.value);
    const message = checkForm(form, values, { family, ext, option: use.name, protocol });
    if (message === undefined) return;
    const arg = use.args[0];
    const addressLike = form.kind === 'address' || form.kind === 'address-list' || form.kind === 'address-range' || form.kind === 'nat-range' || form.kind === 'prefix';
    const code = addressLike && values[0].split(',').some((v) => otherFamily(v, family)) ? 'address-family-mismatch' : 'invalid-value';
    const last = use.args[use.args.length - 1];
    problem({ code, message, start: arg.start, end: last.end, option: use.name });
  }
}

function ownerName(use: MatchUse | TargetUse): string | undefined {
  return 'module' in use ? use.module : use.name?.value;
}
