// `npm test`: every suite in order (core, grammar, snippets, protocol, conformance, robustness, safety, truth, VS Code), with a
// closing line that sums them up. Expects `npm run build` to have run (npm test does it first).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const find = (dir, suffix) => {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(suffix)) out.push(path.relative(root, p));
    }
  };
  walk(path.join(root, dir));
  return out.sort();
};
const node = process.execPath;
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const suites = [
  { name: 'core', cmd: node, args: ['--test', ...find('server/build', '.test.js')] },
  { name: 'grammar', cmd: bin('vscode-tmgrammar-test'), args: ['test/grammar/*.iptables'] },
  { name: 'snippets+protocol', cmd: node, args: ['--test', ...find('test/build/snippets', '.test.js'), ...find('test/build/protocol', '.test.js')] },
  { name: 'conformance', cmd: node, args: ['--test', ...find('test/build/conformance', '.test.js')] },
  { name: 'robustness', cmd: node, args: ['--test', ...find('test/build/robustness', '.test.js')] },
  { name: 'safety', cmd: node, args: ['--test', ...find('test/build/safety', '.test.js')] },
  { name: 'truth', cmd: node, args: ['--test', '--test-concurrency=1', ...find('test/build/truth', '.test.js'), ...find('test/build/differential', '.test.js')] },
  { name: 'vscode', cmd: node, args: ['test/build/vscode/run-code-server.js'] },
];

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const results = [];
for (const s of suites) {
  if (only.length && !only.includes(s.name)) continue;
  console.log(`\n=== ${s.name} ===`);
  const started = Date.now();
  const { code, output } = await new Promise((resolve) => {
    let output = '';
    const child = spawn(s.cmd, s.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code, output }));
  });
  const count = (re) => [...output.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  let passed = count(/^# pass (\d+)$/gm) + count(/^vscode: (\d+) passed/gm);
  let failed = count(/^# fail (\d+)$/gm) + count(/^vscode: \d+ passed, (\d+) failed/gm);
  const skipped = count(/^# skipped (\d+)$/gm);
  if (s.name === 'grammar') {
    passed = (output.match(/run successfuly|run successfully/g) ?? []).length;
    failed = (output.match(/ failed$/gm) ?? []).length;
  }
  if (code !== 0 && failed === 0) failed = 1;
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  results.push(`${s.name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log('\n' + results.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
