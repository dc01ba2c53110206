// Reads a rule's arguments the way iptables does: getopt_long over the core options plus the
// options of every extension loaded so far (newest first), with `--opt=value`, `-pVALUE`, unique
// prefixes, and the protocol's match loaded on demand after `-p`.
import { argCount, checkForm, otherFamily, type ArgForm, type FormContext } from '../kb/forms';
import type { Family } from '../kb/forms';
import { CORE_BY_SHORT, CORE_LONG_TO_SHORT, findMatch, isStandardTarget, findTarget, type LoadedSpec, type OptionSpec } from '../kb';
import { protocolMatch, resolveProtocol } from '../kb/protocols';
import type { Command, CommandName, MatchUse, OptionUse, ParsedRule, RuleProblem, TargetUse, Token } from './model';
import { isSharedToken } from './tokenize';

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

/** What `RuleReader.resolve` found for a name (the option itself it leaves in `hitOwner`, `hitOption` or `hitCore`). */
const NO_HIT = 0;
const HIT = 1;
const CORE_HIT = 2;
const AMBIGUOUS = 3;
type Resolved = typeof NO_HIT | typeof HIT | typeof CORE_HIT | typeof AMBIGUOUS;

// Most rules have no stray words, problems or command arguments: they share one empty list, and
// lists are built at their final size, because a 100,000-rule file keeps all of them alive. A list
// grown by push takes room for 17 items at its second; up to three, a new list of the exact size
// costs less.
const NONE: never[] = [];

function add<T>(list: T[], item: T): T[] {
  switch (list.length) {
    case 0:
      return [item];
    case 1:
      return [list[0], item];
    case 2:
      return [list[0], list[1], item];
    default:
      list.push(item);
      return list;
  }
}

function sub(tok: Token, from: number): Token {
  const text = tok.text.slice(from);
  return { text, value: text, start: tok.start + from, end: tok.end, quoted: false };
}

/** Reads the argument list of one rule line into a command, core options, matches and a target. */
export function parseRuleTokens(tokens: Token[], family: Family = 'ipv4', shared?: SharedParts, count = tokens.length): ParsedRule {
  // One reader serves every line (parsing never re-enters itself): a 100,000-rule file then costs
  // no closures, maps or sets per line, only what the parsed rule keeps.
  const r = reader;
  r.reset(tokens, family, count);
  r.parts = shared;
  r.read();
  const rule = r.rule;
  r.release();
  // Lists grown by push keep room for 17 or more items; a 100,000-rule file keeps every list alive,
  // so each is cut to its length.
  rule.core = fit(rule.core);
  rule.matches = fit(rule.matches);
  for (const m of rule.matches) m.options = fit(m.options);
  if (rule.target) rule.target.options = fit(rule.target.options);
  if (shared) share(rule, shared);
  return rule;
}

/**
 * Options, matches and targets made only of shared tokens, kept once per parse: like the tokens
 * they are never changed after parsing, and lines from one template (`-p tcp`, `-j ACCEPT`,
 * `-m conntrack --ctstate NEW`) then hold the same objects. A part keeps what it caches
 * (`OptionUse.parsed`), which depends on its own words only.
 */
export type SharedParts = Map<Token, Array<OptionUse | MatchUse | TargetUse | Command>>;

function share(rule: ParsedRule, parts: SharedParts): void {
  const c = rule.command;
  if (c) rule.command = shareCommand(c, parts);
  // Options the reader took from the shared parts are filed already: only the ones it made are
  // looked up here.
  for (let k = 0; k < rule.core.length; k++) if (!reader.took(rule.core[k])) rule.core[k] = sharedOption(rule.core[k], parts);
  for (let k = 0; k < rule.matches.length; k++) {
    const m = rule.matches[k];
    for (let j = 0; j < m.options.length; j++) if (!reader.took(m.options[j])) m.options[j] = sharedOption(m.options[j], parts);
    rule.matches[k] = shareMatch(m, parts);
  }
  const t = rule.target;
  if (t) {
    for (let j = 0; j < t.options.length; j++) if (!reader.took(t.options[j])) t.options[j] = sharedOption(t.options[j], parts);
    rule.target = shareTarget(t, parts);
  }
}

