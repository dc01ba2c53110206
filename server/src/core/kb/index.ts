import { FLAG, FREE, IFACE, PROTO, opt } from './define';
import type { Family } from './forms';
import { MATCHES } from './matches';
import { MATCH_ALIASES } from './protocols';
import { TARGETS } from './targets';
import type { ExtensionSpec, OptionSpec } from './types';

export type { ExtensionSpec, OptionSpec } from './types';
export type { ArgForm, Family } from './forms';
export { STANDARD_TARGETS, isStandardTarget } from './targets';
export { PORT_PROTOCOLS } from './protocols';

/** Options iptables itself reads, before any extension is loaded. */
export const CORE_OPTIONS: readonly (OptionSpec & { short?: string })[] = [
  { ...opt('!protocol', PROTO, 'The layer-4 protocol: tcp, udp, icmp, a name from /etc/protocols, a number, or `all`. After it, that protocol\'s match options (`--dport`...) can be used.'), short: 'p' },
  { ...opt('!source,src', { kind: 'address-list' }, 'Source address `addr[/mask]`; a comma list adds one rule per address. Host names are looked up once, at load time.'), short: 's' },
  { ...opt('!destination,dst', { kind: 'address-list' }, 'Destination address `addr[/mask]`; a comma list adds one rule per address.'), short: 'd' },
  { ...opt('!in-interface', IFACE, 'The interface the packet came in on; `eth+` matches every name starting with `eth`. Not in OUTPUT or POSTROUTING.'), short: 'i' },
  { ...opt('!out-interface', IFACE, 'The interface the packet will leave by; `+` matches a prefix. Not in PREROUTING or INPUT.'), short: 'o' },
  { ...opt('!fragment', FLAG, 'Only second and later fragments of a fragmented IPv4 packet.', { family: 'ipv4' }), short: 'f' },
  { ...opt('jump', FREE, 'What to do when the rule matches: ACCEPT, DROP, RETURN, a target extension such as REJECT or LOG, or a user chain to jump to.'), short: 'j' },
  { ...opt('goto', FREE, 'Continue in a user chain without coming back: a RETURN there returns to this chain\'s caller.'), short: 'g' },
  { ...opt('match', FREE, 'Loads a match extension, such as `conntrack` or `multiport`, whose options follow.'), short: 'm' },
  { ...opt('set-counters', FREE, 'Initial packet and byte counters of the rule: `-c PKTS BYTES`.'), short: 'c' },
  { ...opt('ipv4', FLAG, 'In a file for both families: this line is for IPv4 only (ip6tables skips it).'), short: '4' },
  { ...opt('ipv6', FLAG, 'In a file for both families: this line is for IPv6 only (iptables skips it).'), short: '6' },
];

export const CORE_BY_SHORT = new Map(CORE_OPTIONS.filter((o) => o.short).map((o) => [o.short as string, o]));
/** Every long spelling of a core option, to its short letter. */
export const CORE_LONG_TO_SHORT = new Map<string, string>();
for (const o of CORE_OPTIONS) for (const n of [o.name, ...o.aliases]) CORE_LONG_TO_SHORT.set(n, o.short as string);

/** An extension as one family's binary sees it: its options by every spelling. */
export interface LoadedSpec {
  spec: ExtensionSpec;
  options: ReadonlyMap<string, OptionSpec>;
  /** Every option, primary names only, for this family. */
  list: readonly OptionSpec[];
}

function load(spec: ExtensionSpec, family: Family): LoadedSpec {
  const options = new Map<string, OptionSpec>();
  const list: OptionSpec[] = [];
  for (const o of spec.options) {
    if (o.family && o.family !== family) continue;
    list.push(o);
    for (const n of [o.name, ...o.aliases]) options.set(n, o);
  }
  return { spec, options, list };
}

function index(specs: readonly ExtensionSpec[]): Record<Family, Map<string, LoadedSpec>> {
  const out: Record<Family, Map<string, LoadedSpec>> = { ipv4: new Map(), ipv6: new Map() };
  for (const family of ['ipv4', 'ipv6'] as const) {
    for (const s of specs) if (!s.family || s.family === family) out[family].set(s.name, load(s, family));
  }
  return out;
}

const MATCH_INDEX = index(MATCHES);
const TARGET_INDEX = index(TARGETS);

export function findMatch(name: string, family: Family): LoadedSpec | undefined {
  return MATCH_INDEX[family].get(name) ?? MATCH_INDEX[family].get(MATCH_ALIASES[family][name] ?? '');
}

export function findTarget(name: string, family: Family): LoadedSpec | undefined {
  return TARGET_INDEX[family].get(name);
}

/** A match or target of the other family, to explain why it is unknown here. */
export function otherFamilyExtension(kind: 'match' | 'target', name: string, family: Family): boolean {
  const other: Family = family === 'ipv4' ? 'ipv6' : 'ipv4';
  return kind === 'match' ? findMatch(name, other) !== undefined : findTarget(name, other) !== undefined;
}

export function allMatches(family: Family): LoadedSpec[] {
  return [...MATCH_INDEX[family].values()];
}

export function allTargets(family: Family): LoadedSpec[] {
  return [...TARGET_INDEX[family].values()];
}

/** Extensions (matches, then targets) that define an option of this name, for "did you mean -m X". */
export function extensionsWithOption(name: string, family: Family): LoadedSpec[] {
  return [...allMatches(family), ...allTargets(family)].filter((l) => l.options.has(name));
}

export { MATCHES, TARGETS };
