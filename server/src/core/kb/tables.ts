// The tables of iptables, their built-in chains, and the netfilter hooks those chains sit on: the one
// place these facts are written. Everything else (the ruleset model, the load validation, the quick
// check, completion, the LSP's outline) asks here.

/** The netfilter hooks, in the order a forwarded packet meets them; a built-in chain is named after its hook. */
export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';
export const HOOKS: readonly Hook[] = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];

export function isHook(name: string): name is Hook {
  return (HOOKS as readonly string[]).includes(name);
}

/** Hooks where the packet's incoming interface is known (`-i`, `--dir in`, addrtype `--limit-iface-in`). */
export const IN_HOOKS: readonly Hook[] = ['PREROUTING', 'INPUT', 'FORWARD'];
/** Hooks where the packet's outgoing interface is known (`-o`, `--dir out`, addrtype `--limit-iface-out`). */
export const OUT_HOOKS: readonly Hook[] = ['FORWARD', 'OUTPUT', 'POSTROUTING'];

export type TableName = 'filter' | 'nat' | 'mangle' | 'raw' | 'security';

export interface TableSpec {
  name: TableName;
  /** Its built-in chains, one per hook it registers on, in iptables-save's order. */
  chains: readonly Hook[];
  /** What hover and completion say of it. */
  doc: string;
  /** Only the first packet of each connection goes through its chains (nat: the later ones follow that packet's mapping). */
  firstPacketOnly?: true;
}

/** The tables iptables-restore accepts after `*`, in the order `iptables -t` documents them. */
export const TABLES: readonly TableSpec[] = [
  { name: 'filter', chains: ['INPUT', 'FORWARD', 'OUTPUT'], doc: 'The default table, for deciding what passes: chains INPUT, FORWARD and OUTPUT.' },
  { name: 'nat', chains: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'], doc: 'Address translation for new connections: chains PREROUTING, INPUT, OUTPUT and POSTROUTING.', firstPacketOnly: true },
  { name: 'mangle', chains: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'], doc: 'Changing packet fields and marks: all five built-in chains.' },
  { name: 'raw', chains: ['PREROUTING', 'OUTPUT'], doc: 'Runs before connection tracking, to exempt packets from it: chains PREROUTING and OUTPUT.' },
  { name: 'security', chains: ['INPUT', 'FORWARD', 'OUTPUT'], doc: 'SELinux and other mandatory access control marks: chains INPUT, FORWARD and OUTPUT.' },
];

export const TABLE_NAMES: readonly TableName[] = TABLES.map((t) => t.name);

const BY_NAME: ReadonlyMap<string, TableSpec> = new Map(TABLES.map((t) => [t.name, t]));
const NO_CHAINS: readonly Hook[] = [];

/** A table's spec; undefined for a name iptables does not have (`*constructor` included). */
export function tableSpec(name: string): TableSpec | undefined {
  return BY_NAME.get(name);
}

export function isTableName(name: string): name is TableName {
  return BY_NAME.has(name);
}

/** The built-in chains of a table; none for a table that does not exist. */
export function builtinChains(table: string): readonly Hook[] {
  return BY_NAME.get(table)?.chains ?? NO_CHAINS;
}

export function isBuiltinChain(table: string, chain: string): boolean {
  return (builtinChains(table) as readonly string[]).includes(chain);
}

/** The first table (in TABLES' order) that has a built-in chain of this name, if any. */
export function tableWithChain(chain: string): TableName | undefined {
  return TABLES.find((t) => (t.chains as readonly string[]).includes(chain))?.name;
}

/** `filter, nat, mangle, raw and security` (or `... raw or security`): the tables, for a message. */
export function tableList(last: 'and' | 'or'): string {
  return `${TABLE_NAMES.slice(0, -1).join(', ')} ${last} ${TABLE_NAMES[TABLE_NAMES.length - 1]}`;
}

/** One table's chain on a packet's way: the chains a packet meets, in netfilter's priority order. */
export interface PathStop {
  table: TableName;
  chain: Hook;
}

const stops = (list: string): PathStop[] =>
  list.split(' ').map((s) => {
    const [table, chain] = s.split(':');
    return { table: table as TableName, chain: chain as Hook };
  });

/**
 * A packet arriving for this host: raw (before connection tracking), mangle, nat's destination
 * translation, then after routing mangle, filter, security and nat's source translation (INPUT).
 */
export const LOCAL_IN_PATH: readonly PathStop[] = stops('raw:PREROUTING mangle:PREROUTING nat:PREROUTING mangle:INPUT filter:INPUT security:INPUT nat:INPUT');
/** A packet this host sends: raw, mangle, nat's destination translation, filter, security, then POSTROUTING's mangle and nat. */
export const LOCAL_OUT_PATH: readonly PathStop[] = stops('raw:OUTPUT mangle:OUTPUT nat:OUTPUT filter:OUTPUT security:OUTPUT mangle:POSTROUTING nat:POSTROUTING');