/** The kept command equal to `c`, or `c`, kept from now on where it can be shared. */
export function shareCommand(c: Command, parts: SharedParts): Command {
  if (!c.chain || c.args.length !== 0 || !isSharedToken(c.flag) || !isSharedToken(c.chain)) return c;
  // Filed under the chain: a file appends to dozens of chains, more than the variants kept per key.
  const list = variants(parts, c.chain);
  for (const a of list) if ('chain' in a && a.chain === c.chain && a.flag === c.flag && a.name === c.name && a.args.length === 0) return a;
  return keep(list, c);
}

/** The kept match equal to `m` (whose options are shared already), or `m`. */
export function shareMatch(m: MatchUse, parts: SharedParts): MatchUse {
  if (!isSharedToken(m.name)) return m;
  for (let j = 0; j < m.options.length; j++) if (!isSharedOption(m.options[j])) return m;
  const list = variants(parts, m.name);
  for (const a of list) {
    if ('module' in a && a.module === m.module && a.implicit === m.implicit && a.spec === m.spec && sameList(a.options, m.options)) return a;
  }
  return keep(list, m);
}

/** The kept target equal to `t` (whose options are shared already), or `t`. */
export function shareTarget(t: TargetUse, parts: SharedParts): TargetUse {
  if (!t.name || !isSharedToken(t.flag) || !isSharedToken(t.name)) return t;
  for (let j = 0; j < t.options.length; j++) if (!isSharedOption(t.options[j])) return t;
  const list = variants(parts, t.flag);
  for (const a of list) {
    if ('goto' in a && a.name === t.name && a.goto === t.goto && a.spec === t.spec && sameList(a.options, t.options)) return a;
  }
  return keep(list, t);
}

// The shared part a line is about to make anew, looked up before it is made: a big file then makes
// no object (and no garbage) for the options and commands it repeats. `share` files them.
export function existingOption(parts: SharedParts | undefined, flag: Token, negation: Token | undefined, spec: OptionSpec, owner: string | undefined, arg: Token | undefined): OptionUse | undefined {
  if (!parts || (arg && !isSharedToken(arg)) || !isSharedToken(flag) || (negation && !isSharedToken(negation))) return undefined;
  const list = parts.get(arg ?? flag);
  if (!list) return undefined;
  for (const a of list) {
    if ('negation' in a && a.negation === negation && a.spec === spec && a.owner === owner && (arg ? a.args.length === 1 && a.args[0] === arg : a.args.length === 0)) return a;
  }
  return undefined;
}

export function existingCommand(parts: SharedParts | undefined, flag: Token, name: CommandName, chain: Token | undefined): Command | undefined {
  if (!parts || !chain || !isSharedToken(chain) || !isSharedToken(flag)) return undefined;
  const list = parts.get(chain);
  if (!list) return undefined;
  for (const a of list) if ('chain' in a && a.flag === flag && a.chain === chain && a.name === name && a.args.length === 0) return a;
  return undefined;
}

function isSharedOption(o: OptionUse): boolean {
  if (!isSharedToken(o.flag) || (o.negation && !isSharedToken(o.negation))) return false;
  for (const a of o.args) if (!isSharedToken(a)) return false;
  return true;
}

export function sharedOption(o: OptionUse, parts: SharedParts): OptionUse {
  if (!isSharedOption(o)) return o;
  // Filed under its first argument where it has one: a flag takes many values (ports, prefixes),
  // more than the variants kept per key, and each value few flags.
  const list = variants(parts, o.args[0] ?? o.flag);
  for (const a of list) {
    if ('negation' in a && a.negation === o.negation && a.spec === o.spec && a.owner === o.owner && a.name === o.name && sameList(a.args, o.args)) return a;
  }
  return keep(list, o);
}

/** The parts kept under a token (an empty list is filed at once). */
function variants(parts: SharedParts, key: Token): Array<OptionUse | MatchUse | TargetUse | Command> {
  let list = parts.get(key);
  if (!list) parts.set(key, (list = []));
  return list;
}

function keep<T extends OptionUse | MatchUse | TargetUse | Command>(list: Array<OptionUse | MatchUse | TargetUse | Command>, part: T): T {
  if (list.length < MAX_SHARED_VARIANTS) list.push(part);
  return part;
}
const MAX_SHARED_VARIANTS = 16;

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A list cut to its length: only one that `add` grew by push has room to spare. */
function fit<T>(list: T[]): T[] {
  return list.length > 3 ? list.slice() : list;
}

