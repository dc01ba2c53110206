import type { LoadedSpec, OptionSpec } from '../kb';
import type { IptablesVersion } from '../kb/releases';
import type { VersionChoice } from './version';

// The parsed shape of an iptables-restore file. Lines are 0-based; characters are UTF-16 offsets
// (JavaScript string indices), which is what LSP positions count.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** One argument as iptables-restore splits it: `value` has quotes and escapes removed. */
export interface Token {
  text: string;
  value: string;
  start: number;
  end: number;
  quoted: boolean;
}

interface LineBase {
  index: number;
  /** The line without its `\n` and without a trailing `\r`. */
  text: string;
  /** The line ended in `\r\n`. */
  cr: boolean;
  /** The table block this line is read in; undefined outside any table (iptables fails there). */
  block: TableBlock | undefined;
}

export interface BlankLine extends LineBase {
  kind: 'blank';
}

export interface CommentLine extends LineBase {
  kind: 'comment';
}

export interface TableLine extends LineBase {
  kind: 'table';
  name: Token | undefined;
}

export interface ChainLine extends LineBase {
  kind: 'chain';
  name: Token | undefined;
  policy: Token | undefined;
  counters: Token | undefined;
}

export interface CommitLine extends LineBase {
  kind: 'commit';
}

export interface RuleLine extends LineBase {
  kind: 'rule';
  counters: Token | undefined;
  // The line's token list is not kept (see `tokensOf` in rule-text.ts): the rule's parts hold every
  // token, and a list per line would cost a 100,000-rule file 13 MB and its garbage collection.
  rule: ParsedRule;
  /**
   * A hash of the rule's arguments joined by single blanks (`ruleText`), taken as the parse splits
   * the line: duplicate rules are found without reading every line's text again.
   */
  textHash: number;
}

export type Line = BlankLine | CommentLine | TableLine | ChainLine | CommitLine | RuleLine;

export type CommandName =
  | 'append'
  | 'insert'
  | 'delete'
  | 'replace'
  | 'check'
  | 'policy'
  | 'new-chain'
  | 'flush'
  | 'zero'
  | 'delete-chain'
  | 'rename-chain'
  | 'list'
  | 'list-rules';

export interface Command {
  flag: Token;
  name: CommandName;
  chain: Token | undefined;
  /** Arguments after the chain: a rule number, a policy, a new chain name. */
  args: Token[];
}

/** One option as written: `[!] --flag [args...]`. */
export interface OptionUse {
  flag: Token;
  /** Canonical long name without dashes, e.g. `dport`, `protocol`, `source`. */
  name: string;
  negation: Token | undefined;
  args: Token[];
  /** The match (`tcp`, `multiport`...) or target (`LOG`...) that owns it; undefined for core options. */
  owner: string | undefined;
  /** What the knowledge base says about it. */
  spec?: OptionSpec;
  /**
   * The argument as the reachability engine reads it (addresses, ports), worked out on first use:
   * a file is walked many times. Set to undefined by the parser so every option keeps one shape.
   */
  parsed?: unknown;
}

export interface MatchUse {
  /** `-m NAME` token, or the `-p` value token for a protocol's implicit match. */
  name: Token;
  module: string;
  implicit: boolean;
  options: OptionUse[];
  /** Undefined for a match iptables does not have. */
  spec?: LoadedSpec;
}

export interface TargetUse {
  flag: Token;
  name: Token | undefined;
  goto: boolean;
  options: OptionUse[];
  /** Set for a target extension (not for ACCEPT/DROP/RETURN/QUEUE or a chain). */
  spec?: LoadedSpec;
}

/** Something iptables refuses while reading a rule's arguments; `start`/`end` are offsets in the line. */
export interface RuleProblem {
  code: string;
  message: string;
  start: number;
  end: number;
  /** For an unknown option: its name without dashes. */
  option?: string;
  /**
   * Found once every argument is read (a trailing `!`, the address of `-s` or `-d`): iptables reports
   * it only after the extensions' final checks and the command check pass. A rule's late problems
   * come after all its others.
   */
  late?: true;
}

