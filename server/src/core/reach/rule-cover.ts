// Whether every packet one rule matches is matched by another: what shadowed-rule and
// unreachable-rule need. Conservative: anything it does not understand makes the answer "no".
import { networkWithin, type Network } from '../net/address';
import { addressesOf, fewConditions, portsOf } from './evaluate';
import type { OptionUse, RuleLine } from '../syntax/model';
import { parsePortList, type PortItem } from '../net/ports';
import { protocolMatch } from '../kb/protocols';
import { PORT_SIDES, SINGLE_PORT_OPTIONS } from '../kb/port-options';

export interface Conditions {
  protocol?: string;
  source?: Network;
  destination?: Network;
  inIface?: string;
  outIface?: string;
  dports?: PortItem[];
  sports?: PortItem[];
  states?: string[];
  /** Every other option, as written (`module --name args`), compared by text. */
  other: string[];
}

const optionText = (module: string, o: OptionUse): string => `${o.negation ? '! ' : ''}${module} --${o.name} ${o.args.map((a) => a.value).join(' ')}`;

/** The rule's conditions, or undefined when some of them cannot be compared. */
export function conditionsOf(line: RuleLine): Conditions | undefined {
  const c: Conditions = { other: [] };
  for (const o of line.rule.core) {
    const v = o.args[0]?.value;
    if (o.name === 'protocol' && v !== undefined && !o.negation) {
      const p = v.toLowerCase();
      if (p !== 'all' && p !== '0') c.protocol = protocolMatch(p) ?? p;
    } else if ((o.name === 'source' || o.name === 'destination') && v !== undefined && !o.negation && !v.includes(',')) {
      const n = addressesOf(o)[0];
      if (!n) return undefined;
      if (n.prefix > 0) c[o.name] = n;
    } else if ((o.name === 'in-interface' || o.name === 'out-interface') && v !== undefined && !o.negation) {
      if (v !== '+') c[o.name === 'in-interface' ? 'inIface' : 'outIface'] = v;
    } else c.other.push(optionText('', o));
  }
  for (const m of line.rule.matches) {
    if (m.module === 'comment') continue;
    if (!m.implicit && (m.module === 'tcp' || m.module === 'udp') && m.options.length === 0) continue;
    for (const o of m.options) {
      const v = o.args[0]?.value ?? '';
      // Ports on one side only (`--ports` matches either, which a cover does not model).
      const side = PORT_SIDES.get(o.name);
      const portOption = (m.module === 'tcp' || m.module === 'udp') && SINGLE_PORT_OPTIONS.has(o.name);
      const multiport = m.module === 'multiport' && (side === 'destination' || side === 'source');
      if (!o.negation && (portOption || multiport)) {
        // Service names differ by protocol; the engine's cache holds TCP's.
        const items = c.protocol === undefined || c.protocol === 'tcp' ? portsOf(o) : parsePortList(v, c.protocol);
        if (!items) return undefined;
        c[side === 'destination' ? 'dports' : 'sports'] = items;
      } else if (!o.negation && ((m.module === 'conntrack' && o.name === 'ctstate') || (m.module === 'state' && o.name === 'state'))) {
        c.states = v.toUpperCase().split(',');
      } else c.other.push(optionText(m.module, o));
    }
  }
  return c;
}

const itemsWithin = (inner: PortItem[], outer: PortItem[]): boolean => inner.every((i) => outer.some((o) => o.low <= i.low && i.high <= o.high));
const ifaceCovers = (outer: string, inner: string): boolean => (outer.endsWith('+') ? inner.startsWith(outer.slice(0, -1)) : outer === inner);

/** Every packet `inner` matches, `outer` matches too. */
export function covers(outer: Conditions, inner: Conditions): boolean {
  if (outer.protocol !== undefined && outer.protocol !== inner.protocol) return false;
  if (outer.source && !(inner.source && networkWithin(inner.source, outer.source))) return false;
  if (outer.destination && !(inner.destination && networkWithin(inner.destination, outer.destination))) return false;
  if (outer.inIface !== undefined && !(inner.inIface !== undefined && ifaceCovers(outer.inIface, inner.inIface))) return false;
  if (outer.outIface !== undefined && !(inner.outIface !== undefined && ifaceCovers(outer.outIface, inner.outIface))) return false;
  if (outer.dports && !(inner.dports && itemsWithin(inner.dports, outer.dports))) return false;
  if (outer.sports && !(inner.sports && itemsWithin(inner.sports, outer.sports))) return false;
  if (outer.states && !(inner.states && inner.states.every((s) => outer.states?.includes(s)))) return false;
  for (const o of outer.other) if (!inner.other.includes(o)) return false;
  return true;
}

/** No condition at all: the rule matches every packet that reaches it. */
export function matchesEverything(c: Conditions): boolean {
  return c.protocol === undefined && !c.source && !c.destination && c.inIface === undefined && c.outIface === undefined && !c.dports && !c.sports && !c.states && c.other.length === 0;
}

/** A cheap necessary test for matchesEverything: one core option at most, only comments, no address. */
export function mayMatchEverything(line: RuleLine): boolean {
  // Kept in the walk bits: a pass over a big chain reads one number of each rule, not its lists.
  return fewConditions(line.rule);
}
