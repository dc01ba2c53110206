// Reads a rule's arguments the way iptables does: getopt_long over the core options plus the
// options of every extension loaded so far (newest first), with `--opt=value`, `-pVALUE`, unique
// prefixes, and the protocol's match loaded on demand after `-p`.
import { argCount, checkForm, otherFamily, type ArgForm, type FormContext } from '../kb/forms';
import { NAT_PORTS_NEED_PROTOCOL, type Family } from '../kb/forms';
import { CORE_BY_SHORT, CORE_LONG_TO_SHORT, findMatch, isStandardTarget, findTarget, type LoadedSpec, type OptionSpec } from '../kb';
import { protocolMatch, resolveProtocol } from '../kb/protocols';
import { ATTACHED_ARGUMENT_IS_WHOLE_WORD, DEFAULT_VERSION, holdsIn, type IptablesVersion } from '../kb/releases';
import { PARSE_CHECKS } from '../kb/final-checks';
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
export function parseRuleTokens(tokens: Token[], family: Family = 'ipv4', shared?: SharedParts, count = tokens.length, release: IptablesVersion = DEFAULT_VERSION): ParsedRule {
  const s = STATE;
  beginRule(s, tokens, family, count, shared);
  s.release = release;
  s.rule.release = release;
  const rule = readRule(s);
  endRule(s);
  // Lists grown by push keep room for 17 or more items; a 100,000-rule file keeps every list alive,
  // so each is cut to its length.
  rule.core = fit(rule.core);
  rule.matches = fit(rule.matches);
  for (const m of rule.matches) m.options = fit(m.options);
  if (rule.target) rule.target.options = fit(rule.target.options);
  if (shared) share(rule, shared, s);
  return rule;
}

/**
 * Options, matches and targets made only of shared tokens, kept once per parse: like the tokens
 * they are never changed after parsing, and lines from one template (`-p tcp`, `-j ACCEPT`,
 * `-m conntrack --ctstate NEW`) then hold the same objects. A part keeps what it caches
 * (`OptionUse.parsed`), which depends on its own words only.
 */
export type SharedParts = Map<Token, Array<OptionUse | MatchUse | TargetUse | Command>>;

