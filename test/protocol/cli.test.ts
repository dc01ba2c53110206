import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CLI, EXAMPLE } from '../support/paths';

const run = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });
const dir = mkdtempSync(path.join(tmpdir(), 'fwr-cli-'));
const write = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('firewall-lint', () => {
  test('the seed file: errors and warnings as file:line:col, exit 1', () => {
    const r = run([EXAMPLE]);
    assert.equal(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /firewall\.rules:5:1: error: .*line 5 failed.* \[missing-table-header\]$/);
    assert.match(lines[1], /firewall\.rules:9:\d+: hint: -m state is an alias .* \[state-match\]$/);
    assert.match(lines[2], /firewall\.rules:24:25: warning: Plain IMAP .* \[plaintext-mail-protocol\]$/);
    assert.equal(lines.length, 4);
  });
  test('a clean file: no output, exit 0', () => {
    const r = run([write('ok.rules', '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n')]);
    assert.deepEqual([r.status, r.stdout], [0, '']);
  });
  test('warnings alone exit 0', () => {
    const r = run([write('warn.rules', '*filter\n:INPUT DROP [0:0]\nCOMMIT\n')]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /warning: .*\[ssh-lockout\]/);
  });
  test('--ssh-port changes the ports the lockout check wants open', () => {
    const f = write('port.rules', '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp --dport 2222 -j ACCEPT\nCOMMIT\n');
    assert.match(run([f]).stdout, /ssh-lockout/);
    assert.equal(run(['--ssh-port', '2222', f]).stdout, '');
  });
  test('- reads standard input', () => {
    const r = run(['-'], '-A INPUT -j ACCEPT\n');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^<stdin>:1:1: error: /);
  });
  test('a missing file is an I/O error: exit 2 with a one-line message', () => {
    const r = run([path.join(dir, 'nope.rules')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read .*nope\.rules: ENOENT/);
  });
  test('usage errors exit 2; --help exits 0', () => {
    assert.equal(run([]).status, 2);
    assert.equal(run(['--bogus', 'x']).status, 2);
    assert.equal(run(['--ssh-port', 'x', 'f']).status, 2);
    const help = run(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /usage: firewall-lint/);
  });
  test('binary input gets a message, not a crash', () => {
    const r = run([write('bin.rules', '\u0000\u0001ELF\u0002\n\u00ff')]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /not text iptables-restore can read/);
  });
});

describe('firewall-lint reach', () => {
  const rules = [
    '*filter',
    ':INPUT DROP [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    '-A INPUT -i lo -j ACCEPT',
    '-A INPUT -p tcp --dport 22 -j ACCEPT',
    '-A INPUT -s 192.0.2.0/24 -p tcp --dport 3306 -j ACCEPT',
    '-A INPUT -p tcp --dport 25 -m conntrack --ctstate NEW -j ACCEPT',
    '-A INPUT -p tcp --dport 110 -j REJECT --reject-with tcp-reset',
    'COMMIT',
    '',
  ].join('\n');

  test('--json gives the verdict per port in the documented shape, for the default ports', () => {
    const r = run(['reach', write('reach.rules', rules), '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { family: string; verdicts: Array<{ port: number; protocol: string; verdict: string; decidedBy: number[]; brokenIn?: string; rejectWith?: string }> };
    assert.equal(out.family, 'ipv4');
    assert.deepEqual(out.verdicts.map((v) => v.port), [22, 25, 110, 143, 465, 587, 993, 995]);
    const by = new Map(out.verdicts.map((v) => [v.port, v]));
    assert.deepEqual(by.get(22), { port: 22, protocol: 'tcp', verdict: 'accept', decidedBy: [6, 4] });
    assert.deepEqual(by.get(25), { port: 25, protocol: 'tcp', verdict: 'half-open', decidedBy: [8, 4, 2], brokenIn: 'INPUT' });
    assert.deepEqual(by.get(110), { port: 110, protocol: 'tcp', verdict: 'reject', decidedBy: [9], rejectWith: 'tcp-reset' });
    assert.deepEqual(by.get(993), { port: 993, protocol: 'tcp', verdict: 'drop', decidedBy: [2] });
  });

  test('--from and --ports: the database is open to its own network only', () => {
    const file = write('reach2.rules', rules);
    const world = JSON.parse(run(['reach', file, '--ports', '3306', '--json']).stdout) as { verdicts: Array<{ verdict: string }> };
    const office = JSON.parse(run(['reach', file, '--ports', '3306', '--from', '192.0.2.7', '--json']).stdout) as { verdicts: Array<{ verdict: string }> };
    assert.equal(world.verdicts[0].verdict, 'drop');
    assert.equal(office.verdicts[0].verdict, 'accept');
  });

  test('plain text, one line per port', () => {
    const r = run(['reach', write('reach3.rules', rules), '--ports', '22,25']);
    assert.equal(r.status, 0);
    assert.deepEqual(r.stdout.trim().split('\n'), ['tcp/22    accept (lines 6, 4)', 'tcp/25    half-open in INPUT (lines 8, 4, 2)']);
  });

  test('usage errors exit 2', () => {
    assert.equal(run(['reach']).status, 2);
    assert.equal(run(['reach', write('reach4.rules', rules), '--ports', '70000']).status, 2);
    assert.equal(run(['reach', write('reach5.rules', rules), '--bogus']).status, 2);
  });
});