class RuleReader {
  rule: ParsedRule = emptyRule();
  tokens: Token[] = NONE;
  n = 0;
  i = 0;
  family: Family = 'ipv4';
  /** Extensions loaded so far, oldest first (the first `loadedCount`; the slots are reused). */
  loaded: Loaded[] = [];
  loadedCount = 0;
  /** What `resolve` found. */
  hitOwner: Loaded | undefined = undefined;
  hitOption: OptionSpec | undefined = undefined;
  hitCore = '';
  /** Core option letters seen in this rule: a letter's slot holds the rule's generation. */
  readonly seenCore = new Uint32Array(128);
  generation = 1;
  negation: Token | undefined = undefined;
  protocol: string | undefined = undefined;
  autoloaded = false;
  endOfOptions = false;
  /** This parse's shared parts, to look a repeated option up before making it. */
  parts: SharedParts | undefined = undefined;
  /** The options of this rule taken from the shared parts (the first `takenCount`). */
  readonly taken: OptionUse[] = [];
  takenCount = 0;
  /** The token of `-p`'s value, which names the implicit match. */
  protocolToken: Token | undefined = undefined;
  readonly check: FormContext = { family: 'ipv4', ext: '', option: '', protocol: undefined };

  reset(tokens: Token[], family: Family, count: number): void {
    this.rule = emptyRule();
    this.tokens = tokens;
    this.n = count;
    this.i = 0;
    this.family = family;
    this.loadedCount = 0;
    this.takenCount = 0;
    if (++this.generation === 0xffffffff) {
      this.seenCore.fill(0);
      this.generation = 1;
    }
    this.negation = undefined;
    this.protocol = undefined;
    this.autoloaded = false;
    this.endOfOptions = false;
    this.protocolToken = undefined;
  }

  /** Drops what the last rule's reading holds, so the reader keeps no rule alive. */
  release(): void {
    this.rule = RELEASED;
    this.tokens = NONE;
    for (let k = 0; k < this.loadedCount; k++) this.loaded[k].use = RELEASED_USE;
    this.loadedCount = 0;
    this.hitOwner = undefined;
    this.parts = undefined;
    this.negation = undefined;
    this.protocolToken = undefined;
  }

  /** A shared option found for this rule, or undefined. */
  take(o: OptionUse | undefined): OptionUse | undefined {
    if (o) this.taken[this.takenCount++] = o;
    return o;
  }

  took(o: OptionUse): boolean {
    for (let k = 0; k < this.takenCount; k++) if (this.taken[k] === o) return true;
    return false;
  }

  /** Whether core option `key` came earlier in this rule; it counts as seen from now on. */
  seen(key: string): boolean {
    const slot = key.charCodeAt(0) & 127;
    const was = this.seenCore[slot] === this.generation;
    this.seenCore[slot] = this.generation;
    return was;
  }

  problem(p: RuleProblem): void {
    this.rule.problems = add(this.rule.problems, p);
  }

  load(use: MatchUse | TargetUse, spec: LoadedSpec): void {
    const slot = this.loaded[this.loadedCount];
    if (slot) {
      slot.use = use;
      slot.spec = spec;
    } else this.loaded.push({ use, spec });
    this.loadedCount++;
  }

  isLoaded(module: string): boolean {
    for (let k = 0; k < this.loadedCount; k++) {
      const use = this.loaded[k].use;
      if ('module' in use && use.module === module) return true;
    }
    return false;
  }

  takeRequired(flag: Token, attached: Token | undefined, spelled: string): Token | undefined {
    if (attached) return attached;
    if (this.i < this.n) return this.tokens[this.i++];
    this.problem({ code: 'unknown-option', message: `option "${spelled}" requires an argument`, start: flag.start, end: flag.end });
    return undefined;
  }

