#!/usr/bin/env node
// Writes how the option tables of other iptables releases differ from the ones in the repo (1.8.9).
//
//   node scripts/option-table-releases.mjs BASE.json OUT.json RELEASE=PATH...
//
// BASE.json is the facts file kept in the repo (kb/option-tables/iptables-1.8.9.json). Each PATH is
// either a facts file written by read-option-tables.mjs or an iptables source tree (read here with
// the same reader). OUT.json lists, per release, every option-table fact that differs from the
// base: an extension revision only one side has, an option only one side has, a field of an option
// or of an extension with another value. The whole facts of each release stay outside the repo;
// this file is small enough to review, and kb/option-tables.releases.test.ts holds the knowledge
// base to it.
//
// Regenerate (the history of upstream's releases, exported at their "Bump version" commits):
//   node scripts/option-table-releases.mjs server/src/core/kb/option-tables/iptables-1.8.9.json \
//     server/src/core/kb/option-tables/releases.json 1.8.7=/work/src/hist/1.8.7 1.8.8=/work/src/hist/1.8.8 \
//     1.8.10=/work/src/hist/1.8.10 1.8.11=/work/src/hist/1.8.11
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readTree } from './read-option-tables.mjs';

const REPOSITORY = 'aosp-mirror/platform_external_iptables (upstream git.netfilter.org/iptables, tags merged)';
/** The commit each release was read at: upstream's "configure: Bump version for X release". */
export const RELEASE_COMMITS = {
  '1.8.7': 'f485d324e99fc9a9a7fe310b97e1ebf8114b36c6',
  '1.8.8': 'fa0ccdbdbec467ee6a562d5de38eaaefa1016ad7',
  '1.8.9': '11407d91a1bece630e0e1f2063ce726e4045827d',
  '1.8.10': '8ae55c2a331e932c0aeef8c6c138bf60deb9fd42',
  '1.8.11': '0506bea1dcc8f12d94e7c32bf2fb04abb3fdd269',
};
// Names of files and functions are where a fact lives, not a fact of what loads: not compared.
const NOT_COMPARED = new Set(['file', 'x6_parse', 'x6_fcheck', 'options']);

const extKey = (e) => `${e.kind} ${e.name} r${e.revision} ${e.family}`;
// The families iptables and ip6tables load (`both`: NFPROTO_UNSPEC); arptables's and ebtables's are left out.
const FAMILIES = new Set(['ipv4', 'ipv6', 'both']);
const ours = (facts) => facts.extensions.filter((e) => FAMILIES.has(e.family));

/** The differences of one release's facts from the base's, one object per fact. */
export function differences(base, other) {
  const out = [];
  const baseByKey = new Map(ours(base).map((e) => [extKey(e), e]));
  const otherByKey = new Map(ours(other).map((e) => [extKey(e), e]));
  for (const [key, e] of otherByKey) {
    const b = baseByKey.get(key);
    if (!b) { out.push({ extension: key, present: true, base: false }); continue; }
    for (const field of new Set([...Object.keys(e), ...Object.keys(b)])) {
      if (NOT_COMPARED.has(field) || JSON.stringify(e[field]) === JSON.stringify(b[field])) continue;
      out.push({ extension: key, field, value: e[field] ?? null, base: b[field] ?? null });
    }
    out.push(...optionDifferences(key, e.options, b.options));
  }
  for (const key of baseByKey.keys()) if (!otherByKey.has(key)) out.push({ extension: key, present: false, base: true });
  return out.sort((x, y) => (x.extension === y.extension ? 0 : x.extension < y.extension ? -1 : 1));
}

function optionDifferences(key, options, baseOptions) {
  const out = [];
  const baseByName = new Map(baseOptions.map((o) => [o.name, o]));
  const names = new Set(options.map((o) => o.name));
  for (const o of options) {
    const b = baseByName.get(o.name);
    if (!b) { out.push({ extension: key, option: o.name, present: true, base: false }); continue; }
    for (const field of new Set([...Object.keys(o), ...Object.keys(b)])) {
      if (JSON.stringify(o[field]) === JSON.stringify(b[field])) continue;
      out.push({ extension: key, option: o.name, field, value: o[field] ?? null, base: b[field] ?? null });
    }
  }
  for (const b of baseOptions) if (!names.has(b.name)) out.push({ extension: key, option: b.name, present: false, base: true });
  return out;
}

function readFacts(path) {
  return statSync(path).isDirectory() ? readTree(path) : JSON.parse(readFileSync(path, 'utf8'));
}

/** One release and one difference per line, so that a change to the facts reads well in a diff. */
function format(doc) {
  const { releases, ...head } = doc;
  const blocks = releases.map(({ differences: ds, ...r }) => {
    const lines = ds.map((d) => `    ${JSON.stringify(d)}`).join(',\n');
    return `  ${JSON.stringify(r).slice(0, -1)}, "differences": [${lines ? `\n${lines}\n  ` : ''}]}`;
  });
  return `${JSON.stringify(head, null, 1).slice(0, -2)},\n "releases": [\n${blocks.join(',\n')}\n]}\n`;
}

function main(argv) {
  const [basePath, out, ...pairs] = argv;
  if (!basePath || !out || pairs.length === 0 || pairs.some((p) => !p.includes('='))) {
    process.stderr.write('usage: option-table-releases.mjs BASE.json OUT.json RELEASE=PATH...\n');
    process.exit(2);
  }
  const base = JSON.parse(readFileSync(basePath, 'utf8'));
  const releases = pairs.map((pair) => {
    const [release, path] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
    const facts = readFacts(path);
    if (facts.release !== release) throw new Error(`${path} holds ${facts.release}, not ${release}`);
    if (!RELEASE_COMMITS[release]) throw new Error(`no commit known for ${release}`);
    return { release, commit: RELEASE_COMMITS[release], differences: differences(base, facts) };
  });
  const doc = {
    base: base.release,
    baseSource: base.source,
    repository: REPOSITORY,
    readBy: 'scripts/read-option-tables.mjs, compared by scripts/option-table-releases.mjs',
    note: 'Per release, each option-table fact that differs from the base: value is the release\'s, base the base\'s (null: not set); present says which side has an extension or option at all. Only the extensions of iptables and ip6tables (families ipv4, ipv6, both).',
    releases,
  };
  writeFileSync(out, format(doc));
  for (const r of releases) process.stdout.write(`${r.release} (${r.commit.slice(0, 8)}): ${r.differences.length} differences from ${base.release}\n`);
}

if (process.argv[1] && basename(process.argv[1]) === 'option-table-releases.mjs') main(process.argv.slice(2));
