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
