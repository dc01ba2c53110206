// Hostile inputs to the CLI: whatever a path names, the run ends with exit 2 and one line, and never
// hangs, grows without bound, prints a stack trace, or passes a file it did not read.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CLI } from 'firewall-rules-server/build/test-support/paths';
import { cli, folder, HANG_MS, HEADERLESS, oneLineFailure, type Run } from 'firewall-rules-server/build/test-support/safety';

describe('inputs that are not rules files end the run with one line', () => {
  for (const [what, target, pattern] of [
    ['/proc/self/pagemap (reads for ever)', '/proc/self/pagemap', /pagemap: /],
    ['/proc/kmsg (blocks)', '/proc/kmsg', /kmsg: /],
    ['/dev/zero', '/dev/zero', /\/dev\/zero: a device, not a regular file$/m],
  ] as const) {
    test(what, { skip: existsSync(target) ? false : `no ${target}` }, () => {
      const r = cli([target]);
      assert.equal(oneLineFailure(r), undefined);
      assert.match(r.stderr, pattern);
    });
  }

  test('a FIFO with no writer', () => {
    const fifo = path.join(folder('fifo'), 'rules.v4');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const r = cli([fifo]);
    assert.equal(oneLineFailure(r), undefined);
    assert.match(r.stderr, /rules\.v4: a FIFO, not a regular file/);
  });

  test('a file over 16 MiB is exit 2, not a silent pass', () => {
    const file = path.join(folder('big'), 'firewall.rules');
    const line = '-A INPUT -s 10.0.0.1/32 -p tcp -m tcp --dport 22 -j ACCEPT\n';
    writeFileSync(file, '*filter\n' + line.repeat(Math.ceil(17e6 / line.length)) + 'COMMIT\n');
    const r = cli([file]);
    assert.equal(oneLineFailure(r), undefined);
    assert.match(r.stderr, /firewall\.rules: 16\.\d MiB, over the 16\.0 MiB limit/);
  });

  test('/dev/zero as standard input stops at the limit', () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const r = spawnSync(process.execPath, [CLI, '-'], { stdio: [zero, 'pipe', 'pipe'], encoding: 'utf8', timeout: HANG_MS });
      const run: Run = { status: r.status, stdout: r.stdout, stderr: r.stderr, hung: r.signal !== null };
      assert.equal(oneLineFailure(run), undefined);
      assert.match(r.stderr, /<stdin>: over the 16\.0 MiB limit/);
    } finally {
      closeSync(zero);
    }
  });

  test('an endless standard input stops at the limit', async () => {
    const child = spawn(process.execPath, [CLI, '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.on('error', () => undefined);
    const chunk = Buffer.alloc(1 << 20, '-A INPUT -j ACCEPT\n');
    let open = true;
    const pump = (): void => {
      while (open && child.stdin.write(chunk));
      if (open) child.stdin.once('drain', pump);
    };
    pump();
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    open = false;
    clearTimeout(timer);
    assert.equal(code, 2, `the CLI read without end (exit ${code})`);
    assert.match(stderr, /^firewall-lint: <stdin>: over the 16\.0 MiB limit\n$/);
  });
});

describe('every file-system error is exit 2 and one line, never a stack trace', () => {
  test('a failure to write the output (a full disk)', { skip: existsSync('/dev/full') && statSync('/dev/full').isCharacterDevice() ? false : 'no /dev/full device' }, () => {
    const file = path.join(folder('full'), 'firewall.rules');
    writeFileSync(file, HEADERLESS);
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [[file], ['--format', 'json', file]]) {
        const r = spawnSync(process.execPath, [CLI, ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: HANG_MS });
        assert.equal(oneLineFailure({ status: r.status, stdout: '', stderr: r.stderr, hung: r.signal !== null }), undefined, args.join(' '));
        assert.match(r.stderr, /cannot write the output: no space left on device/);
      }
    } finally {
      closeSync(full);
    }
  });

  test('a file in a folder whose name is not UTF-8 is reported, not skipped in silence', () => {
    const dir = folder('names');
    writeFileSync(path.join(dir, 'firewall.rules'), HEADERLESS);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.iptables')]), HEADERLESS);
    const r = cli([dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /caf\\xe9\.iptables: the name is not UTF-8, so it was not checked$/m);
    assert.match(r.stdout, /firewall\.rules:1:1: error/);
  });

  test('reach --from takes an address, and --fix with - takes no other file', () => {
    const file = path.join(folder('usage'), 'firewall.rules');
    writeFileSync(file, HEADERLESS);
    for (const args of [['reach', '--from', 'garbage', file], ['reach', '--from', '10.0.0.0/99', file], ['--fix', '-', file]]) {
      const r = cli(args, { input: HEADERLESS });
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^firewall-lint: /);
    }
  });

  test('ELOOP, ENOTDIR, ENAMETOOLONG, and a folder given to reach', () => {
    const dir = folder('errors');
    symlinkSync('b.rules', path.join(dir, 'a.rules'));
    symlinkSync('a.rules', path.join(dir, 'b.rules'));
    writeFileSync(path.join(dir, 'plain'), 'x');
    const cases: Array<[string[], RegExp]> = [
      [[path.join(dir, 'a.rules')], /a\.rules: too many levels of symbolic links$/],
      [[path.join(dir, 'plain', 'rules.v4')], /rules\.v4: a part of the path is not a directory$/],
      [[path.join(dir, 'x'.repeat(300))], /: file name too long$/],
      [['reach', dir], /: a directory, not a regular file$/],
    ];
    for (const [args, pattern] of cases) {
      const r = cli(args);
      assert.equal(oneLineFailure(r), undefined, args.join(' '));
      assert.match(r.stderr.trimEnd(), pattern);
    }
  });

  test('a folder is searched by the first line of each file, not by reading it whole', () => {
    const dir = folder('walk');
    mkdirSync(path.join(dir, 'saved'));
    // 3 GiB of holes after an iptables-save first line: found as a rules file, then refused as too big.
    const big = path.join(dir, 'saved', 'dump');
    writeFileSync(big, '# Generated by iptables-save v1.8.9 on Sun Dec  6 06:00:00 2026\n*filter\n');
    truncateSync(big, 3 * 1024 * 1024 * 1024);
    const r = cli([dir]);
    assert.equal(oneLineFailure(r), undefined);
    assert.match(r.stderr, /saved\/dump: 3072\.0 MiB, over the 16\.0 MiB limit/);
  });
});
