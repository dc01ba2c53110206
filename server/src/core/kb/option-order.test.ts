// libxtables walks an extension's option table in its order when it checks the options a rule gave
// (xtables_options_fcheck), so the first pair it meets names its message ("--utc cannot be used
// together with --kerneltz", never the other way round). The knowledge base checks its options in
// the order it lists them: that order must be the table's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { MATCHES, TARGETS } from '.';

interface SourceExtension {
  kind: 'match' | 'target';
  name: string;
  revision: number;
  family: string;
  optionsFrom: string | null;
  options: Array<{ name: string; id?: string | null }>;
}

const FACTS: { extensions: SourceExtension[] } = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'src', 'core', 'kb', 'option-tables', 'iptables-1.8.9.json'), 'utf8'));

test('the knowledge base lists each extension\'s options in the order of its option table', () => {
  const out: string[] = [];
  for (const spec of [...MATCHES, ...TARGETS]) {
    const source = FACTS.extensions
      .filter((e) => e.kind === spec.kind && e.name === spec.name && e.optionsFrom === 'x6_options')
      .sort((a, b) => b.revision - a.revision)[0];
    if (!source) continue;
    // Where the table has an option, by its primary spelling or an alias.
    const place = (names: readonly string[]): number => source.options.findIndex((o) => names.includes(o.name));
    const ours = spec.options.map((o) => ({ name: o.name, at: place([o.name, ...o.aliases]) })).filter((o) => o.at >= 0);
    const sorted = [...ours].sort((a, b) => a.at - b.at);
    if (ours.map((o) => o.name).join() !== sorted.map((o) => o.name).join()) out.push(`${spec.kind} ${spec.name}: kb ${ours.map((o) => o.name).join(' ')}; table ${sorted.map((o) => o.name).join(' ')}`);
  }
  assert.deepEqual(out, []);
});
