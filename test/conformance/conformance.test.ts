// iptables's own extension tests: an OK line must draw no error, a FAIL line at least one.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { lint } from 'firewall-rules-server/build/core';
import { readConformance } from '../support/conformance';
import { SHARED } from '../support/paths';

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
});