  read(): void {
    const { tokens, n, rule } = this;
    while (this.i < n) {
      const tok = tokens[this.i++];
      const v = tok.value;
      if (this.endOfOptions || v.length < 2 || v.charCodeAt(0) !== DASH) {
        if (v === '!' && !this.endOfOptions) {
          if (this.negation) this.problem({ code: 'malformed-rule', message: 'multiple consecutive ! not allowed', start: tok.start, end: tok.end });
          this.negation = tok;
          continue;
        }
        rule.stray = add(rule.stray, tok);
        const code = !tok.quoted && v[0] === '#' ? 'inline-comment' : 'malformed-rule';
        this.problem({ code, message: `Bad argument \`${v}'`, start: tok.start, end: tok.end });
        continue;
      }
      if (v === '--') {
        this.endOfOptions = true;
        continue;
      }

      // Work out which option this is, and any argument attached to it.
      let info: FlagInfo;
      let attached: Token | undefined;
      if (v.charCodeAt(1) === DASH) {
        const eq = v.indexOf('=');
        info = eq < 0 ? longFlag(v) : flagInfo(v.slice(2, eq), undefined);
        if (eq >= 0) attached = sub(tok, eq + 1);
      } else {
        info = shortFlag(v[1]);
        if (v.length > 2) attached = sub(tok, 2);
      }
      const { long, short } = info;

      if (info.command) {
        this.command(tok, info.command, attached, attached ? spelledOf(long, short) : v);
        continue;
      }
      if (info.unknownShort) {
        if (short === 't') this.problem({ code: 'malformed-rule', message: 'The -t option cannot be used in iptables-restore.', start: tok.start, end: tok.end });
        else if (!info.noop) this.problem({ code: 'unknown-option', message: `unknown option "${v}"`, start: tok.start, end: tok.end });
        this.negation = undefined;
        continue;
      }
      if (info.noop) {
        this.negation = undefined;
        continue;
      }
      if (info.coreKey !== undefined) {
        this.core(info.coreKey, info.coreSpec as OptionSpec, tok, attached, attached ? spelledOf(long, short) : v);
        continue;
      }
      this.extensionOption(long as string, tok, attached);
    }
    if (this.negation) this.problem({ code: 'malformed-rule', message: 'a trailing ! must come before an option', start: this.negation.start, end: this.negation.end });
  }

  command(tok: Token, commandName: CommandName, attached: Token | undefined, spelled: string): void {
    const { tokens, n, rule } = this;
    if (rule.command) {
      this.problem({ code: 'malformed-rule', message: `Can't use ${spelled} with ${rule.command.flag.value}`, start: tok.start, end: tok.end });
    }
    let chain = attached;
    const needsChain = NEEDS_CHAIN.has(commandName);
    if (!chain && this.i < n && (needsChain || !looksLikeOption(tokens[this.i]))) chain = tokens[this.i++];
    if (!chain && needsChain) this.problem({ code: 'malformed-rule', message: `option "${spelled}" requires an argument`, start: tok.start, end: tok.end });
    let args: Token[] = NONE;
    if (commandName === 'insert' || commandName === 'replace' || commandName === 'delete') {
      if (this.i < n && /^\d+$/.test(tokens[this.i].value)) args = [tokens[this.i++]];
    } else if (commandName === 'policy' || commandName === 'rename-chain') {
      if (this.i < n && !looksLikeOption(tokens[this.i])) args = [tokens[this.i++]];
    }
    if (!rule.command) rule.command = (args === NONE && existingCommand(this.parts, tok, commandName, chain)) || { flag: tok, name: commandName, chain, args };
    this.negation = undefined;
  }

