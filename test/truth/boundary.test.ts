// The boundary suite (issue 20): every option of every match and target in the knowledge base at and
// beyond its limits, each case loaded with iptables-nft-restore and iptables-legacy-restore
// (ip6tables-* for IPv6) in throwaway namespaces. Our verdict must agree with both, for iptables
// 1.8.9. Cases that depend on objects outside the file are counted and listed, not judged.
// BOUNDARY_ONLY=name,name limits it to some extensions; BOUNDARY_VERBOSE=1 prints every disagreement,
// BOUNDARY_WORDS=1 every refusal whose message we word otherwise (the first 60 are printed anyway;
// the suite requires none).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lint } from 'firewall-rules-server/build/core';
import { boundaryCases, caseText, extensionsWithoutBase, HOST_OBJECTS, type BoundaryCase } from 'firewall-rules-server/build/test-support/boundary';
import { loadEach, makeObjects, withNamespace } from 'firewall-rules-server/build/test-support/boundary-run';
import { comparable, sameMeaning, saveCheck, shortened } from 'firewall-rules-server/build/test-support/boundary-save';
import { truthUnavailable, type Loader } from 'firewall-rules-server/build/test-support/netns';

const why = truthUnavailable();
if (why) console.log(`boundary suite skipped: ${why}`);

const BACKENDS = ['nft', 'legacy'] as const;
type Backend = (typeof BACKENDS)[number];
const loaderOf = (c: BoundaryCase, backend: Backend): Loader => `${c.family === 'ipv6' ? 'ip6tables' : 'iptables'}-${backend}-restore`;

/** The checks that say a rule loads, but not as written. */
const CHANGED = new Set(['string-truncated', 'port-wraps', 'number-wraps', 'saved-unquoted', 'mask-as-address', 'log-prefix-too-long', 'recent-hitcount', 'host-bits-set', 'octal-address']);

function ourVerdict(c: BoundaryCase, backend: Backend): { loads: boolean; message?: string; changed?: string } {
  const found = lint(caseText(c), { family: c.family, backend, iptablesVersion: '1.8.9', hostObjects: HOST_OBJECTS });
  const errors = found.filter((d) => d.severity === 'error');
  return { loads: errors.length === 0, message: errors[0]?.message, changed: found.find((d) => CHANGED.has(d.code))?.message };
}

/** Silent changes: value cases that load, where iptables-save prints another meaning. */
interface Changes {
  compared: number;
  warned: string[];
  unwarned: string[];
  notTogether: string[];
}

function checkSaved(ns: string, backend: Backend, key: string, cases: readonly BoundaryCase[], loaded: readonly boolean[], changes: Changes): void {
  const chosen = cases.map((c, k) => [k, c] as [number, BoundaryCase]).filter(([k, c]) => loaded[k] && comparable(c));
  const tool = cases[0].family === 'ipv6' ? 'ip6tables' : 'iptables';
  const r = saveCheck(ns, tool, backend, chosen);
  if (r.failed) {
    changes.notTogether.push(`${backend} ${key}: ${r.failed}`);
    return;
  }
  for (const [k, c] of chosen) {
    const saved = r.saved.get(k);
    const v = c.value;
    if (saved === undefined || !v) continue;
    changes.compared++;
    if (sameMeaning(v.form, v.written, saved, v.max)) continue;
    const ours = ourVerdict(c, backend);
    const line = shortened(`${backend} ${key} ${c.rule}: iptables-save prints --${v.option} ${saved}`);
    if (ours.changed) changes.warned.push(line);
    else changes.unwarned.push(line);
  }
}

/** What iptables printed when it refused a rule while reading it, without its name and release. */
export function theirWords(stderr: string): string | undefined {
  const m = /^ip6?tables(?:-nft|-legacy)?-restore v[\d.]+ \([^)]*\): (.+)$/m.exec(stderr);
  return m?.[1].trim() || undefined;
}

interface Tally {
  cases: number;
  agree: Record<Backend, number>;
  ms: number;
}

function groups(cases: readonly BoundaryCase[]): Map<string, BoundaryCase[]> {
  const by = new Map<string, BoundaryCase[]>();
  for (const c of cases) {
    const key = `${c.family === 'ipv6' ? 'ip6tables' : 'iptables'} ${c.extension}`;
    by.set(key, [...(by.get(key) ?? []), c]);
  }
  return by;
}

