// Test support stays out of the product: no production file under server/src imports
// server/src/test-support or a case table (`*.cases.ts`), so neither reaches the bundles.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const SRC = path.resolve(__dirname, '..', '..', 'src');
const SUPPORT = path.join(SRC, 'test-support');

function production(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return p === SUPPORT ? [] : production(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.cases.ts') ? [p] : [];
  });
}

test('no production file imports test support or a case table', () => {
  const files = production(SRC);
  assert.ok(files.length > 50, `found ${files.length} production files`);
  const offenders: string[] = [];
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"](\.[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(f), m[1]);
      if (target === SUPPORT || target.startsWith(SUPPORT + path.sep) || target.endsWith('.cases')) {
        offenders.push(`${path.relative(SRC, f)} imports ${m[1]}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});
