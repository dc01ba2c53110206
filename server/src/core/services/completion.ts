// Completion by context: what iptables-restore accepts at the cursor, worked out from the text
// before it with the same parser the checks use.
import { chainsOf } from './chains';
import { CORE_OPTIONS, STANDARD_TARGETS, allMatches, allTargets, type Family, type OptionSpec } from '../kb';
import { MATCHES } from '../kb/matches';
import { holdsIn, type IptablesVersion } from '../kb/releases';
import { COMMAND_DOCS, ICMP_DOCS, POLICY_DOCS, PORT_DOCS, PROTOCOL_DOCS, REJECT_DOCS, STATE_DOCS, WELL_KNOWN_PORTS } from '../kb/values';
import { TABLES, builtinChains } from '../kb/tables';
import { PORT_OPTION_SPELLINGS } from '../kb/port-options';
import type { ParsedFile, TableBlock } from '../syntax/model';
import { parseRuleTokens } from '../syntax/rule-parser';
import { tokenize } from '../syntax/tokenize';

export type CompletionKind = 'keyword' | 'module' | 'property' | 'value' | 'reference' | 'function' | 'enum';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Text to insert when it differs from the label. */
  insertText?: string;
}

const COMMANDS: Array<[string, string]> = [
  ['-A', 'append'], ['-I', 'insert'], ['-D', 'delete'], ['-R', 'replace'], ['-N', 'new-chain'], ['-P', 'policy'], ['-F', 'flush'], ['-X', 'delete-chain'], ['-Z', 'zero'], ['-E', 'rename-chain'],
];
const CHAIN_COMMANDS = new Set(['-A', '--append', '-I', '--insert', '-D', '--delete', '-R', '--replace', '-P', '--policy', '-F', '--flush', '-Z', '--zero', '-X', '--delete-chain', '-E', '--rename-chain']);

const ports = (): CompletionItem[] =>
  WELL_KNOWN_PORTS.map((p) => ({ label: String(p), kind: 'value' as const, detail: PORT_DOCS[p]?.name, documentation: PORT_DOCS[p]?.what }));

/** Completions at a position of the file. */
export function completeAt(file: ParsedFile, lineIndex: number, character: number): CompletionItem[] {
  const line = file.lines[lineIndex];
  const text = line ? line.text : '';
  const before = text.slice(0, character);
  const block = blockAt(file, lineIndex);
  const family = file.family;

  if (/^\*\S*$/.test(before)) return TABLES.map(({ name, doc }) => ({ label: name, kind: 'module', documentation: doc }));
  if (/^:\S*$/.test(before)) {
    const table = block?.name ?? 'filter';
    return builtinChains(table).map((c) => ({ label: c, kind: 'reference', detail: `built-in chain of ${table}` }));
  }
  if (/^:\S+\s+\S*$/.test(before)) return Object.entries(POLICY_DOCS).map(([p, doc]) => ({ label: p, kind: 'enum', documentation: doc }));
  if (/^\s*\S*$/.test(before) && !before.startsWith('#')) {
    return [
      ...COMMANDS.map(([flag, name]) => ({ label: flag, kind: 'keyword' as const, detail: name, documentation: COMMAND_DOCS[name] })),
      { label: 'COMMIT', kind: 'keyword', documentation: 'Applies the table block: everything since its `*table` line.' },
    ];
  }
  if (before.startsWith('#')) return [];

  // A rule: the words before the one being typed tell what is loaded and what comes next.
  const words = tokenize(before);
  const typing = /\s$/.test(before) ? '' : (words.pop()?.value ?? '');
  const previous = words[words.length - 1]?.value;
  if (previous && CHAIN_COMMANDS.has(previous)) return chainItems(block);
  if (previous === '-j' || previous === '--jump' || previous === '-g' || previous === '--goto') {
    const chain = words.find((_, i) => i > 0 && CHAIN_COMMANDS.has(words[i - 1].value))?.value;
    return targetItems(block, chain, family, previous === '-g' || previous === '--goto');
  }
  if (previous === '-m' || previous === '--match') {
    return allMatches(family).filter((m) => !m.spec.removed).map((m) => ({ label: m.spec.name, kind: 'module' as const, documentation: m.spec.help }));
  }
  if (previous === '-p' || previous === '--protocol') return Object.entries(PROTOCOL_DOCS).map(([p, doc]) => ({ label: p, kind: 'enum' as const, documentation: doc }));
  if (previous && PORT_OPTION_SPELLINGS.has(previous)) return ports();
  if (previous === '--ctstate' || previous === '--state') return Object.entries(STATE_DOCS).map(([s, doc]) => ({ label: s, kind: 'enum' as const, documentation: doc }));
  if (previous === '--reject-with') return Object.entries(REJECT_DOCS).filter(([r]) => (family === 'ipv6') === r.startsWith('icmp6') || r.startsWith('tcp')).map(([r, doc]) => ({ label: r, kind: 'enum' as const, documentation: doc }));
  if (previous === '--icmp-type' || previous === '--icmpv6-type') {
    const names = previous === '--icmpv6-type' ? icmp6Names(file.version.version) : Object.keys(ICMP_DOCS).filter((n) => !/neigh|packet-too-big/.test(n));
    return names.map((n) => ({ label: n, kind: 'enum' as const, documentation: ICMP_DOCS[n] }));
  }
  if (typing.startsWith('-') || typing === '') return optionItems(words, family);
  return [];
}

