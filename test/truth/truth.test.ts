// The real iptables decides: every verdict the product gives on its own case tables, fixes and
// snippets is held against iptables-nft-restore (iptables-legacy-restore for a case checked as legacy)
// and the kernel, in throwaway namespaces.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ALL_CHECKS, applyEdits, detectBackend, detectFamily, lint, type LintOptions } from 'firewall-rules-server/build/core';
import { ALL_CASES } from 'firewall-rules-server/build/test-support/all-cases';
import { EXAMPLE } from 'firewall-rules-server/build/test-support/paths';
import { loadInNamespace, objectsToMake, probeKernel, truthUnavailable, type Loader } from 'firewall-rules-server/build/test-support/netns';
import { loadSnippets, snippetAsFile } from 'firewall-rules-server/build/test-support/snippets';

const why = truthUnavailable();
if (why) console.log(`truth tests skipped: ${why}`);

const hasErrors = (text: string, options?: Partial<LintOptions>): boolean => lint(text, options).some((d) => d.severity === 'error');

/**
 * ip6tables for the files we read as IPv6, iptables for the rest; the legacy back end for the files
 * we check as legacy (the setting, or an iptables-legacy-save header), nft for the rest.
 */
const loaderFor = (text: string, options?: Partial<LintOptions>): Loader => {
  const tool = detectFamily(text, options?.fileName ?? '', options?.family ?? 'auto') === 'ipv6' ? 'ip6tables' : 'iptables';
  return `${tool}-${detectBackend(text, options?.backend ?? 'auto') === 'legacy' ? 'legacy' : 'nft'}-restore`;
};

/** iptables-legacy-restore may be missing where nft is not: its cases are then left out. */
const hasLegacy = spawnSync('sh', ['-c', 'command -v iptables-legacy-restore'], { stdio: 'ignore' }).status === 0;
const runnable = (text: string, options?: Partial<LintOptions>): boolean => hasLegacy || !loaderFor(text, options).includes('legacy');

/** Our verdict (loads or not) must be the kernel's, and a quoted message must be what iptables prints. */
function agree(name: string, text: string, quoted?: string, options?: Partial<LintOptions>): void {
  if (!runnable(text, options)) return;
  const loader = loaderFor(text, options);
  // The host objects a case lists are made in the namespace first (connlabel names cannot be: the
  // namespace has no /etc/xtables/connlabel.conf, as this machine has none).
  const made = objectsToMake(options?.hostObjects);
  const loaded = loadInNamespace(text, loader, made.ipsets, made.nfacct);
  const ours = hasErrors(text, options) ? 'fails' : 'loads';
  const theirs = loaded.status === 0 ? 'loads' : 'fails';
  assert.equal(ours, theirs, `${name}: we say it ${ours}, ${loader} says it ${theirs} (${loaded.stderr.trim()})`);
  // A CRLF file makes iptables echo the carriage return inside its message; compare without it.
  if (quoted) assert.ok(loaded.stderr.replace(/\r/g, '').includes(quoted), `${name}: iptables prints "${quoted}"; it printed: ${loaded.stderr.trim()}`);
}

describe('load verdicts agree with iptables-nft-restore', { skip: why }, () => {
  for (const [code, cases] of Object.entries(ALL_CASES)) {
    test(`${code}: every case, and every fixed case`, () => {
      for (const c of cases.valid) agree(`valid "${c.name}"`, c.text, undefined, c.options);
      const isError = ALL_CHECKS.find((r) => r.meta.code === code)?.meta.severity === 'error';
      for (const c of cases.invalid) {
        agree(`invalid "${c.name}"`, c.text, c.iptables, c.options);
        if (c.output === undefined) continue;
        agree(`fixed "${c.name}"`, c.output, undefined, c.options);
        // A fix for a load error removes that error (and, by agree(), loads unless another error remains);
        // any other fix keeps a loading file loading.
        if (isError) assert.ok(!lint(c.output, c.options).some((d) => d.code === code), `fixed "${c.name}" has no ${code} left`);
        if (runnable(c.text, c.options) && loadInNamespace(c.text, loaderFor(c.text, c.options)).status === 0) {
          const after = loadInNamespace(c.output, loaderFor(c.output, c.options));
          assert.equal(after.status, 0, `fixed "${c.name}" still loads: ${after.stderr}`);
        }
      }
    });
  }

  test('the seed file fails as we say, and loads once its header fix is applied', () => {
    const seed = readFileSync(EXAMPLE, 'utf8');
    const header = lint(seed).find((d) => d.code === 'missing-table-header');
    assert.ok(header);
    agree('seed', seed, 'line 5 failed');
    const fixed = applyEdits(seed, header.fixes[0].edits);
    agree('seed with header', fixed);
    assert.equal(loadInNamespace(fixed).status, 0);
    // Then every remaining quick fix, one after the other, must keep it loadable.
    let text = fixed;
    for (let d = lint(text)[0]; d && d.fixes.length; d = lint(text)[0]) {
      text = applyEdits(text, d.fixes.find((f) => f.isPreferred)!.edits);
      assert.equal(loadInNamespace(text).status, 0, `still loads after fixing ${d.code}`);
    }
    assert.deepEqual(lint(text), []);
  });

  test('every snippet, expanded with its defaults, loads', () => {
    for (const s of loadSnippets()) {
      const r = loadInNamespace(snippetAsFile(s));
      assert.equal(r.status, 0, `${s.name}: ${r.stderr}`);
    }
  });
});

const category = (v: string | undefined): string => (v === 'ACCEPT' ? 'open' : v === 'HALF-OPEN' ? 'half-open' : 'blocked');

describe('cases with a kernel verdict agree with a real TCP connection', { skip: why }, () => {
  for (const [code, cases] of Object.entries(ALL_CASES)) {
    for (const c of [...cases.valid, ...cases.invalid]) {
      if (!c.kernel) continue;
      test(`${code}: ${c.name}`, async () => {
        const { port, verdict, fixed = 'open' } = c.kernel!;
        // An ip6tables file is probed over IPv6, with ip6tables.
        const family = detectFamily(c.text, c.options?.fileName ?? '') === 'ipv6' ? 6 : 4;
        const probed = await probeKernel(c.text, [port], { family });
        assert.equal(probed.loaded.status, 0, probed.loaded.stderr);
        const kernel = probed.verdicts.get(port);
        assert.equal(category(kernel), verdict, `kernel says ${kernel} for port ${port}`);
        if (code === 'ssh-lockout') {
          const warned = lint(c.text, c.options).some((d) => d.code === 'ssh-lockout');
          assert.equal(warned, verdict !== 'open', 'ssh-lockout fires exactly when the kernel blocks');
        }
        if ('output' in c && typeof c.output === 'string' && c.output) {
          const after = await probeKernel(c.output, [port], { family });
          assert.equal(category(after.verdicts.get(port)), fixed, `after the quick fix the kernel says ${after.verdicts.get(port)}`);
        }
      });
    }
  }
});
