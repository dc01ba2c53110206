// The address tables the readers are held to (address.cases.ts), loaded for real: each spelling as
// `-s` of one rule, and what iptables-nft-save prints for it, or the message iptables stops with;
// each extension option in a rule of its own, and whether it loads.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADDRESS_CASES, OPTION_ADDRESS_CASES, optionCaseFile } from 'firewall-rules-server/build/test-support/address.cases';
import { loadInNamespace, savedAfterLoad, truthUnavailable } from 'firewall-rules-server/build/test-support/netns';

const why = truthUnavailable();
if (why) console.log(`address truth tests skipped: ${why}`);

describe('-s addresses read as iptables reads them', { skip: why }, () => {
  test(`${ADDRESS_CASES.length} spellings store what the table says`, () => {
    const wrong: string[] = [];
    for (const c of ADDRESS_CASES) {
      const loaded = savedAfterLoad(`*filter\n-A INPUT -s "${c.text}" -j ACCEPT\nCOMMIT\n`, c.family);
      if (c.refused !== undefined) {
        if (loaded.status === 0 || !loaded.stderr.includes(c.refused)) wrong.push(`${c.text}: expected "${c.refused}", got ${loaded.status === 0 ? 'a load' : loaded.stderr.trim()}`);
        continue;
      }
      const rule = loaded.saved.split('\n').find((l) => l.startsWith('-A INPUT'));
      const stored = rule?.match(/ -s (\S+)/)?.[1] ?? (rule ? '' : undefined);
      if (loaded.status !== 0 || stored !== c.stored) wrong.push(`${c.text}: expected "${c.stored}", got ${loaded.status === 0 ? `"${stored}"` : loaded.stderr.trim()}`);
    }
    assert.deepEqual(wrong, []);
  });

  test(`${OPTION_ADDRESS_CASES.length} extension address and mask options load or fail as the table says`, () => {
    const wrong: string[] = [];
    for (const c of OPTION_ADDRESS_CASES) {
      const loaded = loadInNamespace(optionCaseFile(c), c.family === 'ipv6' ? 'ip6tables-nft-restore' : 'iptables-nft-restore');
      const ok = c.refused === undefined ? loaded.status === 0 : loaded.status !== 0 && loaded.stderr.includes(c.refused);
      if (!ok) wrong.push(`${c.options}: expected ${c.refused ?? 'a load'}, got ${loaded.status === 0 ? 'a load' : loaded.stderr.trim()}`);
    }
    assert.deepEqual(wrong, []);
  });
});
