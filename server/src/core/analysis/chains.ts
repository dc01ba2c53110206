// How the rules of a block use its chains: rules appended to or jumping to a chain the block never
// declares (undefined-chain) or declares only further down (chain-declared-late), and the jumps
// between chains that load, from which come the hooks that reach each chain (for the kernel's
// verdict) and the loops (jump-loop).
import { findTarget, isStandardTarget, otherFamilyExtension, STANDARD_TARGETS } from '../kb';
import type { RuleLine, TableBlock, Token } from '../syntax/model';
import { builtinChains, tableWithChain } from '../kb/tables';
import type { Finding } from './finding';

/** A jump that loads: from a chain, by a rule, to a user chain declared before it. */
export interface Jump {
  to: string;
  line: RuleLine;
}

/** A block's chains as its rules use them. */
export interface BlockChains {
  builtins: ReadonlySet<string>;
  /** Chains by the first line that declares them (`:NAME` or `-N NAME`). */
  declared: ReadonlyMap<string, number>;
  /** The jumps that load, by the chain they leave. */
  jumps: ReadonlyMap<string, Jump[]>;
  /** The built-in chains (hooks) each chain is reached from. */
  hooks: ReadonlyMap<string, ReadonlySet<string>>;
}

const RULE_COMMANDS = new Set(['append', 'insert', 'replace', 'check', 'delete']);

/** What a block's walk gathers of its chains, one rule at a time (see block-pass.ts). */
export interface ChainWalk {
  table: string;
  family: 'ipv4' | 'ipv6';
  builtins: Set<string>;
  declared: Map<string, number>;
  jumps: Map<string, Jump[]>;
}

export function startChains(block: TableBlock, family: 'ipv4' | 'ipv6'): ChainWalk {
  return { table: block.name, family, builtins: new Set<string>(builtinChains(block.name)), declared: declarations(block), jumps: new Map() };
}

function declarations(block: TableBlock): Map<string, number> {
  const declared = new Map<string, number>();
  for (const line of block.declarations) {
    const name = line.kind === 'chain' ? line.name?.value : line.kind === 'rule' && line.rule.command?.name === 'new-chain' ? line.rule.command.chain?.value : undefined;
    if (name !== undefined && !declared.has(name)) declared.set(name, line.index);
  }
  return declared;
}

/** One rule that iptables reads without a problem: the chain it uses, the chain it jumps to. */
export function chainStep(walk: ChainWalk, line: RuleLine, out: Finding[]): void {
  const cmd = line.rule.command;
  const chain = cmd?.chain?.value;
  if (!cmd || chain === undefined || !RULE_COMMANDS.has(cmd.name)) return;
  const { builtins, declared, table } = walk;
  if (!builtins.has(chain)) {
    const at = declared.get(chain);
    const tok = cmd.chain ?? cmd.flag;
    if (at === undefined) return void out.push(undeclaredChain(line, tok, chain, table));
    if (at > line.index) return void out.push(declaredLate(line, tok, chain, at, 'used'));
  }
  const target = line.rule.target;
  const to = target?.name?.value;
  if (!target || to === undefined || target.spec || isStandardTarget(to)) return;
  const tok = target.name ?? target.flag;
  const at = declared.get(to);
  if (at === undefined || builtins.has(to)) out.push(noSuchTarget(line, tok, to, table, builtins.has(to), walk.family));
  else if (at > line.index) out.push(declaredLate(line, tok, to, at, 'jumpedTo'));
  else {
    const list = walk.jumps.get(chain);
    if (list) list.push({ to, line });
    else walk.jumps.set(chain, [{ to, line }]);
  }
}

export function endChains(walk: ChainWalk): BlockChains {
  return { builtins: walk.builtins, declared: walk.declared, jumps: walk.jumps, hooks: hooksByChain(walk.builtins, walk.jumps) };
}

function undeclaredChain(line: RuleLine, tok: Token, chain: string, table: string): Finding {
  const other = tableWithChain(chain);
  const data = { chain, table, line: { line: line.index } };
  return {
    code: 'undefined-chain', line: line.index, start: tok.start, end: tok.end, subject: other ? undefined : chain,
    ...(other ? { messageId: 'otherTablesChain', data: { ...data, other } } : { messageId: 'undeclaredChain', data }),
  };
}

