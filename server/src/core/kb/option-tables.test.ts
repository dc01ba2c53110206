// The knowledge base held against the option tables of the iptables we test against (1.8.9, read
// from its source by scripts/read-option-tables.mjs into option-tables/iptables-1.8.9.json).
// Every difference must be listed, with its reason, in option-tables.known.txt beside this file:
// a new divergence fails, and a fixed one must leave the list.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { MATCHES, TARGETS } from '.';
import type { Family } from './forms';
import { expectedIn, RELEASE_CASES } from './releases.cases';
import { DEFAULT_VERSION, IPTABLES_VERSIONS, type IptablesVersion } from './releases';
import type { ExtensionSpec, OptionSpec } from './types';

interface SourceOption {
  name: string;
  id?: string | null;
  type?: string;
  min?: number | string | null;
  max?: number | string | null;
  invert?: boolean;
  mandatory?: boolean;
  multi?: boolean;
  put?: boolean;
  size?: number;
  also?: string[];
  excl?: string[];
}

interface SourceExtension {
  kind: 'match' | 'target';
  name: string;
  revision: number;
  family: string;
  optionsFrom: 'x6_options' | 'extra_opts' | null;
  options: SourceOption[];
}

interface Facts {
  release: string;
  source: string;
  extensions: SourceExtension[];
}

const SRC_KB = path.resolve(__dirname, '..', '..', '..', 'src', 'core', 'kb');
const FACTS: Facts = JSON.parse(readFileSync(path.join(SRC_KB, 'option-tables', 'iptables-1.8.9.json'), 'utf8'));
const KNOWN_FILE = path.join(SRC_KB, 'option-tables.known.txt');

const TYPE_MAX: Record<string, number> = {
  XTTYPE_UINT8: 255, XTTYPE_UINT16: 65535, XTTYPE_UINT32: 4294967295, XTTYPE_UINT64: Number.MAX_SAFE_INTEGER,
  XTTYPE_UINT8RC: 255, XTTYPE_UINT16RC: 65535, XTTYPE_UINT32RC: 4294967295, XTTYPE_UINT64RC: Number.MAX_SAFE_INTEGER,
};
const FAMILIES: readonly Family[] = ['ipv4', 'ipv6'];

/** The revision iptables picks: the highest one the source declares for that family. */
export function sourceExtension(kind: 'match' | 'target', name: string, family: Family): SourceExtension | undefined {
  const found = FACTS.extensions.filter((e) => e.kind === kind && e.name === name && (e.family === family || e.family === 'both'));
  return found.sort((a, b) => b.revision - a.revision)[0];
}

/** The options of a source table grouped by id: the names of one group are spellings of one option. */
function groupsOf(ext: SourceExtension): SourceOption[][] {
  const groups = new Map<string, SourceOption[]>();
  ext.options.forEach((o, k) => {
    const id = o.id ?? `#${k}`;
    groups.set(id, [...(groups.get(id) ?? []), o]);
  });
  return [...groups.values()];
}

const list = (xs: Iterable<string>): string => [...xs].sort().join(',') || '-';
const sameSet = (a: Iterable<string>, b: Iterable<string>): boolean => list(a) === list(b);

function mandatoryInKb(spec: ExtensionSpec, name: string): boolean {
  const required = spec.required ?? [];
  return (required.length === 1 && required[0] === name) || (spec.requiredGroups ?? []).some((g) => g.length === 1 && g[0] === name);
}

/** Bounds of a numeric option as iptables applies them: min/max of the table, else the type's. */
function sourceBounds(o: SourceOption): [number, number] | undefined {
  const typeMax = o.type ? TYPE_MAX[o.type] : undefined;
  if (typeMax === undefined) return undefined;
  // xtables reads the ranges (…RC) with the type's bounds only; the table's min/max are not applied.
  if (o.type?.endsWith('RC')) return [0, typeMax];
  const num = (v: SourceOption['min'], dflt: number): number => (typeof v === 'number' && v !== 0 ? v : typeof v === 'string' ? Number(v) : dflt);
  return [num(o.min, 0), num(o.max, typeMax)];
}