function share(rule: ParsedRule, parts: SharedParts, s: ReadState): void {
  const c = rule.command;
  if (c) rule.command = shareCommand(c, parts);
  // Options the reader took from the shared parts are filed already: only the ones it made are
  // looked up here.
  for (let k = 0; k < rule.core.length; k++) if (!took(s, rule.core[k])) rule.core[k] = sharedOption(rule.core[k], parts);
  for (let k = 0; k < rule.matches.length; k++) {
    const m = rule.matches[k];
    for (let j = 0; j < m.options.length; j++) if (!took(s, m.options[j])) m.options[j] = sharedOption(m.options[j], parts);
    rule.matches[k] = shareMatch(m, parts);
  }
  const t = rule.target;
  if (t) {
    for (let j = 0; j < t.options.length; j++) if (!took(s, t.options[j])) t.options[j] = sharedOption(t.options[j], parts);
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

/**
 * What reading one rule needs as it goes, handed to each step of the reader. One state serves every
 * line (parsing never re-enters itself): a 100,000-rule file then costs no closures, maps or sets
 * per line, only what the parsed rule keeps. `beginRule` readies it for a line, `readRule` returns
 * the rule, and `endRule` drops what the line held.
 */
interface ReadState {
  rule: ParsedRule;
  tokens: Token[];
  n: number;
  /** The next token to read. */
  i: number;
  family: Family;
  /** The iptables release the values are checked for. */
  release: IptablesVersion;
  /** Extensions loaded so far, oldest first (the first `loadedCount`; the slots are reused). */
  loaded: Loaded[];
  loadedCount: number;
  /** Core option letters seen in this rule: a letter's slot holds the rule's generation. */
  readonly seenCore: Uint32Array;
  generation: number;
  negation: Token | undefined;
  protocol: string | undefined;
  autoloaded: boolean;
  endOfOptions: boolean;
  /** This parse's shared parts, to look a repeated option up before making it. */
  parts: SharedParts | undefined;
  /** The options of this rule taken from the shared parts (the first `takenCount`). */
  readonly taken: OptionUse[];
  takenCount: number;
  /** The token of `-p`'s value, which names the implicit match. */
  protocolToken: Token | undefined;
}

function newReadState(): ReadState {
  return {
    rule: emptyRule(),
    tokens: NONE,
    n: 0,
    i: 0,
    family: 'ipv4',
    release: DEFAULT_VERSION,
    loaded: [],
    loadedCount: 0,
    seenCore: new Uint32Array(128),
    generation: 1,
    negation: undefined,
    protocol: undefined,
    autoloaded: false,
    endOfOptions: false,
    parts: undefined,
    taken: [],
    takenCount: 0,
    protocolToken: undefined,
  };
}

function beginRule(s: ReadState, tokens: Token[], family: Family, count: number, parts: SharedParts | undefined): void {
  s.rule = emptyRule();
  s.tokens = tokens;
  s.n = count;
  s.i = 0;
  s.family = family;
  s.loadedCount = 0;
  s.takenCount = 0;
  if (++s.generation === 0xffffffff) {
    s.seenCore.fill(0);
    s.generation = 1;
  }
  s.negation = undefined;
  s.protocol = undefined;
  s.autoloaded = false;
  s.endOfOptions = false;
  s.parts = parts;
  s.protocolToken = undefined;
}

/** Drops what the last rule's reading holds, so the state keeps no rule alive. */
function endRule(s: ReadState): void {
  s.rule = RELEASED;
  s.tokens = NONE;
  for (let k = 0; k < s.loadedCount; k++) s.loaded[k].use = RELEASED_USE;
  s.loadedCount = 0;
  s.parts = undefined;
  s.negation = undefined;
  s.protocolToken = undefined;
}

/** A shared option found for this rule, or undefined. */
function take(s: ReadState, o: OptionUse | undefined): OptionUse | undefined {
  if (o) s.taken[s.takenCount++] = o;
  return o;
}

/** Whether the last rule read took `o` from the shared parts. */
function took(s: ReadState, o: OptionUse): boolean {
  for (let k = 0; k < s.takenCount; k++) if (s.taken[k] === o) return true;
  return false;
}

/** Whether core option `key` came earlier in this rule; it counts as seen from now on. */
function seen(s: ReadState, key: string): boolean {
  const slot = key.charCodeAt(0) & 127;
  const was = s.seenCore[slot] === s.generation;
  s.seenCore[slot] = s.generation;
  return was;
}

function problem(s: ReadState, p: RuleProblem): void {
  s.rule.problems = add(s.rule.problems, p);
}

function load(s: ReadState, use: MatchUse | TargetUse, spec: LoadedSpec): void {
  const slot = s.loaded[s.loadedCount];
  if (slot) {
    slot.use = use;
    slot.spec = spec;
  } else s.loaded.push({ use, spec });
  s.loadedCount++;
}

function isLoaded(s: ReadState, module: string): boolean {
  for (let k = 0; k < s.loadedCount; k++) {
    const use = s.loaded[k].use;
    if ('module' in use && use.module === module) return true;
  }
  return false;
}

function takeRequired(s: ReadState, flag: Token, attached: Token | undefined, spelled: string): Token | undefined {
  if (attached) return attached;
  if (s.i < s.n) return s.tokens[s.i++];
  problem(s, { code: 'unknown-option', message: `option "${spelled}" requires an argument`, start: flag.start, end: flag.end });
  return undefined;
}

/** Reads the rule's tokens, word by word, and returns the rule. */
function readRule(s: ReadState): ParsedRule {
  const tokens = s.tokens;
  while (s.i < s.n) {
    const tok = tokens[s.i++];
    const v = tok.value;
    if (s.endOfOptions || v.length < 2 || v.charCodeAt(0) !== DASH) readWord(s, tok);
    else if (v === '--') s.endOfOptions = true;
    else readFlag(s, tok);
  }
  // What iptables checks after reading every argument, in its order: a `!` with no option after it,
  // then the source address, then the destination (whatever order they were written in).
  if (s.negation) problem(s, { code: 'malformed-rule', message: 'nothing appropriate following !', start: s.negation.start, end: s.negation.end, late: true });
  checkAddress(s, SOURCE);
  checkAddress(s, DESTINATION);
  return s.rule;
}

const SOURCE = CORE_BY_SHORT.get('s') as OptionSpec;
const DESTINATION = CORE_BY_SHORT.get('d') as OptionSpec;

/** The first `-s` or `-d` of the rule, checked as iptables checks it: once every argument is read. */
function checkAddress(s: ReadState, spec: OptionSpec): void {
  const core = s.rule.core;
  for (let k = 0; k < core.length; k++) {
    const use = core[k];
    if (use.spec !== spec) continue;
    if (use.args.length > 0) checkValue(s, spec.form, use, 'iptables', true);
    return;
  }
}

/** A word where an option should be: a `!`, or a stray word. */
function readWord(s: ReadState, tok: Token): void {
  const v = tok.value;
  if (v === '!' && !s.endOfOptions) {
    if (s.negation) problem(s, { code: 'malformed-rule', message: 'multiple consecutive ! not allowed', start: tok.start, end: tok.end });
    s.negation = tok;
    return;
  }
  s.rule.stray = add(s.rule.stray, tok);
  const code = !tok.quoted && v[0] === '#' ? 'inline-comment' : 'malformed-rule';
  problem(s, { code, message: `Bad argument \`${v}'`, start: tok.start, end: tok.end });
}

/** A flag: works out which option it is, and any argument attached to it, and reads it. */
function readFlag(s: ReadState, tok: Token): void {
  const v = tok.value;
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
    readCommand(s, tok, info.command, attached, attached ? spelledOf(long, short) : v);
    return;
  }
  if (info.unknownShort) {
    if (short === 't') problem(s, { code: 'malformed-rule', message: 'The -t option cannot be used in iptables-restore.', start: tok.start, end: tok.end });
    else if (!info.noop) problem(s, { code: 'unknown-option', message: `unknown option "${v}"`, start: tok.start, end: tok.end });
    s.negation = undefined;
    return;
  }
  if (info.noop) {
    s.negation = undefined;
    return;
  }
  if (info.coreKey !== undefined) {
    readCore(s, info.coreKey, info.coreSpec as OptionSpec, tok, attached, attached ? spelledOf(long, short) : v);
    return;
  }
  readExtensionOption(s, long as string, tok, attached);
}

function readCommand(s: ReadState, tok: Token, commandName: CommandName, attached: Token | undefined, spelled: string): void {
  const { tokens, n, rule } = s;
  if (rule.command) {
    problem(s, { code: 'malformed-rule', message: `Can't use ${spelled} with ${rule.command.flag.value}`, start: tok.start, end: tok.end });
  }
  let chain = attached;
  const needsChain = NEEDS_CHAIN.has(commandName);
  if (!chain && s.i < n && (needsChain || !looksLikeOption(tokens[s.i]))) chain = tokens[s.i++];
  if (!chain && needsChain) problem(s, { code: 'malformed-rule', message: `option "${spelled}" requires an argument`, start: tok.start, end: tok.end });
  let args: Token[] = NONE;
  if (commandName === 'insert' || commandName === 'replace' || commandName === 'delete') {
    if (s.i < n && /^\d+$/.test(tokens[s.i].value)) args = [tokens[s.i++]];
  } else if (commandName === 'policy' || commandName === 'rename-chain') {
    if (s.i < n && !looksLikeOption(tokens[s.i])) args = [tokens[s.i++]];
  }
  if (!rule.command) rule.command = (args === NONE && existingCommand(s.parts, tok, commandName, chain)) || { flag: tok, name: commandName, chain, args };
  s.negation = undefined;
}

/** An extension option: exact name first, then a unique prefix, over what is loaded so far. */
function readExtensionOption(s: ReadState, name: string, tok: Token, attached: Token | undefined): void {
  const spelled = attached ? `--${name}` : tok.value;
  let found = resolve(s, name);
  if (typeof found === 'string') {
    readCore(s, found, CORE_BY_SHORT.get(found) as OptionSpec, tok, attached, spelled);
    return;
  }
  if (found === undefined && s.protocol !== undefined && !s.autoloaded && autoloadProtocol(s, tok)) found = resolve(s, name);
  if (found === undefined || found === AMBIGUOUS || typeof found === 'string') {
    problem(s, { code: 'unknown-option', message: `unknown option "${spelled}"`, start: tok.start, end: tok.end, option: name });
    // Skip what looks like its arguments so they do not read as stray words.
    while (s.i < s.n && !looksLikeOption(s.tokens[s.i])) s.i++;
    s.negation = undefined;
    return;
  }
  const { owner, option } = found;
  const negation = s.negation;
  const count = argCount(option.form);
  const args = readExtensionArgs(s, count, tok, attached, spelled);
  const ownerText = ownerName(owner.use);
  const use: OptionUse = (args.length <= 1 && take(s, existingOption(s.parts, tok, negation, option, ownerText, args[0]))) || { flag: tok, name: option.name, negation, args, owner: ownerText, spec: option, parsed: undefined };
  const extName = owner.spec.spec.name;
  // In `repeated`'s releases the table lets the option repeat and the extension's parser refuses it.
  const ownRepeat = option.repeated !== undefined && holdsIn(option.repeated.releases, s.release) ? option.repeated.message : undefined;
  // libxtables refuses an option given again before it looks at a `!` (xtables_option_parse).
  if (ownRepeat === undefined && givenAgain(owner.use.options, option)) {
    const message = option.once?.message ?? `${extName}: option "--${printedName(option)}" can only be used once.`;
    problem(s, { code: 'invalid-option-use', message, start: tok.start, end: tok.end });
  } else if (negation && !option.invert) {
    const message = option.invertMessage ?? `${extName}: option "--${printedName(option)}" cannot be inverted.`;
    problem(s, { code: 'invalid-option-use', message, start: negation.start, end: tok.end });
  } else if (ownRepeat !== undefined && hasOption(owner.use.options, option)) {
    problem(s, { code: 'invalid-option-use', message: ownRepeat, start: tok.start, end: tok.end });
  } else if (argsChecked(count, args.length) || count === 0) {
    const before = s.rule.problems.length;
    if (count !== 0) checkValue(s, option.form, use, extName);
    // The extension's parser's own checks, once the value has passed.
    const own = s.rule.problems.length === before ? PARSE_CHECKS[extName]?.(use, owner.use.options) : undefined;
    if (own) problem(s, { code: own.code, message: own.message, start: tok.start, end: (args[args.length - 1] ?? tok).end });
  }
  owner.use.options = add(owner.use.options, use);
  s.negation = undefined;
}

/** Loads the match `-p` names, as iptables does for an option no loaded extension knows; whether it did. */
function autoloadProtocol(s: ReadState, tok: Token): boolean {
  const proto = protocolMatch(s.protocol as string);
  const spec = proto ? findMatch(proto, s.family) : undefined;
  s.autoloaded = true;
  if (!spec || isLoaded(s, spec.spec.name)) return false;
  const use: MatchUse = { name: s.protocolToken ?? tok, module: spec.spec.name, implicit: true, options: NONE, spec };
  load(s, use, spec);
  s.rule.matches = add(s.rule.matches, use);
  return true;
}

/** The arguments an extension option takes: `count` of them, or one if it is optional and given. */
function readExtensionArgs(s: ReadState, count: number | 'optional', tok: Token, attached: Token | undefined, spelled: string): Token[] {
  const { tokens, n } = s;
  let args: Token[] = NONE;
  if (count === 'optional') {
    if (attached) args = [attached];
    else if (s.i < n && !looksLikeOption(tokens[s.i])) args = [tokens[s.i++]];
  } else if (count >= 1) {
    const first = takeRequired(s, tok, attached, spelled);
    if (first) args = [first];
    for (let k = 1; k < count; k++) {
      if (s.i < n && !looksLikeOption(tokens[s.i])) args = add(args, tokens[s.i++]);
    }
  } else if (attached) {
    problem(s, { code: 'unknown-option', message: `option "${spelled}" doesn't allow an argument`, start: tok.start, end: tok.end });
  }
  return args;
}

/** An option of a loaded extension, and the extension. */
interface Hit {
  readonly owner: Loaded;
  readonly option: OptionSpec;
}
/** What `resolve` says of a prefix that two or more options could spell. */
const AMBIGUOUS: unique symbol = Symbol('ambiguous');

/**
 * The option `name` spells: an extension's option, the letter of a core option, `AMBIGUOUS`, or
 * undefined for none.
 */
function resolve(s: ReadState, name: string): Hit | string | typeof AMBIGUOUS | undefined {
  const loaded = s.loaded;
  // Every spelling of every loaded option goes to the newest extension that has it.
  for (let k = s.loadedCount - 1; k >= 0; k--) {
    const option = loaded[k].spec.options.get(name);
    if (option) return { owner: loaded[k], option };
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
  for (let k = s.loadedCount - 1; k >= 0; k--) {
    for (const [spelling, option] of loaded[k].spec.options) {
      if (!spelling.startsWith(name)) continue;
      if (hitOption && (hitOption !== option || hitOwner !== loaded[k])) ambiguous = true;
      hitOwner = loaded[k];
      hitOption = option;
    }
  }
  if (coreHit && hitOption) ambiguous = true;
  if (ambiguous) return AMBIGUOUS;
  if (coreHit) return coreHit;
  return hitOption ? { owner: hitOwner as Loaded, option: hitOption } : undefined;
}

/** A core option, by its letter. */
function readCore(s: ReadState, key: string, spec: OptionSpec, tok: Token, attached: Token | undefined, spelled: string): void {
  const neg = s.negation;
  s.negation = undefined;
  if (key === '4' || key === '6') {
    s.rule.core = add(s.rule.core, { flag: tok, name: spec.name, negation: neg, args: NONE, owner: undefined, spec, parsed: undefined });
    return;
  }
  if (key === 'f') {
    if (s.family === 'ipv6') problem(s, { code: 'unknown-option', message: 'ip6tables has no -f (fragment) option; use `-m frag`', start: tok.start, end: tok.end });
    pushCore(s, spec, tok, NONE, neg, 'f');
    return;
  }
  const whole = attached && (key === 'p' || key === 's' || key === 'd') && holdsIn(ATTACHED_ARGUMENT_IS_WHOLE_WORD, s.release);
  const first = takeRequired(s, tok, whole ? tok : attached, spelled);
  if (!first) return;
  if (key === 'm') readMatch(s, first, neg);
  else if (key === 'j' || key === 'g') readTarget(s, key, tok, first, neg);
  else if (key === 'c') readCounters(s, spec, tok, first, neg);
  else {
    pushCore(s, spec, tok, first, neg, key);
    if (key === 'p') {
      s.protocol = first.value.toLowerCase();
      s.protocolToken = first;
      const number = resolveProtocol(s.protocol);
      if (neg && number === 0) problem(s, { code: 'invalid-value', message: 'rule would never match protocol', start: first.start, end: first.end });
    }
  }
}

/** `-m NAME`: the match, loaded where the knowledge base has it. */
function readMatch(s: ReadState, first: Token, neg: Token | undefined): void {
  if (neg) problem(s, { code: 'malformed-rule', message: 'unexpected ! flag before --match', start: neg.start, end: neg.end });
  const spec = findMatch(first.value, s.family);
  // The knowledge base's own string, hashed once, keeps the per-line map lookups cheap.
  const module = spec?.spec.name === first.value ? spec.spec.name : first.value;
  const use: MatchUse = { name: first, module, implicit: false, options: NONE, spec };
  s.rule.matches = add(s.rule.matches, use);
  if (!spec) {
    problem(s, { code: 'unknown-extension', message: `Couldn't load match \`${first.value}':No such file or directory`, start: first.start, end: first.end });
    return;
  }
  load(s, use, spec);
}

/** `-j NAME` or `-g CHAIN`: the target, loaded where it is an extension. */
function readTarget(s: ReadState, key: string, tok: Token, first: Token, neg: Token | undefined): void {
  if (neg) problem(s, { code: 'malformed-rule', message: `cannot have ! before -${key}`, start: neg.start, end: neg.end });
  if (seen(s, 'j')) problem(s, { code: 'malformed-rule', message: 'multiple -j flags not allowed', start: tok.start, end: tok.end });
  const ext = !isStandardTarget(first.value) && key === 'j' ? findTarget(first.value, s.family) : undefined;
  // Every target is made with all its fields, as the template reader makes its copies: one
  // object shape for all targets keeps the code that reads them fast from the first rule on.
  const target: TargetUse = { flag: tok, name: first, goto: key === 'g', options: NONE, spec: ext };
  if (ext) load(s, target, ext);
  s.rule.target = target;
}

/** `-c PKTS BYTES` or `-c PKTS,BYTES`. */
function readCounters(s: ReadState, spec: OptionSpec, tok: Token, first: Token, neg: Token | undefined): void {
  if (neg) problem(s, { code: 'malformed-rule', message: 'cannot have ! before -c', start: neg.start, end: neg.end });
  const args = [first];
  if (!first.value.includes(',') && s.i < s.n) args.push(s.tokens[s.i++]);
  pushCore(s, spec, tok, args, undefined, 'c');
  const [pkts, bytes] = first.value.includes(',') ? first.value.split(',') : [first.value, args[1]?.value ?? ''];
  if (!/^\d+$/.test(pkts ?? '')) problem(s, { code: 'invalid-value', message: '-c packet counter not numeric', start: first.start, end: first.end });
  else if (!/^\d+$/.test(bytes ?? '')) problem(s, { code: 'invalid-value', message: '-c byte counter not numeric', start: first.start, end: (args[1] ?? first).end });
}

/** A core option with its arguments (a list, or the one token). */
function pushCore(s: ReadState, spec: OptionSpec, tok: Token, given: Token[] | Token, neg: Token | undefined, key: string): void {
  if (neg && !spec.invert) problem(s, { code: 'invalid-option-use', message: `cannot have ! before -${key}`, start: neg.start, end: neg.end });
  if (seen(s, key)) problem(s, { code: 'malformed-rule', message: `multiple -${key} flags not allowed`, start: tok.start, end: tok.end });
  const one = Array.isArray(given) ? undefined : given;
  const args = one ? undefined : (given as Token[]);
  const use: OptionUse = (one && take(s, existingOption(s.parts, tok, neg, spec, undefined, one))) || { flag: tok, name: spec.name, negation: neg, args: args ?? [one as Token], owner: undefined, spec, parsed: undefined };
  // An address is checked once the whole rule is read (see checkAddress).
  if (key !== 'c' && key !== 's' && key !== 'd' && use.args.length > 0) checkValue(s, spec.form, use, 'iptables');
  s.rule.core = add(s.rule.core, use);
}

function checkValue(s: ReadState, form: ArgForm, use: OptionUse, ext: string, late = false): void {
  const message = valueProblem(form, use.args, s.family, ext, use.spec ? printedName(use.spec) : use.name, s.protocol, s.release, use.negation !== undefined);
  if (message === undefined) return;
  const arg = use.args[0];
  const addressLike = form.kind === 'address' || form.kind === 'address-list' || form.kind === 'address-range' || form.kind === 'nat-range' || form.kind === 'prefix';
  const last = use.args[use.args.length - 1];
  // A NAT target's ports in a rule whose -p (so far) names no protocol with ports.
  if (message === NAT_PORTS_NEED_PROTOCOL) {
    problem(s, { code: 'missing-protocol', message, start: arg.start, end: last.end, option: 'tcp' });
    return;
  }
  const code = addressLike && arg.value.split(',').some((v) => otherFamily(v, s.family)) ? 'address-family-mismatch' : 'invalid-value';
  problem(s, late ? { code, message, start: arg.start, end: last.end, option: use.name, late } : { code, message, start: arg.start, end: last.end, option: use.name });
}

const DASH = 45;
const RELEASED = emptyRule();
const RELEASED_USE: TargetUse = { flag: { text: '', value: '', start: 0, end: 0, quoted: false }, name: undefined, goto: false, options: NONE, spec: undefined };
const STATE = newReadState();
/** The context checkForm reads, filled in for each value checked. */
const CHECK: FormContext = { family: 'ipv4', ext: '', option: '', protocol: undefined, release: DEFAULT_VERSION };
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
export function valueProblem(form: ArgForm, args: readonly Token[], family: Family, ext: string, option: string, protocol: string | undefined, release: IptablesVersion = DEFAULT_VERSION, negated = false): string | undefined {
  const check = CHECK;
  check.family = family;
  check.release = release;
  check.negated = negated;
  check.ext = ext;
  check.option = option;
  check.protocol = protocol;
  return checkForm(form, args.length === 1 ? oneValue(args[0].value) : args.map((a) => a.value), check);
}

/** A parsed rule of these parts, with nothing worked out yet (one shape for every rule). */
export function newRule(command: Command | undefined, core: OptionUse[], matches: MatchUse[], target: TargetUse | undefined, release: IptablesVersion): ParsedRule {
  return { command, core, matches, target, stray: NONE, problems: NONE, release, finalMemo: undefined, kernelMemo: undefined, hostBitsMemo: undefined, shadowPort: -2, shadowSrc: undefined, shadowDst: undefined, shadowSrcHash: 0, shadowDstHash: 0, walkMemo: 0 };
}

function emptyRule(): ParsedRule {
  return { command: undefined, core: NONE, matches: NONE, target: undefined, stray: NONE, problems: NONE, release: DEFAULT_VERSION, finalMemo: undefined, kernelMemo: undefined, hostBitsMemo: undefined, shadowPort: -2, shadowSrc: undefined, shadowDst: undefined, shadowSrcHash: 0, shadowDstHash: 0, walkMemo: 0 };
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

/** Whether the extension already has the option, or one that takes its place, and may not have it again. */
function givenAgain(options: readonly OptionUse[], spec: OptionSpec): boolean {
  if (spec.multi) return false;
  if (hasOption(options, spec)) return true;
  const others = spec.once?.with;
  if (!others) return false;
  for (let k = 0; k < options.length; k++) if (others.includes(options[k].name)) return true;
  return false;
}

/** The spelling iptables prints for an option in its messages. */
export function printedName(spec: OptionSpec): string {
  return spec.printed ?? spec.name;
}

function ownerName(use: MatchUse | TargetUse): string | undefined {
  return 'module' in use ? use.module : use.name?.value;
}
