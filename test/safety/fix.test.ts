// `--fix` as root on /etc: the temporary file cannot be hijacked, and the file keeps its owner,
// mode, ACL, extended attributes, links and bytes, or is left alone with a reason.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CLI } from 'firewall-rules-server/build/test-support/paths';
import { cli, FIXABLE, FIXED, folder, HANG_MS, has, isRoot } from 'firewall-rules-server/build/test-support/safety';

/** Extended attributes through the same module the CLI uses; undefined where it does not load. */
function xattr(): { getAttributeSync(p: string, n: string): Buffer | null; setAttributeSync(p: string, n: string, v: Uint8Array): void } | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@napi-rs/xattr') as ReturnType<typeof xattr>;
  } catch {
    return undefined;
  }
}

const tempNames = (dir: string): string[] => readdirSync(dir).filter((n) => n.includes('firewall-lint'));

describe('--fix keeps what the file carries', () => {
  test('a symbolic link planted at the temporary name does not redirect the write', { skip: process.platform === 'linux' ? false : 'reads /proc' }, () => {
    const dir = folder('hijack');
    chmodSync(dir, 0o1777);
    const victim = path.join(folder('victim'), 'shadow');
    writeFileSync(victim, 'root:precious\n');
    const file = path.join(dir, 'firewall.rules');
    writeFileSync(file, FIXABLE);
    // The old name was `.<name>.firewall-lint-<pid>`: plant it for every pid the CLI may get.
    const last = Number(readFileSync('/proc/sys/kernel/ns_last_pid', 'utf8'));
    const planted: string[] = [];
    for (let pid = last + 1; pid <= last + 400; pid++) {
      const p = path.join(dir, `.firewall.rules.firewall-lint-${pid}`);
      symlinkSync(victim, p);
      planted.push(p);
    }
    const r = cli(['--fix', file]);
    assert.equal(readFileSync(victim, 'utf8'), 'root:precious\n', 'the rules were written through the planted link');
    assert.ok(lstatSync(file).isFile(), 'the rules file was replaced by the planted link');
    assert.equal(readFileSync(file, 'utf8'), FIXED, r.stderr);
    assert.ok(planted.every((p) => lstatSync(p).isSymbolicLink()), 'a planted link was touched');
    assert.equal(tempNames(dir).length, planted.length, 'a temporary file was left behind');
  });

  test('owner, group, mode, ACL and extended attributes are kept', { skip: !isRoot ? 'needs root to give the file to nobody' : !has('setfacl') ? 'needs setfacl (apt-get install acl)' : !xattr() ? 'needs @napi-rs/xattr' : false }, () => {
    const dir = folder('meta');
    const file = path.join(dir, 'rules.v4');
    writeFileSync(file, FIXABLE);
    chownSync(file, 65534, 65534);
    chmodSync(file, 0o640);
    assert.equal(spawnSync('setfacl', ['-m', 'u:daemon:r', file]).status, 0);
    xattr()?.setAttributeSync(file, 'user.origin', Buffer.from('ansible'));
    const acl = xattr()?.getAttributeSync(file, 'system.posix_acl_access');
    const r = cli(['--fix', file]);
    assert.equal(readFileSync(file, 'utf8'), FIXED, r.stderr);
    const st = statSync(file);
    assert.deepEqual([st.uid, st.gid, (st.mode & 0o7777).toString(8)], [65534, 65534, '640']);
    assert.deepEqual(xattr()?.getAttributeSync(file, 'system.posix_acl_access'), acl, 'the ACL was lost');
    assert.match(spawnSync('getfacl', ['-c', file], { encoding: 'utf8' }).stdout, /^user:daemon:r--$/m);
    assert.equal(xattr()?.getAttributeSync(file, 'user.origin')?.toString(), 'ansible', 'the user. attribute was lost');
    assert.deepEqual(tempNames(dir), []);
  });

  test('through a symbolic link, the file it names is fixed and the link stays', () => {
    const dir = folder('link');
    mkdirSync(path.join(dir, 'real'));
    writeFileSync(path.join(dir, 'real', 'rules.v4'), FIXABLE);
    symlinkSync(path.join('real', 'rules.v4'), path.join(dir, 'rules.v4'));
    const r = cli(['--fix', path.join(dir, 'rules.v4')]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(lstatSync(path.join(dir, 'rules.v4')).isSymbolicLink(), 'the link became a regular file');
    assert.equal(readlinkSync(path.join(dir, 'rules.v4')), path.join('real', 'rules.v4'));
    assert.equal(readFileSync(path.join(dir, 'real', 'rules.v4'), 'utf8'), FIXED, 'the file the link names was not fixed');
  });

  test('bytes outside the fixed lines are kept: a Latin-1 comment stays Latin-1', () => {
    const dir = folder('latin1');
    const file = path.join(dir, 'firewall.rules');
    const latin1 = Buffer.from('# Pare-feu du serveur de la soci\xe9t\xe9\n', 'latin1');
    writeFileSync(file, Buffer.concat([latin1, Buffer.from(FIXABLE)]));
    cli(['--fix', file]);
    assert.deepEqual(readFileSync(file), Buffer.concat([latin1, Buffer.from(FIXED)]));
  });
});

describe('--fix changes only what a fix says, whatever the bytes', () => {
  test('two rules that differ only in bytes that are not UTF-8 are not duplicates', () => {
    const dir = folder('bytes');
    const file = path.join(dir, 'firewall.rules');
    const rule = (b: number): Buffer => Buffer.concat([Buffer.from('-A INPUT -p tcp --dport 80 -m string --string "'), Buffer.from([b]), Buffer.from('vil" --algo bm -j DROP\n')]);
    const text = Buffer.concat([Buffer.from('*filter\n:INPUT ACCEPT [0:0]\n'), rule(0xe9), rule(0xe8), Buffer.from('COMMIT\n')]);
    writeFileSync(file, text);
    const r = cli(['--fix', file]);
    assert.deepEqual(readFileSync(file), text, 'a rule was deleted as a duplicate');
    assert.doesNotMatch(r.stdout, /duplicate-rule/);
  });

  test('a file name of 240 characters can be fixed', () => {
    const dir = folder('long');
    const file = path.join(dir, `${'a'.repeat(231)}.iptables`);
    writeFileSync(file, FIXABLE);
    const r = cli(['--fix', file]);
    assert.equal(readFileSync(file, 'utf8'), FIXED, r.stderr);
  });
});

describe('--fix refuses, changing nothing, where it cannot keep the file whole', () => {
  test('a file with inode flags (chattr +d, +A) the replacement would lose is left alone', { skip: isRoot && has('chattr') ? false : 'needs root and chattr' }, () => {
    const dir = folder('flags');
    const file = path.join(dir, 'rules.v4');
    writeFileSync(file, FIXABLE);
    if (spawnSync('chattr', ['+dA', file]).status !== 0) return;
    const r = cli(['--fix', file]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /rules\.v4: carries the flags [dA]+ \(chattr\), .*not fixed$/m);
    assert.equal(readFileSync(file, 'utf8'), FIXABLE);
    assert.match(spawnSync('lsattr', ['-d', file], { encoding: 'utf8' }).stdout, /^[^ ]*d[^ ]* /);
    assert.deepEqual(tempNames(dir), []);
  });

  test('in a user namespace that does not map the owner, the file is left alone', { skip: isRoot && has('unshare') && has('nsenter') ? false : 'needs root, unshare and nsenter' }, async () => {
    const dir = folder('userns');
    const file = path.join(dir, 'rules.v4');
    writeFileSync(file, FIXABLE);
    chownSync(file, 1000, 1000);
    chmodSync(file, 0o666);
    // A namespace that maps root and nobody only: the file's owner, 1000, shows as 65534 there.
    const ns = spawn('unshare', ['--user', '--', 'sleep', '60'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(`/proc/${ns.pid}/uid_map`, '0 0 1\n65534 65534 1\n');
      writeFileSync(`/proc/${ns.pid}/gid_map`, '0 0 1\n65534 65534 1\n');
      const r = spawnSync('nsenter', ['--user', '-t', String(ns.pid), '-S', '0', '-G', '0', process.execPath, CLI, '--fix', file], { encoding: 'utf8', timeout: HANG_MS });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /its owner is not mapped in this user namespace, so it could not be kept; not fixed$/m);
      assert.deepEqual([statSync(file).uid, readFileSync(file, 'utf8')], [1000, FIXABLE]);
    } finally {
      ns.kill('SIGKILL');
    }
  });


  test('a file with two hard links, and an immutable file, are left alone with one line each', () => {
    const dir = folder('links');
    const file = path.join(dir, 'rules.v4');
    writeFileSync(file, FIXABLE);
    linkSync(file, path.join(dir, 'backup.v4'));
    const ino = statSync(file).ino;
    const r = cli(['--fix', file]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^firewall-lint: .*rules\.v4: has 2 hard links, .*; not fixed$/m);
    assert.deepEqual([readFileSync(file, 'utf8'), readFileSync(path.join(dir, 'backup.v4'), 'utf8'), statSync(file).ino], [FIXABLE, FIXABLE, ino]);
    // An immutable file cannot be replaced: the rename fails, and the temporary file goes.
    const imm = path.join(dir, 'immutable.v4');
    writeFileSync(imm, FIXABLE);
    if (isRoot && spawnSync('chattr', ['+i', imm]).status === 0) {
      try {
        const ri = cli(['--fix', imm]);
        assert.equal(ri.status, 2);
        assert.match(ri.stderr, /immutable\.v4: .*not fixed$/m);
        assert.equal(readFileSync(imm, 'utf8'), FIXABLE);
      } finally {
        spawnSync('chattr', ['-i', imm]);
      }
    }
    assert.deepEqual(tempNames(dir), []);
  });

  test('a read-only file (0444) is left alone', () => {
    const dir = folder('ro');
    const file = path.join(dir, 'rules.v4');
    writeFileSync(file, FIXABLE);
    chmodSync(file, 0o444);
    const r = cli(['--fix', file]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /read-only \(mode 0444\); not fixed/);
    assert.equal(readFileSync(file, 'utf8'), FIXABLE);
  });

  test('text that is not a rules file gets no *filter header written into it', () => {
    const dir = folder('script');
    const file = path.join(dir, 'setup.sh');
    const script = '#!/bin/sh\niptables -A INPUT -p tcp --dport 22 -j ACCEPT\n';
    writeFileSync(file, script);
    const r = cli(['--fix', file]);
    assert.equal(readFileSync(file, 'utf8'), script);
    assert.equal(r.status, 2, 'a fix refused is a failure CI sees');
    assert.match(r.stderr, /setup\.sh: does not look like an iptables rules file; not fixed/);
  });

  test('--fix a b: each file reports its own outcome', () => {
    const dir = folder('each');
    const a = path.join(dir, 'a.rules');
    writeFileSync(a, FIXABLE);
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'b.rules'));
    const r = cli(['--fix', a, path.join(dir, 'b.rules')]);
    assert.equal(r.status, 2);
    assert.equal(readFileSync(a, 'utf8'), FIXED);
    assert.match(r.stderr, /^firewall-lint: .*a\.rules: fixed$/m);
    assert.match(r.stderr, /^firewall-lint: .*b\.rules: no such file or directory$/m);
    const json = JSON.parse(cli(['--format', 'json', '--fix', a, path.join(dir, 'b.rules')]).stdout) as { files: Array<{ file: string; fixed: boolean; error?: string }> };
    assert.deepEqual(json.files.map((f) => [path.basename(f.file), f.fixed, f.error !== undefined]), [['a.rules', false, false], ['b.rules', false, true]]);
  });
});
