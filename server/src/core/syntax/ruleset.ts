import type { ChainLine, ParsedFile, RuleLine, TableBlock, Token } from './model';
import { tokensOf } from './rule-text';
import { builtinChains } from '../kb/tables';

export interface PolicySource {
  value: string;
  token: Token;
  line: ChainLine | RuleLine;
}

export interface ChainModel {
  name: string;
  builtin: boolean;
  /** Built-in chains only; without a `:CHAIN POLICY` line the kernel's ACCEPT stays. */
  policy: PolicySource | undefined;
  declaredAt: ChainLine | RuleLine | undefined;
  rules: RuleLine[];
}

export interface TableModel {
  name: string;
  block: TableBlock;
  chains: Map<string, ChainModel>;
  /** A rule of the block sets packet or connection marks (MARK, CONNMARK): what its chains read of a mark may change on the way. */
  marking?: boolean;
}

/** Replays one table block's chain lines and commands into the chains the kernel would hold. */
export function buildTable(block: TableBlock): TableModel {
  const chains = new Map<string, ChainModel>();
  const builtins = builtinChains(block.name);
  for (const name of builtins) chains.set(name, { name, builtin: true, policy: undefined, declaredAt: undefined, rules: [] });
  const chain = (name: string): ChainModel => {
    let c = chains.get(name);
    if (!c) {
      c = { name, builtin: false, policy: undefined, declaredAt: undefined, rules: [] };
      chains.set(name, c);
    }
    return c;
  };

  let marking = false;
  for (const line of block.lines) {
    if (line.kind === 'chain' && line.name) {
      const c = chain(line.name.value);
      c.declaredAt ??= line;
      if (c.builtin && line.policy && line.policy.value !== '-') {
        c.policy = { value: line.policy.value, token: line.policy, line };
      }
      continue;
    }
    if (line.kind !== 'rule') continue;
    const cmd = line.rule.command;
    if (cmd && !cmd.chain && (cmd.name === 'flush' || cmd.name === 'delete-chain')) {
      // Without a chain, -F and -X act on the whole table.
      for (const c of [...chains.values()]) {
        if (cmd.name === 'flush') c.rules = [];
        else if (!c.builtin) chains.delete(c.name);
      }
      continue;
    }
    if (!cmd || !cmd.chain) continue;
    const name = cmd.chain.value;
    if (!marking) {
      const target = line.rule.target?.name?.value;
      marking = target === 'MARK' || target === 'CONNMARK';
    }
    switch (cmd.name) {
      case 'append':
        chain(name).rules.push(line);
        break;
      case 'insert': {
        const c = chain(name);
        const at = cmd.args[0] ? Math.max(1, Number(cmd.args[0].value)) - 1 : 0;
        c.rules.splice(Math.min(at, c.rules.length), 0, line);
        break;
      }
      case 'replace': {
        const c = chain(name);
        const at = cmd.args[0] ? Number(cmd.args[0].value) - 1 : -1;
        if (at >= 0 && at < c.rules.length) c.rules[at] = line;
        break;
      }
      case 'delete': {
        const c = chain(name);
        if (cmd.args[0]) {
          const at = Number(cmd.args[0].value) - 1;
          if (at >= 0 && at < c.rules.length) c.rules.splice(at, 1);
        } else {
          const key = ruleKey(line);
          const at = c.rules.findIndex((r) => ruleKey(r) === key);
          if (at >= 0) c.rules.splice(at, 1);
        }
        break;
      }
      case 'policy': {
        const c = chain(name);
        if (c.builtin && cmd.args[0]) c.policy = { value: cmd.args[0].value, token: cmd.args[0], line };
        break;
      }
      case 'new-chain':
        chain(name).declaredAt ??= line;
        break;
      case 'flush':
        chain(name).rules = [];
        break;
      case 'delete-chain':
        if (!chains.get(name)?.builtin) chains.delete(name);
        break;
      default:
        break;
    }
  }
  return { name: block.name, block, chains, marking };
}

/** The rule's arguments after the command and chain, as one string, for matching `-D` against `-A`. */
function ruleKey(line: RuleLine): string {
  const cmd = line.rule.command;
  const skip = new Set<Token>(cmd ? [cmd.flag, ...(cmd.chain ? [cmd.chain] : []), ...cmd.args] : []);
  return tokensOf(line).filter((t) => !skip.has(t)).map((t) => t.value).join(' ');
}

/** The block of `name` that the kernel ends up with: a later block of the same table replaces an earlier one. */
export function lastBlock(file: ParsedFile, name: string): TableBlock | undefined {
  for (let i = file.blocks.length - 1; i >= 0; i--) if (file.blocks[i].name === name) return file.blocks[i];
  return undefined;
}

const tables = new WeakMap<ParsedFile, Map<string, TableModel | undefined>>();

/** The kernel's view of a table (its last block), built once per parse and shared by every check. */
export function tableOf(file: ParsedFile, name: string): TableModel | undefined {
  let byName = tables.get(file);
  if (!byName) tables.set(file, (byName = new Map()));
  if (!byName.has(name)) {
    const block = lastBlock(file, name);
    byName.set(name, block ? buildTable(block) : undefined);
  }
  return byName.get(name);
}

const reachable = new WeakMap<TableModel, Map<string, ReadonlySet<string>>>();

/**
 * Chains a packet can enter starting from `from`, through jumps and gotos. Kept per table: several
 * checks ask, and each answer reads every rule's target.
 */
export function reachableChains(table: TableModel, from: string): ReadonlySet<string> {
  let byStart = reachable.get(table);
  if (!byStart) reachable.set(table, (byStart = new Map()));
  let found = byStart.get(from);
  if (!found) byStart.set(from, (found = chainsReachedFrom(table, from)));
  return found;
}

function chainsReachedFrom(table: TableModel, from: string): Set<string> {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length) {
    const chain = table.chains.get(stack.pop() as string);
    for (const rule of chain?.rules ?? []) {
      const target = rule.rule.target?.name?.value;
      const sub = target ? table.chains.get(target) : undefined;
      if (sub && !sub.builtin && !seen.has(sub.name)) {
        seen.add(sub.name);
        stack.push(sub.name);
      }
    }
  }
  return seen;
}
