// Which rules of a table a packet meets: the rules it may reach, on any way into their chain (the
// jumps and gotos that lead there, what the earlier rules of each chain already decided), whose
// matches may hold for it. Three-valued, like the walks of evaluate.ts: a rule the packet surely
// misses is left out, one it may match is kept.
import type { RuleLine } from '../syntax/model';
import type { TableModel } from '../syntax/ruleset';
import { tableSpec } from '../kb/tables';
import { matchRule, NON_TERMINATING, returnsFrom, type Packet, type Tri } from './evaluate';

/** Each rule the packet may reach and match, with whether its matches surely hold. */
export type RulesMet = ReadonlyMap<RuleLine, Tri>;

const NONE: RulesMet = new Map();
const kept = new WeakMap<TableModel, Map<string, RulesMet>>();

/**
 * The rules a packet meets when it enters the table at the built-in chains `hooks`. Kept per table
 * (built once per parse) and packet: every rule of a check asks about the same few packets.
 */
export function rulesMet(table: TableModel, packet: Packet, hooks: readonly string[]): RulesMet {
  // Only the first packet of a connection goes through the nat table's chains.
  if (tableSpec(table.name)?.firstPacketOnly && packet.state !== 'NEW' && packet.state !== 'unsure') return NONE;
  let byPacket = kept.get(table);
  if (!byPacket) kept.set(table, (byPacket = new Map()));
  const key = `${hooks.join(',')}|${JSON.stringify(packet)}`;
  let met = byPacket.get(key);
  if (!met) byPacket.set(key, (met = walkTable(table, packet, hooks)));
  return met;
}

/**
 * Each chain the packet may enter is walked once, in order, up to the first rule that surely ends
 * its way through the chain: the packet's fields are the same on every way in, so the chain's walk is too.
 */
function walkTable(table: TableModel, packet: Packet, hooks: readonly string[]): RulesMet {
  const met = new Map<RuleLine, Tri>();
  const returns = returnsFrom(table, packet);
  const entered = new Set<string>();
  const queue: string[] = [];
  const enter = (name: string): void => {
    if (entered.has(name)) return;
    entered.add(name);
    queue.push(name);
  };
  for (const hook of hooks) if (table.chains.get(hook)?.builtin) enter(hook);
  while (queue.length > 0) {
    for (const line of table.chains.get(queue.pop() as string)?.rules ?? []) {
      const m = matchRule(line.rule, packet);
      if (m === 'no') continue;
      met.set(line, m);
      const sub = userChain(table, line);
      if (sub !== undefined) enter(sub);
      if (m === 'yes' && endsWalk(line, sub, returns)) break;
    }
  }
  return met;
}

/** The user chain a rule jumps or goes to, if any. */
function userChain(table: TableModel, line: RuleLine): string | undefined {
  const name = line.rule.target?.name?.value;
  const chain = name === undefined ? undefined : table.chains.get(name);
  return chain && !chain.builtin ? chain.name : undefined;
}

/** A rule that surely matches ends the packet's way through its chain, unless its target lets it go on. */
function endsWalk(line: RuleLine, sub: string | undefined, returns: (chain: string) => boolean): boolean {
  const target = line.rule.target;
  const name = target?.name?.value;
  if (!target || name === undefined) return false;
  if (sub !== undefined) return target.goto || !returns(sub);
  return !NON_TERMINATING.has(name);
}

const callers = new WeakMap<TableModel, Map<string, RuleLine[]>>();

/** The rules that jump or go to each user chain of the table: the ways into it. Kept per table. */
export function waysInto(table: TableModel, chain: string): readonly RuleLine[] {
  let byChain = callers.get(table);
  if (!byChain) {
    callers.set(table, (byChain = new Map()));
    for (const c of table.chains.values()) {
      for (const line of c.rules) {
        const sub = userChain(table, line);
        if (sub === undefined) continue;
        const list = byChain.get(sub);
        if (list) list.push(line);
        else byChain.set(sub, [line]);
      }
    }
  }
  return byChain.get(chain) ?? [];
}