  /** An extension option: exact name first, then a unique prefix, over what is loaded so far. */
  extensionOption(name: string, tok: Token, attached: Token | undefined): void {
    const { tokens, n, rule } = this;
    const spelled = attached ? `--${name}` : tok.value;
    let found = this.resolve(name);
    if (found === CORE_HIT) {
      const key = this.hitCore;
      this.core(key, CORE_BY_SHORT.get(key) as OptionSpec, tok, attached, spelled);
      return;
    }
    if (found === NO_HIT && this.protocol !== undefined && !this.autoloaded) {
      const proto = protocolMatch(this.protocol);
      const spec = proto ? findMatch(proto, this.family) : undefined;
      this.autoloaded = true;
      if (spec && !this.isLoaded(spec.spec.name)) {
        const use: MatchUse = { name: this.protocolToken ?? tok, module: spec.spec.name, implicit: true, options: NONE, spec };
        this.load(use, spec);
        rule.matches = add(rule.matches, use);
        found = this.resolve(name);
      }
    }
    if (found !== HIT) {
      this.problem({ code: 'unknown-option', message: `unknown option "${spelled}"`, start: tok.start, end: tok.end, option: name });
      // Skip what looks like its arguments so they do not read as stray words.
      while (this.i < n && !looksLikeOption(tokens[this.i])) this.i++;
      this.negation = undefined;
      return;
    }
    const owner = this.hitOwner as Loaded;
    const option = this.hitOption as OptionSpec;
    const negation = this.negation;
    const count = argCount(option.form);
    let args: Token[] = NONE;
    if (count === 'optional') {
      if (attached) args = [attached];
      else if (this.i < n && !looksLikeOption(tokens[this.i])) args = [tokens[this.i++]];
    } else if (count >= 1) {
      const first = this.takeRequired(tok, attached, spelled);
      if (first) args = [first];
      for (let k = 1; k < count; k++) {
        if (this.i < n && !looksLikeOption(tokens[this.i])) args = add(args, tokens[this.i++]);
      }
    } else if (attached) {
      this.problem({ code: 'unknown-option', message: `option "${spelled}" doesn't allow an argument`, start: tok.start, end: tok.end });
    }
    const ownerText = ownerName(owner.use);
    const use: OptionUse = (args.length <= 1 && this.take(existingOption(this.parts, tok, negation, option, ownerText, args[0]))) || { flag: tok, name: option.name, negation, args, owner: ownerText, spec: option, parsed: undefined };
    const extName = owner.spec.spec.name;
    if (negation && !option.invert) {
      this.problem({ code: 'invalid-option-use', message: `${extName}: option "--${option.name}" cannot be inverted.`, start: negation.start, end: tok.end });
    } else if (!option.multi && hasOption(owner.use.options, option)) {
      this.problem({ code: 'invalid-option-use', message: `${extName}: option "--${option.name}" can only be used once.`, start: tok.start, end: tok.end });
    } else if (argsChecked(count, args.length)) {
      this.checkValue(option.form, use, extName);
    }
    owner.use.options = add(owner.use.options, use);
    this.negation = undefined;
  }

  /** Finds the option `name` spells, leaving it in `hitOwner`/`hitOption` (or `hitCore`). */
  resolve(name: string): Resolved {
    const loaded = this.loaded;
    // Every spelling of every loaded option goes to the newest extension that has it.
    for (let k = this.loadedCount - 1; k >= 0; k--) {
      const option = loaded[k].spec.options.get(name);
      if (option) {
        this.hitOwner = loaded[k];
        this.hitOption = option;
        return HIT;
      }
    }
    let hitOwner: Loaded | undefined;
    let hitOption: OptionSpec | undefined;
    let coreHit: string | undefined;
    let ambiguous = false;
    for (const [spelling, key] of CORE_LONG_TO_SHORT) {
      if (!spelling.startsWith(name)) continue;
      if (coreHit && coreHit !== key) ambiguous = true;
      coreHit = key;
    }
    for (let k = this.loadedCount - 1; k >= 0; k--) {
      for (const [spelling, option] of loaded[k].spec.options) {
        if (!spelling.startsWith(name)) continue;
        if (hitOption && (hitOption !== option || hitOwner !== loaded[k])) ambiguous = true;
        hitOwner = loaded[k];
        hitOption = option;
      }
    }
    if (coreHit && hitOption) ambiguous = true;
    if (ambiguous) return AMBIGUOUS;
    if (coreHit) {
      this.hitCore = coreHit;
      return CORE_HIT;
    }
    if (!hitOption) return NO_HIT;
    this.hitOwner = hitOwner;
    this.hitOption = hitOption;
    return HIT;
  }