/** The ICMPv6 type names this release of ip6tables knows. */
function icmp6Names(release: IptablesVersion): readonly string[] {
  const form = MATCHES.find((m) => m.name === 'icmp6')?.options.find((o) => o.name === 'icmpv6-type')?.form;
  if (form?.kind !== 'enum') return [];
  return form.values.filter((v) => form.releases?.[v] === undefined || holdsIn(form.releases[v], release));
}

function blockAt(file: ParsedFile, lineIndex: number): TableBlock | undefined {
  for (let i = lineIndex; i >= 0; i--) {
    const l = file.lines[i];
    if (l?.block) return l.block;
    if (l?.kind === 'commit') return undefined;
  }
  return undefined;
}

function chainItems(block: TableBlock | undefined): CompletionItem[] {
  const builtins: readonly string[] = builtinChains(block?.name ?? 'filter');
  const names = [...builtins, ...(block ? chainsOf(block).filter((c) => !builtins.includes(c)) : [])];
  return names.map((c) => ({ label: c, kind: 'reference', detail: builtins.includes(c) ? 'built-in chain' : 'user chain' }));
}

/** Targets the kernel allows in this table and chain, and the block's user chains. */
function targetItems(block: TableBlock | undefined, chain: string | undefined, family: Family, goto: boolean): CompletionItem[] {
  const table = block?.name ?? 'filter';
  const builtins: readonly string[] = builtinChains(table);
  const users = block ? chainsOf(block).filter((c) => !builtins.includes(c) && c !== chain) : [];
  const chainItems: CompletionItem[] = users.map((c) => ({ label: c, kind: 'reference', detail: 'user chain' }));
  if (goto) return chainItems;
  const standard: CompletionItem[] = Object.entries(STANDARD_TARGETS).map(([t, doc]) => ({ label: t, kind: 'function', documentation: doc }));
  const hook = chain && builtins.includes(chain) ? chain : undefined;
  const extensions: CompletionItem[] = allTargets(family)
    .filter((t) => !t.spec.removed && (!t.spec.tables || t.spec.tables.includes(table)) && (!hook || !t.spec.hooks || t.spec.hooks.includes(hook)))
    .filter((t) => !(table === 'nat' && t.spec.name === 'DROP'))
    .map((t) => ({ label: t.spec.name, kind: 'function' as const, documentation: t.spec.help }));
  return [...standard, ...extensions, ...chainItems];
}

/** Core options, and the options of every extension the words load (the protocol's match included). */
function optionItems(words: Array<{ value: string }>, family: Family): CompletionItem[] {
  const rule = parseRuleTokens(tokenize(words.map((w) => (/\s/.test(w.value) ? `"${w.value}"` : w.value)).join(' ')), family);
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (o: OptionSpec, owner: string | undefined, short?: string): void => {
    const label = short ? `-${short}` : `--${o.name}`;
    if (seen.has(label)) return;
    seen.add(label);
    items.push({ label, kind: 'property', detail: owner ?? (short ? `--${o.name}` : undefined), documentation: o.help });
  };
  // Newest extension first, as iptables resolves them.
  const protocol = rule.core.find((o) => o.name === 'protocol')?.args[0]?.value.toLowerCase();
  const uses = [...rule.matches].reverse();
  for (const m of uses) for (const o of m.spec?.list ?? []) add(o, m.module);
  if (protocol && !rule.matches.some((m) => m.module === protocol)) {
    const implicit = allMatches(family).find((m) => m.spec.name === (protocol === 'ipv6-icmp' || protocol === 'icmpv6' ? 'icmp6' : protocol));
    for (const o of implicit?.list ?? []) add(o, `${implicit?.spec.name} (after -p ${protocol})`);
  }
  for (const o of rule.target?.spec?.list ?? []) add(o, rule.target?.name?.value);
  for (const o of CORE_OPTIONS) {
    if (o.family && o.family !== family) continue;
    if (o.short) add(o, undefined, o.short);
  }
  return items;
}