function boundsDifferences(kb: OptionSpec, o: SourceOption): string[] {
  const form = kb.form;
  const bounds = sourceBounds(o);
  const out: string[] = [];
  if (bounds && (form.kind === 'number' || form.kind === 'number-range')) {
    const rangeType = o.type?.endsWith('RC') ?? false;
    if (rangeType !== (form.kind === 'number-range')) out.push(`--${kb.name}: kb reads a ${form.kind}, source type ${o.type}`);
    if (form.min !== bounds[0] || form.max !== bounds[1]) out.push(`--${kb.name}: kb range ${form.min}-${form.max}, source ${bounds[0]}-${bounds[1]}`);
  }
  if (o.type === 'XTTYPE_STRING' && form.kind === 'string') {
    const max = typeof o.max === 'number' && o.max > 0 ? o.max : undefined;
    if (max !== undefined && form.maxLength !== max) out.push(`--${kb.name}: kb refuses over ${form.maxLength} characters, source over ${max}`);
    // A string iptables cuts to its field: the kb must keep as much (iptables-legacy's figure; nft may keep more).
    if (max === undefined && o.put && o.size !== undefined && form.keeps !== o.size - 1) {
      out.push(`--${kb.name}: kb ${form.keeps === undefined ? `refuses over ${form.maxLength} characters` : `keeps ${form.keeps}`}, source takes any length and keeps ${o.size - 1}`);
    }
    const min = typeof o.min === 'number' && o.min > 0 ? o.min : 0;
    if ((form.minLength ?? 0) !== min) out.push(`--${kb.name}: kb needs at least ${form.minLength ?? 0} characters, source ${min}`);
  }
  return out;
}

/** Names both sides exclude, as pairs `a|b`: iptables refuses a pair when either side lists the other. */
function exclPairs(entries: [string, readonly string[]][]): Set<string> {
  const pairs = new Set<string>();
  for (const [a, excl] of entries) for (const b of excl) if (a !== b) pairs.add([a, b].sort().join('|'));
  return pairs;
}

function optionDifferences(spec: ExtensionSpec, ext: SourceExtension, family: Family): string[] {
  const kbOptions = spec.options.filter((o) => !o.family || o.family === family);
  const groups = groupsOf(ext);
  const groupOf = new Map<string, SourceOption[]>();
  for (const g of groups) for (const o of g) groupOf.set(o.name, g);
  const out: string[] = [];
  // The kb's name for each source spelling, to compare also/excl in the kb's names.
  const kbName = new Map<string, string>();
  for (const k of kbOptions) for (const n of [k.name, ...k.aliases]) for (const o of groupOf.get(n) ?? []) kbName.set(o.name, k.name);
  for (const k of kbOptions) {
    const group = groupOf.get(k.name);
    if (!group) { out.push(`--${k.name}: not an option of ${FACTS.release}`); continue; }
    if (!sameSet([k.name, ...k.aliases], group.map((o) => o.name))) out.push(`--${k.name}: spellings kb ${list([k.name, ...k.aliases])}, source ${list(group.map((o) => o.name))}`);
    if (ext.optionsFrom !== 'x6_options') continue;
    const o = group.find((g) => g.name === k.name) as SourceOption;
    // libxtables names an option in its messages by the first entry of its id in the table.
    if ((k.printed ?? k.name) !== group[0].name) out.push(`--${k.name}: printed kb --${k.printed ?? k.name}, source --${group[0].name}`);
    if (k.invert !== Boolean(o.invert)) out.push(`--${k.name}: invert kb ${k.invert}, source ${Boolean(o.invert)}`);
    if (k.multi !== Boolean(o.multi)) out.push(`--${k.name}: multi kb ${k.multi}, source ${Boolean(o.multi)}`);
    if (mandatoryInKb(spec, k.name) !== Boolean(o.mandatory)) out.push(`--${k.name}: mandatory kb ${mandatoryInKb(spec, k.name)}, source ${Boolean(o.mandatory)}`);
    out.push(...boundsDifferences(k, o));
    const also = new Set((o.also ?? []).map((n) => kbName.get(n) ?? n));
    if (!sameSet(k.also, also)) out.push(`--${k.name}: also kb ${list(k.also)}, source ${list(also)}`);
  }
  for (const g of groups) if (!g.some((o) => kbName.has(o.name))) out.push(`--${g[0].name}: missing from kb`);
  if (ext.optionsFrom === 'x6_options') {
    const kbPairs = exclPairs(kbOptions.map((k) => [k.name, k.excl]));
    const srcPairs = exclPairs(ext.options.map((o) => [kbName.get(o.name) ?? o.name, (o.excl ?? []).map((n) => kbName.get(n) ?? n)]));
    for (const p of kbPairs) if (!srcPairs.has(p)) out.push(`excl ${p.replace('|', ' with ')}: only in kb`);
    for (const p of srcPairs) if (!kbPairs.has(p)) out.push(`excl ${p.replace('|', ' with ')}: only in source`);
  }
  return out;
}

