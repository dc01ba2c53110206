// Chains as things to navigate: where each is declared and used, within its table block. Serves
// the outline, folding, go to definition, references, highlights and rename.
import type { Line, ParsedFile, Range, TableBlock, Token } from '../syntax/model';
import { STANDARD_TARGETS, findTarget, isStandardTarget } from '../kb';
import { isBuiltinChain } from '../kb/tables';

export interface ChainRef {
  /** 0-based line and the token's span in it. */
  line: number;
  start: number;
  end: number;
  kind: 'declaration' | 'command' | 'jump';
}

/** Every token of a line that names a chain, with how it names it. */
function chainTokens(line: Line): Array<{ token: Token; kind: ChainRef['kind'] }> {
  if (line.kind === 'chain') return line.name ? [{ token: line.name, kind: 'declaration' }] : [];
  if (line.kind !== 'rule') return [];
  const out: Array<{ token: Token; kind: ChainRef['kind'] }> = [];
  const cmd = line.rule.command;
  if (cmd?.chain) out.push({ token: cmd.chain, kind: cmd.name === 'new-chain' ? 'declaration' : 'command' });
  if (cmd?.name === 'rename-chain' && cmd.args[0]) out.push({ token: cmd.args[0], kind: 'declaration' });
  const target = line.rule.target;
  if (target?.name && !target.spec && !isStandardTarget(target.name.value)) out.push({ token: target.name, kind: 'jump' });
  return out;
}

/** The chain named at a position, and the block it belongs to. */
export function chainAt(file: ParsedFile, lineIndex: number, character: number): { block: TableBlock; name: string } | undefined {
  const line = file.lines[lineIndex];
  if (!line?.block) return undefined;
  for (const { token } of chainTokens(line)) {
    if (character >= token.start && character <= token.end) return { block: line.block, name: token.value };
  }
  return undefined;
}

/** Every place the block names the chain: `:NAME`, `-N`, `-A`/`-I`/... and `-j`/`-g`. */
export function chainRefs(block: TableBlock, name: string): ChainRef[] {
  const out: ChainRef[] = [];
  for (const line of block.lines) {
    for (const { token, kind } of chainTokens(line)) {
      if (token.value === name) out.push({ line: line.index, start: token.start, end: token.end, kind });
    }
  }
  return out;
}

export function refRange(r: ChainRef): Range {
  return { start: { line: r.line, character: r.start }, end: { line: r.line, character: r.end } };
}

export interface ChainInfo {
  name: string;
  builtin: boolean;
  declaredAt: number | undefined;
  policy: string | undefined;
  rules: number;
  /** Rules elsewhere that jump or go to it. */
  jumps: number;
}

/** What a hover or the outline says about a chain. */
export function chainInfo(block: TableBlock, name: string): ChainInfo {
  const builtin = isBuiltinChain(block.name, name);
  let declaredAt: number | undefined;
  let policy: string | undefined;
  let rules = 0;
  let jumps = 0;
  for (const line of block.lines) {
    if (line.kind === 'chain' && line.name?.value === name) {
      declaredAt ??= line.index;
      if (line.policy && line.policy.value !== '-') policy = line.policy.value;
    } else if (line.kind === 'rule') {
      const cmd = line.rule.command;
      if (cmd?.name === 'new-chain' && cmd.chain?.value === name) declaredAt ??= line.index;
      if ((cmd?.name === 'append' || cmd?.name === 'insert') && cmd.chain?.value === name) rules++;
      if (cmd?.name === 'policy' && cmd.chain?.value === name && cmd.args[0]) policy = cmd.args[0].value;
      if (line.rule.target?.name?.value === name) jumps++;
    }
  }
  return { name, builtin, declaredAt, policy, rules, jumps };
}

/** Chains the block declares or fills, in the order they first appear. */
export function chainsOf(block: TableBlock): string[] {
  const names: string[] = [];
  for (const line of block.lines) {
    const name = line.kind === 'chain' ? line.name?.value : line.kind === 'rule' ? line.rule.command?.chain?.value : undefined;
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Why `name` cannot be a new chain name, or undefined when it can. */
export function badChainName(name: string, block: TableBlock, family: 'ipv4' | 'ipv6'): string | undefined {
  if (!/^[^\s!"#'-][^\s"']*$/.test(name)) return 'A chain name cannot be empty, start with "-" or "!", or hold spaces or quotes.';
  if (name.length > 28) return 'iptables allows at most 28 characters in a chain name.';
  if (STANDARD_TARGETS[name] !== undefined || findTarget(name, family)) return `${name} is a target's name.`;
  if (isBuiltinChain(block.name, name)) return `${name} is a built-in chain of ${block.name}.`;
  if (chainsOf(block).includes(name)) return `The ${block.name} table already has a chain called ${name}.`;
  return undefined;
}
