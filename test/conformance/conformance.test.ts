// iptables's own extension tests (of 1.8.11), checked for 1.8.11: an OK line must draw no error, a
// FAIL line at least one.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { lint, type HostObjects, type IptablesVersion } from 'firewall-rules-server/build/core';
import { CONFORMANCE_RELEASE, outsideObject, readConformance, RELEASE_DIFFERENCES } from 'firewall-rules-server/build/test-support/conformance';
import { loadInNamespace, truthUnavailable } from 'firewall-rules-server/build/test-support/netns';
import { SHARED } from 'firewall-rules-server/build/test-support/paths';

const DIR = path.join(SHARED, 'conformance', 'extensions');
const missing = existsSync(DIR) ? undefined : `${DIR} is not there`;
if (missing) console.log(`conformance skipped: ${missing}`);

const ours = (text: string, family: 'ipv4' | 'ipv6', iptablesVersion: IptablesVersion, hostObjects: HostObjects = {}) =>
  lint(text, { family, iptablesVersion, hostObjects }).filter((d) => d.severity === 'error');

describe('conformance with iptables extension tests', { skip: missing }, () => {
  test(`at least 99.5% of the lines agree, checked for iptables ${CONFORMANCE_RELEASE} and the objects the .t files declare`, () => {
    const { cases, skipped } = readConformance(DIR);
    const disagreements: string[] = [];
    /**
     * The lines whose verdict depends on an object no rules file holds (an ipset set, an nfacct object,
     * a connlabel name): checked with the host objects their .t file declares (missing-object).
     */
    const outside: string[] = [];
    let outsideAgree = 0;
    for (const c of cases) {
      let disagreement: string | undefined;
      for (const text of c.texts) {
        const errors = ours(text, c.family, CONFORMANCE_RELEASE, c.hostObjects);
        const verdict = errors.length > 0 ? 'FAIL' : 'OK';
        if (verdict !== c.expect) {
          const chain = /-A (\S+)/.exec(text)?.[1];
          disagreement = `${c.file}:${c.line} [${chain}] expected ${c.expect}: ${c.rule}${errors.length ? ` -> ${errors[0].code}: ${errors[0].message}` : ''}`;
          break;
        }
      }
      const object = outsideObject(c.rule);
      if (object) {
        outside.push(`${c.file}:${c.line} needs ${object}: ${disagreement ? `disagrees (expected ${c.expect})` : 'agrees'}: ${c.rule}`);
        if (!disagreement) outsideAgree++;
      }
      if (disagreement) disagreements.push(disagreement);
    }
    const agree = cases.length - disagreements.length;
    const rate = (100 * agree) / cases.length;
    console.log(`conformance at iptables ${CONFORMANCE_RELEASE}: ${agree}/${cases.length} lines agree (${rate.toFixed(3)}%); skipped ${JSON.stringify(skipped)}`);
    for (const d of disagreements) console.log(`  disagrees: ${d}`);
    console.log(`  ${outside.length} lines need an object outside the file, checked with those their .t file declares (${outsideAgree} agree):`);
    for (const o of outside) console.log(`    ${o}`);
    assert.ok(rate >= 99.5, `${rate.toFixed(3)}% < 99.5%`);
  });

  test('the lines 1.8.9 answers otherwise: every one is still in the .t files and agrees with them at 1.8.11', () => {
    const { releaseDifferences } = readConformance(DIR);
    assert.equal(releaseDifferences.length, RELEASE_DIFFERENCES.length, 'every listed difference is still in the .t files');
    for (const c of releaseDifferences) {
      const installed = RELEASE_DIFFERENCES.find((d) => d.file === c.file && d.rule === c.rule)?.installed;
      assert.notEqual(installed, c.expect, `${c.file}:${c.line} differs from the .t file`);
      for (const text of c.texts) {
        assert.equal(ours(text, c.family, CONFORMANCE_RELEASE, c.hostObjects).length > 0 ? 'FAIL' : 'OK', c.expect, `at 1.8.11, ${c.file}:${c.line}: ${c.rule}`);
        assert.equal(ours(text, c.family, '1.8.9', c.hostObjects).length > 0 ? 'FAIL' : 'OK', installed, `at 1.8.9, ${c.file}:${c.line}: ${c.rule}`);
      }
    }
  });

  test('the installed iptables (1.8.9) answers those lines as we do at 1.8.9', { skip: truthUnavailable() }, () => {
    const { releaseDifferences } = readConformance(DIR);
    for (const c of releaseDifferences) {
      const installed = RELEASE_DIFFERENCES.find((d) => d.file === c.file && d.rule === c.rule)?.installed;
      for (const text of c.texts) {
        const loads = loadInNamespace(text, c.family === 'ipv4' ? 'iptables-nft-restore' : 'ip6tables-nft-restore').status === 0;
        assert.equal(loads ? 'OK' : 'FAIL', installed, `installed iptables on ${c.file}:${c.line}: ${c.rule}`);
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