describe('the boundary suite against the real iptables 1.8.9', { skip: why }, () => {
  test('every case of every option agrees with iptables-nft-restore and iptables-legacy-restore', async () => {
    const only = process.env.BOUNDARY_ONLY?.split(',');
    const all = boundaryCases().filter((c) => !only || only.includes(c.extension.slice(3)));
    // Whether this machine can make ipset sets and nfacct objects: the cases that need them are judged then.
    const made = await withNamespace(async (ns) => makeObjects(ns));
    const judged = all.filter((c) => !c.outside || (c.made && made.has(c.made)));
    const outside = all.filter((c) => c.outside);
    const tallies = new Map<string, Tally>();
    const disagreements: string[] = [];
    /** Extensions this machine's kernel does not have: iptables says so of the base rule, and nothing can be judged. */
    const missing = new Map<string, string>();
    /** Refusals iptables explains while reading the rule: whether our first error quotes its words. */
    const words = { quoted: 0, other: [] as string[] };
    const changes: Changes = { compared: 0, warned: [], unwarned: [], notTogether: [] };
    const started = Date.now();
    // The two back ends load at the same time, each in its own namespace.
    await Promise.all(BACKENDS.map((backend) =>
      withNamespace(async (ns) => {
        makeObjects(ns);
        for (const [key, cases] of groups(judged)) {
          const tally = tallies.get(key) ?? { cases: cases.length, agree: { nft: 0, legacy: 0 }, ms: 0 };
          tallies.set(key, tally);
          const t0 = Date.now();
          const theirs = await loadEach(ns, loaderOf(cases[0], backend), cases.map(caseText));
          const lacking = /Extension \S+ revision \d+ not supported, missing kernel module\?/.exec(theirs[0].stderr);
          if (lacking) {
            missing.set(`${backend} ${key}`, `${cases.length} cases: ${lacking[0]}`);
            tallies.delete(key);
            continue;
          }
          cases.forEach((c, k) => {
            const ours = ourVerdict(c, backend);
            if (ours.loads !== theirs[k].loads) {
              disagreements.push(shortened(`${backend} ${key} [${c.table} ${c.chain}] ${c.what}: ${c.rule}\n      we: ${ours.loads ? 'loads' : `fails (${ours.message})`}\n      iptables: ${theirs[k].loads ? 'loads' : `fails: ${theirs[k].stderr.trim().split('\n').slice(0, 2).join(' / ')}`}`));
              return;
            }
            tally.agree[backend]++;
            const said = ours.loads ? undefined : theirWords(theirs[k].stderr);
            if (said && ours.message?.includes(said)) words.quoted++;
            else if (said) words.other.push(shortened(`${backend} ${key} ${c.rule}\n      we: ${ours.message}\n      iptables: ${said}`));
          });
          checkSaved(ns, backend, key, cases, theirs.map((t) => t.loads), changes);
          tally.ms += Date.now() - t0;
        }
      }),
    ));
    const total = [...tallies.values()].reduce((n, t) => n + t.agree.nft + t.agree.legacy, 0) + disagreements.length;
    const agree = total - disagreements.length;
    console.log(`boundary: ${agree}/${total} verdicts agree (${((100 * agree) / total).toFixed(2)}%) over ${judged.length} cases and ${BACKENDS.length} back ends, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log('  extension: cases, agree nft, agree legacy, ms (both back ends)');
    for (const [key, t] of [...tallies].sort()) console.log(`  ${key}: ${t.cases}, ${t.agree.nft}, ${t.agree.legacy}, ${t.ms}`);
    console.log(`  messages: ${words.quoted} of ${words.quoted + words.other.length} refusals iptables explains while reading the rule are quoted word for word`);
    for (const w of process.env.BOUNDARY_WORDS ? words.other : words.other.slice(0, 60)) console.log(`    other words: ${w}`);
    console.log(`  loads, but not as written: ${changes.warned.length + changes.unwarned.length} of ${changes.compared} values iptables-save prints mean something else; we warn of ${changes.warned.length}`);
    for (const u of changes.unwarned) console.log(`    not warned: ${u}`);
    if (process.env.BOUNDARY_VERBOSE) for (const w of changes.warned) console.log(`    warned: ${w}`);
    for (const n of changes.notTogether) console.log(`    could not load the value cases together: ${n}`);
    console.log(`  ${outside.length} cases need an object outside the file (judged where the suite made it in its namespaces: ${[...made].join(', ') || 'none'}):`);
    for (const [key, cases] of groups(outside)) console.log(`    ${key}: ${cases.length} (${cases[0].outside}${cases[0].made && made.has(cases[0].made) ? ', made and judged' : ', not judged'})`);
    console.log(`  ${missing.size} extensions the kernel here lacks, not judged:`);
    for (const [key, m] of missing) console.log(`    ${key}: ${m}`);
    console.log(`  no base rule could be made for: ${['ipv4', 'ipv6'].map((f) => `${f}: ${extensionsWithoutBase(f as 'ipv4').join(', ') || '-'}`).join('; ')}`);
    const shown = process.env.BOUNDARY_VERBOSE ? disagreements : disagreements.slice(0, 60);
    for (const d of shown) console.log(`  disagrees: ${d}`);
    assert.equal(disagreements.length, 0, `${disagreements.length} verdicts disagree`);
    assert.deepEqual(changes.unwarned, [], 'every value that loads as something else draws a warning');
    assert.equal(words.other.length, 0, `${words.other.length} refusals are not quoted in iptables's words`);
  });
});
