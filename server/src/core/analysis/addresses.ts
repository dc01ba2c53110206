// Where iptables stores a rule's `-s`/`-d` other than written: host bits beyond the mask
// (host-bits-set), numbers with a leading zero read as octal (octal-address). The rule loads.
import { hostBitsNetwork, octalMisreading } from '../net/address';
import type { ParsedFile, RuleLine } from '../syntax/model';
import { findingsByCode, NO_FINDINGS, type Finding, type RuleFinding } from './finding';
import { unsettledRules } from './block-pass';

const NONE: readonly RuleFinding[] = [];

declare module '../syntax/model' {
  interface RuleMemoTypes {
    addresses: readonly RuleFinding[];
  }
}

/** What the rule's addresses store other than written: worked out once, kept on the rule. */
export function addressFindings(line: RuleLine, family: 'ipv4' | 'ipv6'): readonly RuleFinding[] {
  let found = line.rule.hostBitsMemo;
  if (!found) line.rule.hostBitsMemo = found = readAddresses(line, family);
  return found;
}

function readAddresses(line: RuleLine, family: 'ipv4' | 'ipv6'): readonly RuleFinding[] {
  let found: RuleFinding[] | undefined;
  for (const o of line.rule.core) {
    if (o.name !== 'source' && o.name !== 'destination') continue;
    const arg = o.args[0];
    if (!arg || arg.value.includes(',')) continue;
    const meant = octalMisreading(arg.value, family);
    if (meant) {
      (found ??= []).push({
        code: 'octal-address', start: arg.start, end: arg.end, subject: meant.text,
        messageId: 'octal', data: { written: arg.value, stored: meant.stored, decimal: meant.decimal },
      });
      continue;
    }
    if (arg.value.indexOf('/') < 0) continue;
    const net = hostBitsNetwork(arg.value, family);
    if (!net) continue;
    (found ??= []).push({ code: 'host-bits-set', start: arg.start, end: arg.end, subject: net, messageId: 'hostBits', data: { written: arg.value, network: net } });
  }
  return found ?? NONE;
}

const byCode = new WeakMap<ParsedFile, Map<string, Finding[]>>();

/** The address findings of one code, for the rules iptables reads without a problem. */
export function addressFindingsOf(file: ParsedFile, code: 'host-bits-set' | 'octal-address'): readonly Finding[] {
  return findingsByCode(byCode, file, collect).get(code) ?? NO_FINDINGS;
}

function collect(file: ParsedFile): Finding[] {
  const out: Finding[] = [];
  for (const block of file.blocks) {
    for (const line of unsettledRules(file, block, 'addresses')) {
      for (const f of addressFindings(line, file.family)) out.push({ ...f, line: line.index });
    }
  }
  return out;
}

/** The templates of the findings, by the code of the check that reports them. */
export const ADDRESS_MESSAGES = {
  'host-bits-set': { hostBits: '{written} has host bits set beyond the mask: iptables stores it as {network}, which matches the whole network.' },
  'octal-address': { octal: '{written} has a number with a leading zero, which iptables reads as octal: it loads {stored}, not {decimal}.' },
} as const;
