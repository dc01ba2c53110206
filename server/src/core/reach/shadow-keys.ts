// The keys shadowed-rule files a rule under (one source host, one destination host, one port), read
// from the rule alone: the parser works them out while the rule is fresh (see rule-facts.ts).
import { portsOf } from './evaluate';
import type { ParsedRule, RuleLine } from '../syntax/model';
import { digitsValue } from '../net/ports';
import { hashText } from '../syntax/tokenize';
import { DESTINATION_PORT_OPTIONS } from '../kb/port-options';

/** The keys of a rule: the parsed rule itself, whose `shadow...` fields this fills. */
export type Keys = Pick<ParsedRule, 'shadowPort' | 'shadowSrc' | 'shadowDst' | 'shadowSrcHash' | 'shadowDstHash'>;

export function readKeys(line: RuleLine): Keys {
  // Kept on the parsed rule: the rule of a line an edit left alone keeps its keys.
  const keys = line.rule;
  if (keys.shadowPort !== -2) return keys;
  keys.shadowPort = -1;
  for (const o of keys.core) {
    if (o.negation || (o.name !== 'source' && o.name !== 'destination')) continue;
    // A single host, by its text: another spelling of it only misses a comparison.
    const v = o.args[0]?.value ?? '';
    const slash = v.indexOf('/');
    if (v.includes(',') || (slash >= 0 && !(v.endsWith('/32') && slash === v.length - 3) && !(v.endsWith('/128') && slash === v.length - 4))) continue;
    // Keyed as iptables-save writes a host (with its full mask), so the usual text needs no copy.
    const host = slash >= 0 ? v : v.includes(':') ? `${v}/128` : `${v}/32`;
    if (o.name === 'source') {
      keys.shadowSrc = host;
      keys.shadowSrcHash = hashText(host);
    } else {
      keys.shadowDst = host;
      keys.shadowDstHash = hashText(host);
    }
  }
  for (const m of keys.matches) {
    for (const o of m.options) {
      if (o.negation || !DESTINATION_PORT_OPTIONS.has(o.name)) continue;
      const v = o.args[0]?.value ?? '';
      const n = digitsValue(v);
      if (n >= 0) keys.shadowPort = n;
      else if (!v.includes(',') && !v.includes(':')) {
        const items = portsOf(o);
        if (items?.length === 1 && items[0].low === items[0].high) keys.shadowPort = items[0].low;
      }
    }
  }
  return keys;
}
