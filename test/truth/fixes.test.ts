// Every fix keeps a loadable file loadable: each quick fix offered on files iptables accepts (the
// case tables' valid files, the snippets, and random filter tables) is applied, and the result is
// loaded for real.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, detectFamily, lint } from 'firewall-rules-server/build/core';
import { ALL_CASES } from 'firewall-rules-server/build/test-support/all-cases';
import { loadInNamespace, truthUnavailable } from 'firewall-rules-server/build/test-support/netns';
import { randomRuleset, rng } from 'firewall-rules-server/build/test-support/ruleset-generator';
import { loadSnippets, snippetAsFile } from 'firewall-rules-server/build/test-support/snippets';

const why = truthUnavailable();
const SEED = Number(process.env.FIX_SEED ?? Math.floor(Math.random() * 2 ** 31));

test('every fix offered on a loading file leaves it loading', { skip: why, timeout: 300000 }, () => {
  const r = rng(SEED);
  const files = [
    ...Object.values(ALL_CASES).flatMap((c) => [...c.valid.map((v) => v.text), ...c.invalid.map((v) => v.text)]),
    ...loadSnippets().map(snippetAsFile),
    ...Array.from({ length: 100 }, () => randomRuleset(r)),
  ];
  let checked = 0;
  const loader = (text: string): 'iptables-nft-restore' | 'ip6tables-nft-restore' => (detectFamily(text) === 'ipv6' ? 'ip6tables-nft-restore' : 'iptables-nft-restore');
  for (const text of files) {
    if (loadInNamespace(text, loader(text)).status !== 0) continue;
    for (const d of lint(text)) {
      for (const fix of d.fixes) {
        const after = applyEdits(text, fix.edits);
        const loaded = loadInNamespace(after, loader(after));
        assert.equal(loaded.status, 0, `${d.code}: "${fix.title}" broke a loading file:\n${after}\n${loaded.stderr}`);
        checked++;
      }
    }
  }
  console.log(`fixes: ${checked} fixes applied to loading files (seed ${SEED}, FIX_SEED=${SEED} replays); all still load`);
  assert.ok(checked > 100, `checked ${checked}`);
});