  core(key: string, spec: OptionSpec, tok: Token, attached: Token | undefined, spelled: string): void {
    const { rule, family } = this;
    const neg = this.negation;
    this.negation = undefined;
    if (key === '4' || key === '6') {
      rule.core = add(rule.core, { flag: tok, name: spec.name, negation: neg, args: NONE, owner: undefined, spec, parsed: undefined });
      return;
    }
    if (key === 'f') {
      if (family === 'ipv6') this.problem({ code: 'unknown-option', message: 'ip6tables has no -f (fragment) option; use `-m frag`', start: tok.start, end: tok.end });
      this.pushCore(spec, tok, NONE, neg, 'f');
      return;
    }
    const first = this.takeRequired(tok, attached, spelled);
    if (!first) return;
    if (key === 'm') {
      if (neg) this.problem({ code: 'malformed-rule', message: 'unexpected ! flag before --match', start: neg.start, end: neg.end });
      const spec2 = findMatch(first.value, family);
      // The knowledge base's own string, hashed once, keeps the per-line map lookups cheap.
      const module = spec2?.spec.name === first.value ? spec2.spec.name : first.value;
      const use: MatchUse = { name: first, module, implicit: false, options: NONE, spec: spec2 };
      rule.matches = add(rule.matches, use);
      if (!spec2) {
        this.problem({ code: 'unknown-extension', message: `Couldn't load match \`${first.value}':No such file or directory`, start: first.start, end: first.end });
        return;
      }
      this.load(use, spec2);
      return;
    }
    if (key === 'j' || key === 'g') {
      if (neg) this.problem({ code: 'malformed-rule', message: `cannot have ! before -${key}`, start: neg.start, end: neg.end });
      if (this.seen('j')) this.problem({ code: 'malformed-rule', message: 'multiple -j flags not allowed', start: tok.start, end: tok.end });
      const ext = !isStandardTarget(first.value) && key === 'j' ? findTarget(first.value, family) : undefined;
      // Every target is made with all its fields, as the template reader makes its copies: one
      // object shape for all targets keeps the code that reads them fast from the first rule on.
      const target: TargetUse = { flag: tok, name: first, goto: key === 'g', options: NONE, spec: ext };
      if (ext) this.load(target, ext);
      rule.target = target;
      return;
    }
    if (key === 'c') {
      if (neg) this.problem({ code: 'malformed-rule', message: 'cannot have ! before -c', start: neg.start, end: neg.end });
      const args = [first];
      if (!first.value.includes(',') && this.i < this.n) args.push(this.tokens[this.i++]);
      this.pushCore(spec, tok, args, undefined, 'c');
      const [pkts, bytes] = first.value.includes(',') ? first.value.split(',') : [first.value, args[1]?.value ?? ''];
      if (!/^\d+$/.test(pkts ?? '')) this.problem({ code: 'invalid-value', message: '-c packet counter not numeric', start: first.start, end: first.end });
      else if (!/^\d+$/.test(bytes ?? '')) this.problem({ code: 'invalid-value', message: '-c byte counter not numeric', start: first.start, end: (args[1] ?? first).end });
      return;
    }
    this.pushCore(spec, tok, first, neg, key);
    if (key === 'p') {
      this.protocol = first.value.toLowerCase();
      this.protocolToken = first;
      const number = resolveProtocol(this.protocol);
      if (neg && number === 0) this.problem({ code: 'invalid-value', message: 'rule would never match protocol', start: first.start, end: first.end });
    }
  }

  /** A core option with its arguments (a list, or the one token). */
  pushCore(spec: OptionSpec, tok: Token, given: Token[] | Token, neg: Token | undefined, key: string): void {
    if (neg && !spec.invert) this.problem({ code: 'invalid-option-use', message: `cannot have ! before -${key}`, start: neg.start, end: neg.end });
    if (this.seen(key)) this.problem({ code: 'malformed-rule', message: `multiple -${key} flags not allowed`, start: tok.start, end: tok.end });
    const one = Array.isArray(given) ? undefined : given;
    const args = one ? undefined : (given as Token[]);
    const use: OptionUse = (one && this.take(existingOption(this.parts, tok, neg, spec, undefined, one))) || { flag: tok, name: spec.name, negation: neg, args: args ?? [one as Token], owner: undefined, spec, parsed: undefined };
    if (key !== 'c' && use.args.length > 0) this.checkValue(spec.form, use, 'iptables');
    this.rule.core = add(this.rule.core, use);
  }

  checkValue(form: ArgForm, use: OptionUse, ext: string): void {
    const message = valueProblem(form, use.args, this.family, ext, use.name, this.protocol);
    if (message === undefined) return;
    const arg = use.args[0];
    const addressLike = form.kind === 'address' || form.kind === 'address-list' || form.kind === 'address-range' || form.kind === 'nat-range' || form.kind === 'prefix';
    const code = addressLike && arg.value.split(',').some((v) => otherFamily(v, this.family)) ? 'address-family-mismatch' : 'invalid-value';
    const last = use.args[use.args.length - 1];
    this.problem({ code, message, start: arg.start, end: last.end, option: use.name });
  }
}

const DASH = 45;
const RELEASED = emptyRule();
const RELEASED_USE: TargetUse = { flag: { text: '', value: '', start: 0, end: 0, quoted: false }, name: undefined, goto: false, options: NONE, spec: undefined };
const reader = new RuleReader();
const ONE: string[] = [''];
/** A one-value list for checkForm, which reads it and keeps nothing. */
function oneValue(v: string): string[] {
  ONE[0] = v;
  return ONE;
}