function noSuchTarget(line: RuleLine, tok: Token, to: string, table: string, builtin: boolean, family: 'ipv4' | 'ipv6'): Finding {
  const at = { code: 'undefined-chain', line: line.index, start: tok.start, end: tok.end };
  if (builtin) return { ...at, messageId: 'jumpToBuiltin', data: { target: to, line: { line: line.index } } };
  const upper = to.toUpperCase();
  if (STANDARD_TARGETS[upper] !== undefined || findTarget(upper, family)) return { ...at, messageId: 'targetCase', data: { target: to, upper } };
  if (otherFamilyExtension('target', to, family)) {
    const tools = family === 'ipv4' ? { tool: 'iptables', otherTool: 'ip6tables' } : { tool: 'ip6tables', otherTool: 'iptables' };
    return { ...at, messageId: 'otherFamilyTarget', data: { target: to, ...tools } };
  }
  return { ...at, subject: to, messageId: 'undeclaredTarget', data: { target: to, table } };
}

function declaredLate(line: RuleLine, tok: { start: number; end: number }, chain: string, at: number, how: 'used' | 'jumpedTo'): Finding {
  return {
    code: 'chain-declared-late', line: line.index, start: tok.start, end: tok.end, subject: chain,
    messageId: how, data: { chain, declared: { line: at } }, related: { line: at, messageId: 'declaredHere' },
  };
}

function hooksByChain(builtins: ReadonlySet<string>, jumps: ReadonlyMap<string, readonly Jump[]>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const hook of builtins) {
    const stack = [hook];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const c = stack.pop() as string;
      if (seen.has(c)) continue;
      seen.add(c);
      const set = out.get(c) ?? new Set<string>();
      set.add(hook);
      out.set(c, set);
      for (const e of jumps.get(c) ?? []) stack.push(e.to);
    }
  }
  return out;
}

// Which line the loader names depends on the back end: legacy stops at the rule, nft at the
// block's COMMIT (and only on a real load: its --test passes). The check picks the phrase ({stops}).
const NO_SUCH_TARGET = 'There is no target or chain called {target}: {stops}';
const NFT_NO_CHAIN = `iptables-nft-restore stops at the COMMIT on line {commit} with "Chain '{target}' does not exist"`;
const LEGACY_NO_TARGET = "iptables-legacy-restore stops at this line with \"Couldn't load target `{target}'\"";
const NO_SUCH_CHAIN = 'iptables-restore stops with "line {line} failed: No chain/target/match by that name."';

/** The templates of the findings, by the code of the check that reports them. */
export const CHAIN_MESSAGES = {
  'undefined-chain': {
    otherTablesChain: `The {table} table has no {chain} chain ({chain} belongs to {other}). ${NO_SUCH_CHAIN}`,
    undeclaredChain: `Chain {chain} is not declared in this {table} block. ${NO_SUCH_CHAIN} Declare it with ":{chain} - [0:0]" after "*{table}".`,
    jumpToBuiltin: '{target} is a built-in chain: rules cannot jump to it, and iptables-restore stops at line {line}.',
    targetCase: `${NO_SUCH_TARGET} Targets are case-sensitive: did you mean {upper}?`,
    otherFamilyTarget: `${NO_SUCH_TARGET} {target} is a target of {otherTool}, not of {tool}.`,
    undeclaredTarget: `${NO_SUCH_TARGET} Declare it with ":{target} - [0:0]" after "*{table}".`,
    stopsNft: `${NFT_NO_CHAIN}.`,
    stopsLegacy: `${LEGACY_NO_TARGET}.`,
    stopsBoth: `${NFT_NO_CHAIN}; ${LEGACY_NO_TARGET}.`,
    stopsUncommitted: `iptables-nft-restore stops with "Chain '{target}' does not exist" (legacy: "Couldn't load target \`{target}'").`,
  },
  'chain-declared-late': {
    used: 'Chain {chain} is used here but declared only at line {declared}: iptables-legacy-restore stops at this line, and iptables-nft-restore fails on the real load. Move ":{chain}" up to the top of the block.',
    jumpedTo: `Chain {chain} is jumped to here but declared only at line {declared}: iptables-legacy-restore stops at this line with "Couldn't load target \`{chain}'", and iptables-nft-restore fails on the real load. Move ":{chain}" up to the top of the block.`,
    declaredHere: 'declared here',
  },
} as const;