/**
 * The types of what later stages keep on a parsed rule, by name. The model holds the fields and
 * names none of their types: each stage declares its own here by declaration merging
 * (`declare module '../syntax/model' { interface RuleMemoTypes { kernel: KernelVerdict } }`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RuleMemoTypes {}

/** A memo field: the type its stage declares, or undefined until the stage works it out. */
export type RuleMemo<K extends string> = (K extends keyof RuleMemoTypes ? RuleMemoTypes[K] : never) | undefined;

export interface ParsedRule {
  command: Command | undefined;
  /** Core options (`-p -s -d -i -o -f`) in order. */
  core: OptionUse[];
  matches: MatchUse[];
  target: TargetUse | undefined;
  /** Tokens that are neither a command, an option nor an option's argument. */
  stray: Token[];
  /** What iptables refuses while reading the arguments, in the order it meets them. */
  problems: RuleProblem[];
  /** The iptables release the rule was read for: the extensions' final checks and the kernel's verdict follow it too. */
  release: IptablesVersion;
  // What the checks work out from this rule alone, on first use. Kept on the rule (an incremental
  // parse keeps the rule of an unchanged line) rather than in weak maps, which cost a 100,000-rule
  // file a hash lookup per rule and check. Each field belongs to the module that fills it, which
  // also declares its type (see RuleMemoTypes).
  /** analysis/rule-problems.ts: the extensions' final checks (null: none fails). */
  finalMemo: RuleProblem | null | undefined;
  /** analysis/kernel-verdict.ts: the kernel's verdict, with what it was worked out for. */
  kernelMemo: RuleMemo<'kernel'>;
  /** analysis/addresses.ts: where the rule's addresses load other than written (host bits, octal). */
  hostBitsMemo: RuleMemo<'addresses'>;
  // shadow-keys.ts: what shadowed-rule files the rule under, kept in the rule itself (a key object
  // per rule would cost a 100,000-rule file as much again).
  /** One required destination port; -1: none; -2: not worked out yet. */
  shadowPort: number;
  /** One source host and one destination host, as iptables-save writes a host. */
  shadowSrc: string | undefined;
  shadowDst: string | undefined;
  /** Hashes of the two hosts (0: no host). */
  shadowSrcHash: number;
  shadowDstHash: number;
  /** evaluate.ts: bits of what the walks ask of every rule (0: not worked out yet). */
  walkMemo: number;
}

export interface TableBlock {
  name: string;
  header: TableLine;
  commit: CommitLine | undefined;
  /** The line that ended the block when it was not committed: the next `*table` line, or none (end of file). */
  interruptedBy: TableLine | undefined;
  lines: Line[];
  /** The block's `:chain` lines and `-N` rules, in order: what declares its chains. */
  declarations: Line[];
}

export interface ParsedFile {
  lines: Line[];
  blocks: TableBlock[];
  /** How iptables-restore counts lines: a final line without `\n` still counts. */
  lineCount: number;
  /** The text ended with `\n`. */
  endsWithNewline: boolean;
  /** iptables (ipv4) or ip6tables (ipv6): which binary reads it. */
  family: 'ipv4' | 'ipv6';
  /** The iptables release it is checked for (the values some releases refuse), and why. */
  version: VersionChoice;
  /** Rule lines by the match modules they load, in file order: how checks find the lines they concern. */
  byMatch: Map<string, RuleLine[]>;
  /** Rule lines by the name after `-j`/`-g`, in file order. */
  byTarget: Map<string, RuleLine[]>;
  /** The comment lines, in order (suppressions are read from them). */
  comments: Line[];
  /** How many lines this parse read (the rest it took unchanged from the previous parse). */
  reread: number;
  /** Of those, the rule lines read as the template of their shape with the values swapped (rule-templates.ts). */
  templated: number;
  // Counted as the lines go by, so the checks that look for them need not read every line.
  /** Lines that ended in `\r\n`. */
  crLines: number;
  /** Statements outside any table block (not counting `*table` lines). */
  outsideTables: number;
}
