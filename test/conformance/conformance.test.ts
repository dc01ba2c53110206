// iptables's own extension tests: an OK line must draw no error, a FAIL line at least one.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { lint } from 'firewall-rules-server/build/core';
import { readConformance, VERSION_DIFFERENCES } from 'firewall-rules-server/build/test-support/conformance';
import { loadInNamespace, truthUnavailable } from 'firewall-rules-server/build/test-support/netns';
import { SHARED } from 'firewall-rules-server/build/test-support/paths';

const DIR = path.join(SHARED, 'conformance', 'extensions');
const missing = existsSync(DIR) ? undefined : `${DIR} is not there`;
if (missing) console.log(`conformance skipped: ${missing}`);

describe('conformance with iptables extension tests', { skip: missing }, () => {
  test('at least 99% of the counted lines agree', () => {
    const { cases, skipped } = readConformance(DIR);
    const disagreements: string[] = [];
    for (const c of cases) {
      for (const text of c.texts) {
        const errors = lint(text, { family: c.family }).filter((d) => d.severity === 'error');
        const ours = errors.length > 0 ? 'FAIL' : 'OK';
        if (ours !== c.expect) {
          const chain = /-A (\S+)/.exec(text)?.[1];
          disagreements.push(`${c.file}:${c.line} [${chain}] expected ${c.expect}: ${c.rule}${errors.length ? ` -> ${errors[0].code}: ${errors[0].message}` : ''}`);
          break;
        }
      }
    }
    const agree = cases.length - disagreements.length;
    const rate = (100 * agree) / cases.length;
    console.log(`conformance: ${agree}/${cases.length} lines agree (${rate.toFixed(2)}%); skipped ${JSON.stringify(skipped)}`);
    for (const d of disagreements) console.log(`  disagrees: ${d}`);
    assert.ok(rate >= 99, `${rate.toFixed(2)}% < 99%`);
  });

  test('the lines left out as version differences are answered by the installed iptables as we answer them', { skip: truthUnavailable() }, () => {
    const { versionDifferences } = readConformance(DIR);
    assert.equal(versionDifferences.length, VERSION_DIFFERENCES.length, 'every listed difference is still in the .t files');
    for (const c of versionDifferences) {
      const installed = VERSION_DIFFERENCES.find((d) => d.file === c.file && d.rule === c.rule)?.installed;
      assert.notEqual(installed, c.expect, `${c.file}:${c.line} differs from the .t file`);
      for (const text of c.texts) {
        const loads = loadInNamespace(text, c.family === 'ipv4' ? 'iptables-nft-restore' : 'ip6tables-nft-restore').status === 0;
        assert.equal(loads ? 'OK' : 'FAIL', installed, `installed iptables on ${c.file}:${c.line}: ${c.rule}`);
        const ours = lint(text, { family: c.family }).some((d) => d.severity === 'error') ? 'FAIL' : 'OK';
        assert.equal(ours, installed, `we follow the installed iptables on ${c.file}:${c.line}: ${c.rule}`);
      }
    }
  });
});

const DUMPS = path.join(SHARED, 'conformance', 'dumps');

describe('no false alarms on real iptables-save dumps', { skip: existsSync(DUMPS) ? undefined : `${DUMPS} is not there` }, () => {
  test('every dump loads with iptables, so none draws an error', () => {
    const files = readdirSync(DUMPS);
    assert.ok(files.length > 0);
    for (const name of files) {
      const errors = lint(readFileSync(path.join(DUMPS, name), 'utf8'), { fileName: name }).filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => `${name}:${d.range.start.line + 1} ${d.code}: ${d.message}`), []);
    }
  });
});