function extensionDifferences(spec: ExtensionSpec): string[] {
  const perFamily = new Map<Family, string[]>();
  const families = spec.family ? [spec.family] : FAMILIES;
  for (const family of families) {
    const ext = sourceExtension(spec.kind, spec.name, family);
    perFamily.set(family, ext ? optionDifferences(spec, ext, family) : [`not a ${spec.kind} of ${FACTS.release}`]);
  }
  // A difference in every family is written once; one that holds for a single family says which.
  const all = [...new Set([...perFamily.values()].flat())];
  return all.map((d) => (families.every((f) => perFamily.get(f)?.includes(d)) ? d : `${d} (${families.find((f) => perFamily.get(f)?.includes(d))})`));
}

/** Source extensions the kb does not have, per kind and family. */
function missingExtensions(): string[] {
  const out = new Set<string>();
  for (const e of FACTS.extensions) {
    if (!['ipv4', 'ipv6', 'both'].includes(e.family) || e.name === 'standard') continue;
    const families = e.family === 'both' ? FAMILIES : [e.family as Family];
    const kb = e.kind === 'match' ? MATCHES : TARGETS;
    for (const f of families) {
      if (!kb.some((s) => s.name === e.name && (!s.family || s.family === f))) out.add(`${e.name}: ${e.kind} missing from kb (${e.family === 'both' ? f : e.family})`);
    }
  }
  return [...out];
}

/** Every difference, as `EXTENSION: text`. */
export function differences(): string[] {
  const out: string[] = [];
  for (const spec of [...MATCHES, ...TARGETS]) for (const d of extensionDifferences(spec)) out.push(`${spec.kind === 'match' ? '' : 'target '}${spec.name}${spec.family ? `/${spec.family}` : ''}: ${d}`);
  return [...out, ...missingExtensions().map((d) => `missing ${d}`)].sort();
}

/** option-tables.known.txt: `difference | reason` per line; `#` starts a comment line. */
function known(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(KNOWN_FILE, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' | ');
    assert.ok(at > 0, `no reason: ${line}`);
    out.set(line.slice(0, at).trim(), line.slice(at + 3).trim());
  }
  return out;
}

describe(`knowledge base against the option tables of iptables ${FACTS.release}`, () => {
  test('the facts name their release and source', () => {
    assert.equal(FACTS.release, '1.8.9');
    assert.match(FACTS.source, /1\.8\.9/);
    assert.ok(FACTS.extensions.length > 100);
  });

  test('every difference is a known one, with its reason', () => {
    const found = differences();
    const grouped = new Map<string, string[]>();
    for (const d of found) {
      const ext = d.slice(0, d.indexOf(': '));
      grouped.set(ext, [...(grouped.get(ext) ?? []), d.slice(ext.length + 2)]);
    }
    console.log(`${found.length} differences in ${grouped.size} extensions:`);
    for (const [ext, ds] of grouped) console.log(`  ${ext} (${ds.length})\n${ds.map((d) => `    ${d}`).join('\n')}`);
    const listed = known();
    for (const [d, reason] of listed) assert.ok(reason.length > 0, `a reason for ${d}`);
    assert.deepEqual(found.filter((d) => !listed.has(d)), [], 'new differences: fix kb, or list them with a reason');
    assert.deepEqual([...listed.keys()].filter((d) => !found.includes(d)), [], 'listed differences that no longer hold: remove them');
  });

  test('the comparison sees a wrong limit, a missing invert and a missing option', () => {
    const comment = sourceExtension('match', 'comment', 'ipv4') as SourceExtension;
    const recent = sourceExtension('match', 'recent', 'ipv4') as SourceExtension;
    const spec = (name: string): ExtensionSpec => MATCHES.find((m) => m.name === name) as ExtensionSpec;
    const ttl = spec('ttl');
    const broken: ExtensionSpec = { ...ttl, options: ttl.options.filter((o) => o.name !== 'ttl-eq').map((o) => ({ ...o, invert: true, form: { kind: 'number', min: 0, max: 254 } })) };
    const found = optionDifferences(broken, sourceExtension('match', 'ttl', 'ipv4') as SourceExtension, 'ipv4');
    assert.ok(found.includes('--ttl-eq: missing from kb'), found.join('\n'));
    assert.ok(found.includes('--ttl-lt: invert kb true, source false'), found.join('\n'));
    assert.ok(found.includes('--ttl-lt: kb range 0-254, source 0-255'), found.join('\n'));
    assert.ok(comment.options[0].size === 256 && comment.options[0].put);
    assert.ok(recent.options.some((o) => o.name === 'hitcount' && o.type === 'XTTYPE_UINT32' && o.max === null));
  });
});

