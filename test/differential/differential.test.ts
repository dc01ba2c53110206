// Random rules from the knowledge base, each loaded for real with iptables-nft-restore in a throwaway
// namespace: our verdict (loads or not) must agree on at least 99% of them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lint } from 'firewall-rules-server/build/core';
import { loadInNamespace, truthUnavailable } from '../support/netns';
import { generateRule, rng } from '../support/rule-generator';

const why = truthUnavailable();
if (why) console.log(`differential test skipped: ${why}`);

const COUNT = Number(process.env.DIFF_COUNT ?? 500);
const SEED = Number(process.env.DIFF_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe('random rules against the real iptables', { skip: why }, () => {
  test(`${COUNT} rules agree at least 99% (seed ${SEED})`, () => {
    console.log(`differential: seed ${SEED} (replay with DIFF_SEED=${SEED})`);
    const r = rng(SEED);
    const disagreements: string[] = [];
    let fails = 0;
    for (let k = 0; k < COUNT; k++) {
      const family = r() < 0.8 ? 'ipv4' : 'ipv6';
      const g = generateRule(r, family);
      const errors = lint(g.text, { family }).filter((d) => d.severity === 'error');
      const loaded = loadInNamespace(g.text, family === 'ipv4' ? 'iptables-nft-restore' : 'ip6tables-nft-restore');
      const theirs = loaded.status === 0 ? 'loads' : 'fails';
      if (theirs === 'fails') fails++;
      const ours = errors.length ? 'fails' : 'loads';
      if (ours !== theirs) {
        disagreements.push(`${family} *${g.table} -A ${g.chain} ${g.rule}\n      we: ${ours}${errors.length ? ` (${errors[0].message})` : ''}\n      iptables: ${theirs} ${loaded.stderr.trim().split('\n')[0]}`);
      }
    }
    const rate = (100 * (COUNT - disagreements.length)) / COUNT;
    console.log(`differential: ${COUNT - disagreements.length}/${COUNT} agree (${rate.toFixed(1)}%); iptables refused ${fails}`);
    for (const d of disagreements) console.log(`  disagrees: ${d}`);
    assert.ok(rate >= 99, `${rate.toFixed(1)}% < 99%`);
  });
});
