// The options that match a packet's own ports, by the canonical name the parser files them under
// (`--destination-port` is kept as `dport`, `--source-ports` as `sports`): the one list every
// reader of ports asks. Conntrack's tuple ports (`--ctorigdstport`...) and ipvs' `--vport` are not
// among them: they match a connection's or a virtual service's ports, not the packet's.
import { MATCHES } from './matches';

/** Which of the packet's ports an option matches: `ports` holds when either side is in its list. */
export type PortSide = 'destination' | 'source' | 'either';

export interface PortOption {
  name: string;
  side: PortSide;
  /** A comma list of ports and ranges (multiport), or one port or range `first:last`. */
  list: boolean;
}

export const PORT_OPTIONS: readonly PortOption[] = [
  // The protocol matches' (tcp, udp, udplite, sctp, dccp).
  { name: 'dport', side: 'destination', list: false },
  { name: 'sport', side: 'source', list: false },
  // multiport's.
  { name: 'dports', side: 'destination', list: true },
  { name: 'sports', side: 'source', list: true },
  { name: 'ports', side: 'either', list: true },
];

const names = (keep: (o: PortOption) => boolean): ReadonlySet<string> => new Set(PORT_OPTIONS.filter(keep).map((o) => o.name));

/** Every option that names ports of the packet. */
export const PORT_OPTION_NAMES: ReadonlySet<string> = names(() => true);
/** One port or range (`--dport`, `--sport`): a comma list there does not load. */
export const SINGLE_PORT_OPTIONS: ReadonlySet<string> = names((o) => !o.list);
/** Options that match the destination port only (`--dport`, `--dports`): a rule with one opens just those ports. */
export const DESTINATION_PORT_OPTIONS: ReadonlySet<string> = names((o) => o.side === 'destination');
/** Options that can match on the destination port: the destination's, and multiport's `--ports`. */
export const DESTINATION_OR_EITHER_PORT_OPTIONS: ReadonlySet<string> = names((o) => o.side !== 'source');
/** The side each option matches, by its canonical name. */
export const PORT_SIDES: ReadonlyMap<string, PortSide> = new Map(PORT_OPTIONS.map((o) => [o.name, o.side]));

/** Every way to write the options on a command line (`--dport`, `--destination-port`...), for reading raw text. */
export const PORT_OPTION_SPELLINGS: ReadonlySet<string> = new Set(
  MATCHES.flatMap((m) => m.options)
    .filter((o) => PORT_OPTION_NAMES.has(o.name))
    .flatMap((o) => [o.name, ...o.aliases])
    .map((n) => `--${n}`),
);