/** A difference of another release's option table from 1.8.9's, as option-tables/releases.json holds it. */
interface ReleaseDifference {
  extension: string;
  option?: string;
  field?: string;
  present?: boolean;
  value?: unknown;
  base: unknown;
}

interface ReleaseFacts {
  base: string;
  releases: Array<{ release: string; commit: string; differences: ReleaseDifference[] }>;
}

const RELEASES: ReleaseFacts = JSON.parse(readFileSync(path.join(SRC_KB, 'option-tables', 'releases.json'), 'utf8'));
const RELEASES_KNOWN = path.join(SRC_KB, 'option-tables', 'releases.known.txt');

/** The name of a difference in releases.known.txt and in releases.cases.ts. */
export function differenceKey(release: string, d: ReleaseDifference): string {
  return `${release} ${d.extension}${d.option ? ` --${d.option}` : ''}: ${d.field ?? (d.present ? 'only in this release' : 'not in this release')}`;
}

/** releases.known.txt: `difference | followed or listed | why`. */
function releasesKnown(): Map<string, { how: string; why: string }> {
  const out = new Map<string, { how: string; why: string }>();
  for (const line of readFileSync(RELEASES_KNOWN, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [key, how, why] = line.split(' | ').map((x) => x.trim());
    assert.ok(key && (how === 'followed' || how === 'listed') && why, `a line needs difference | followed or listed | why: ${line}`);
    out.set(key, { how, why });
  }
  return out;
}

/** The base's value of one field, as releases.json says it was: the two must agree. */
function baseValue(d: ReleaseDifference): unknown {
  const [kind, name, rev, family] = d.extension.split(' ');
  const ext = FACTS.extensions.find((e) => e.kind === kind && e.name === name && `r${e.revision}` === rev && e.family === family);
  if (d.present !== undefined) return ext !== undefined;
  const holder = (d.option ? ext?.options.find((o) => o.name === d.option) : ext) as Record<string, unknown> | undefined;
  return holder?.[d.field as string] ?? null;
}

describe('knowledge base against the option tables of the other releases (1.8.7 to 1.8.11)', () => {
  test('the differences name their release, its commit and the base in the repo', () => {
    assert.equal(RELEASES.base, FACTS.release);
    const releases = RELEASES.releases.map((r) => r.release);
    assert.deepEqual(releases, IPTABLES_VERSIONS.filter((v) => v !== DEFAULT_VERSION));
    for (const r of RELEASES.releases) {
      assert.match(r.commit, /^[0-9a-f]{40}$/);
      for (const d of r.differences) assert.deepEqual(d.base, baseValue(d), `${differenceKey(r.release, d)}: the base's value`);
    }
  });

  test('every difference is followed by the kb (proven per release) or listed with its reason', () => {
    const listed = releasesKnown();
    const found = RELEASES.releases.flatMap((r) => r.differences.map((d) => differenceKey(r.release, d)));
    const counts = RELEASES.releases.map((r) => `${r.release} ${r.differences.length}`).join(', ');
    const followed = [...listed.values()].filter((k) => k.how === 'followed').length;
    console.log(`option-table differences from ${FACTS.release}: ${counts}; ${followed} followed, ${listed.size - followed} listed`);
    assert.deepEqual(found.filter((k) => !listed.has(k)), [], 'new differences: follow them in the kb (with a row in releases.cases.ts), or list them with a reason');
    assert.deepEqual([...listed.keys()].filter((k) => !found.includes(k)), [], 'listed differences that no longer hold: remove them');
    for (const [key, { how }] of listed) {
      if (how !== 'followed') continue;
      const release = key.slice(0, key.indexOf(' ')) as IptablesVersion;
      const rows = RELEASE_CASES.filter((c) => c.fact === key);
      assert.ok(rows.length > 0, `${key}: followed, but no row of releases.cases.ts names it`);
      for (const c of rows) assert.notEqual(expectedIn(c, release), expectedIn(c, DEFAULT_VERSION), `${c.rule}: the row must tell ${release} from ${DEFAULT_VERSION}`);
    }
    for (const c of RELEASE_CASES) if (c.fact) assert.ok(listed.get(c.fact)?.how === 'followed', `${c.rule}: its fact ${c.fact} is not a followed difference`);
  });
});