/** Whether iptables checks the value of an extension option given `given` arguments. */
export function argsChecked(count: number | 'optional', given: number): boolean {
  return count === 'optional' ? given > 0 : given === count || (count === 2 && given > 0);
}

/** What checkForm says of an option's arguments, as the reader checks them. */
export function valueProblem(form: ArgForm, args: readonly Token[], family: Family, ext: string, option: string, protocol: string | undefined): string | undefined {
  const check = reader.check;
  check.family = family;
  check.ext = ext;
  check.option = option;
  check.protocol = protocol;
  return checkForm(form, args.length === 1 ? oneValue(args[0].value) : args.map((a) => a.value), check);
}

/** A parsed rule of these parts, with nothing worked out yet (one shape for every rule). */
export function newRule(command: Command | undefined, core: OptionUse[], matches: MatchUse[], target: TargetUse | undefined): ParsedRule {
  return { command, core, matches, target, stray: NONE, problems: NONE, finalMemo: undefined, kernelMemo: undefined, hostBitsMemo: undefined, shadowPort: -2, shadowSrc: undefined, shadowDst: undefined, shadowSrcHash: 0, shadowDstHash: 0, walkMemo: 0 };
}

function emptyRule(): ParsedRule {
  return { command: undefined, core: NONE, matches: NONE, target: undefined, stray: NONE, problems: NONE, finalMemo: undefined, kernelMemo: undefined, hostBitsMemo: undefined, shadowPort: -2, shadowSrc: undefined, shadowDst: undefined, shadowSrcHash: 0, shadowDstHash: 0, walkMemo: 0 };
}

/** What a flag is, worked out once per spelling: a big file reads the same few flags on every line. */
interface FlagInfo {
  long: string | undefined;
  short: string | undefined;
  /** The command it gives (a short command letter must be upper case). */
  command: CommandName | undefined;
  /** The core option it names, by short letter (a long name an extension claims exactly still counts here). */
  coreKey: string | undefined;
  coreSpec: OptionSpec | undefined;
  /** A short letter that is no core option. */
  unknownShort: boolean;
  /** An option iptables-restore accepts and ignores (`-v`, `--wait`...). */
  noop: boolean;
}

function flagInfo(long: string | undefined, short: string | undefined): FlagInfo {
  const command = short !== undefined ? COMMANDS.get(short) : COMMANDS.get(long ?? '');
  const coreKey = long !== undefined ? CORE_LONG_TO_SHORT.get(long) : short;
  const unknownShort = short !== undefined && !CORE_BY_SHORT.has(short);
  return {
    long,
    short,
    command: command && (short === undefined || short.toUpperCase() === short) ? command : undefined,
    coreKey,
    coreSpec: coreKey !== undefined ? CORE_BY_SHORT.get(coreKey) : undefined,
    unknownShort,
    noop: unknownShort ? ACCEPTED_NOOPS.has(short as string) : long !== undefined && coreKey === undefined && ACCEPTED_NOOPS.has(long),
  };
}

// By spelling (`--dport`) and by letter: one lookup per flag instead of one per question.
const LONG_FLAGS = new Map<string, FlagInfo>();
const SHORT_FLAGS = new Map<string, FlagInfo>();
function longFlag(flag: string): FlagInfo {
  let info = LONG_FLAGS.get(flag);
  if (info === undefined) {
    info = flagInfo(flag.slice(2), undefined);
    if (LONG_FLAGS.size < 4096) LONG_FLAGS.set(flag, info);
  }
  return info;
}
function shortFlag(letter: string): FlagInfo {
  let info = SHORT_FLAGS.get(letter);
  if (info === undefined) {
    info = flagInfo(undefined, letter);
    if (SHORT_FLAGS.size < 4096) SHORT_FLAGS.set(letter, info);
  }
  return info;
}

function spelledOf(long: string | undefined, short: string | undefined): string {
  return long !== undefined ? `--${long}` : `-${short}`;
}

export function looksLikeOption(t: Token): boolean {
  return (t.value.length > 1 && t.value[0] === '-') || t.value === '!';
}

function hasOption(options: readonly OptionUse[], spec: OptionSpec): boolean {
  for (let k = 0; k < options.length; k++) if (options[k].spec === spec) return true;
  return false;
}

function ownerName(use: MatchUse | TargetUse): string | undefined {
  return 'module' in use ? use.module : use.name?.value;
}
