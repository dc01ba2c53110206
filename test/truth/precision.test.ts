// The precision suite: real rules files admins published, loaded with the real iptables in
// throwaway namespaces. Errors must match what iptables refuses, reach must give the kernel's
// verdict on every probed port, and every warning must be true by a kernel check of its claim.
// Print the table alone: node --test test/build/truth/precision.test.js
// PRECISION_VERBOSE=1 prints every finding with what the kernel showed.
// PRECISION_FILES=regex keeps the files whose name matches; PRECISION_PARALLEL=n probes at once (6).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { truthUnavailable } from 'firewall-rules-server/build/test-support/netns';
import { loadRealFile, readRealWorld, realWorldMissing, type Loading } from 'firewall-rules-server/build/test-support/precision';
import { examine, Limiter, tableOf, type FileOutcome } from 'firewall-rules-server/build/test-support/precision-confirm';

const why = realWorldMissing() ?? truthUnavailable();
if (why) console.log(`precision suite skipped: ${why}`);

const PARALLEL = Number(process.env.PRECISION_PARALLEL ?? 6);
const ONLY = process.env.PRECISION_FILES ? new RegExp(process.env.PRECISION_FILES) : undefined;

function report(outcomes: FileOutcome[], skipped: Loading[], seconds: number): string[] {
  const out: string[] = [];
  for (const s of skipped) out.push(`skipped ${s.file.name}: ${s.skipped}`);
  for (const o of outcomes) if (o.loading.note) out.push(`${o.loading.file.name}: ${o.loading.note}`);
  const verdicts = outcomes.flatMap((o) => o.verdicts.map((v) => ({ file: o.loading.file.name, ...v })));
  const wrong = verdicts.filter((v) => !v.kernel || !v.engine.includes(v.kernel));
  const witnesses = outcomes.flatMap((o) => o.witnesses.map((w) => ({ file: o.loading.file.name, ...w })));
  const wrongWitnesses = witnesses.filter((w) => !w.verdict.kernel || !w.verdict.engine.includes(w.verdict.kernel));
  const loaded = outcomes.filter((o) => o.loading.loads).length;
  const refused = outcomes.filter((o) => o.loading.refused).length;
  const errorProblems = outcomes.flatMap((o) => o.errorProblems.map((p) => `${o.loading.file.name}: ${p}`));
  out.push(`precision: ${outcomes.length} files (${loaded} load, ${refused} refused in the detected family, ${skipped.length} skipped), ${seconds.toFixed(0)} s`);
  out.push(`errors: ${errorProblems.length} disagreements`);
  out.push(`reach: ${verdicts.length - wrong.length}/${verdicts.length} port verdicts agree (client on eth0)`);
  out.push(`reach: ${witnesses.length - wrongWitnesses.length}/${witnesses.length} tcp/22 verdicts agree (clients the files name, where the eth0 client cannot open SSH)`);
  out.push('code                          fired  confirmed  missed');
  for (const r of tableOf(outcomes)) out.push(`${r.code.padEnd(30)}${String(r.fired).padStart(5)}  ${String(r.confirmed).padStart(9)}  ${String(r.missed).padStart(6)}${r.fired ? `  ${((100 * r.confirmed) / r.fired).toFixed(0)}%` : ''}`);
  for (const p of errorProblems) out.push(`  error: ${p}`);
  for (const v of wrong) out.push(`  reach: ${v.file} tcp/${v.port}: engine ${v.engine.join('|')}, kernel ${v.kernel}`);
  for (const w of wrongWitnesses) out.push(`  reach: ${w.file} tcp/22 from ${w.ends.cli} on ${w.ends.iface} to ${w.ends.fw}: engine ${w.verdict.engine.join('|')}, kernel ${w.verdict.kernel}`);
  const shown = (f: FileOutcome['findings'][number]): boolean => !f.confirmed || process.env.PRECISION_VERBOSE === '1';
  for (const o of outcomes) for (const f of [...o.findings.filter(shown), ...o.misses]) out.push(`  ${f.confirmed ? 'confirmed' : 'NOT CONFIRMED'} ${f.code}: ${f.file}${f.line ? `:${f.line}` : ''}: ${f.why}${f.message ? ` [${f.message.slice(0, 160)}]` : ''}`);
  return out;
}

describe('precision on real rules files', { skip: why }, () => {
  test('every error, reach verdict and warning agrees with the kernel', async () => {
    const started = Date.now();
    const loadings = readRealWorld()
      .filter((f) => !ONLY || ONLY.test(f.name))
      .map(loadRealFile);
    const skipped = loadings.filter((l) => l.skipped);
    const limiter = new Limiter(PARALLEL);
    const outcomes = await Promise.all(loadings.filter((l) => !l.skipped).map((l) => examine(l, limiter)));
    const lines = report(outcomes, skipped, (Date.now() - started) / 1000);
    console.log(lines.join('\n'));
    const table = tableOf(outcomes);
    assert.deepEqual(outcomes.flatMap((o) => o.errorProblems), [], 'errors agree with what iptables refuses');
    const verdicts = outcomes.flatMap((o) => [...o.verdicts.map((v) => ({ v, at: `tcp/${v.port}` })), ...o.witnesses.map((w) => ({ v: w.verdict, at: `tcp/22 from ${w.ends.cli} on ${w.ends.iface}` }))].map((x) => ({ ...x, file: o.loading.file.name })));
    assert.deepEqual(verdicts.filter(({ v }) => !v.kernel || !v.engine.includes(v.kernel)).map((x) => `${x.file} ${x.at}`), [], 'reach agrees');
    assert.deepEqual(table.filter((r) => r.confirmed !== r.fired || r.missed).map((r) => r.code), [], 'every code 100%');
  });
});
