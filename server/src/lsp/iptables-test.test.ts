// Which program "validate with iptables-restore" runs: the user's, by an absolute path, never one
// found through a working directory.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { binaryFor, readExecution, resolveBinary } from './iptables-test';

test('IPv6 files use the ip6tables twin of the configured program', () => {
  const cases: Array<[string, string]> = [
    ['iptables-restore', 'ip6tables-restore'],
    ['iptables-legacy-restore', 'ip6tables-legacy-restore'],
    ['/usr/sbin/iptables-nft-restore', '/usr/sbin/ip6tables-nft-restore'],
    ['/opt/bin/ip6tables-restore', '/opt/bin/ip6tables-restore'],
    ['/opt/bin/my-wrapper', '/opt/bin/my-wrapper'],
  ];
  for (const [configured, v6] of cases) {
    assert.equal(binaryFor(configured, 'ipv6'), v6, configured);
    assert.equal(binaryFor(configured, 'ipv4'), configured);
  }
});

test('resolveBinary: absolute paths as given, names on PATH\'s absolute folders only, relative paths refused', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fwr-resolve-'));
  const tool = path.join(dir, 'iptables-restore');
  writeFileSync(tool, '#!/bin/sh\nexit 0\n');
  chmodSync(tool, 0o755);
  writeFileSync(path.join(dir, 'not-executable'), '');
  assert.deepEqual(resolveBinary(tool, ''), { path: tool });
  assert.deepEqual(resolveBinary('iptables-restore', `.:relative/bin::${dir}`), { path: tool });
  assert.match((resolveBinary('./iptables-restore', dir) as { error: string }).error, /relative path/);
  assert.match((resolveBinary('bin/iptables-restore', dir) as { error: string }).error, /relative path/);
  assert.match((resolveBinary(path.join(dir, 'not-executable'), '') as { error: string }).error, /not an executable file/);
  assert.match((resolveBinary('no-such-tool-here', `.:${dir}`) as { error: string }).error, /not found on PATH/);
  // The working directory holds a program of that name: "." and "" on PATH are not searched.
  const cwd = process.cwd();
  try {
    process.chdir(dir);
    assert.notEqual((resolveBinary('iptables-restore', '.:') as { path?: string }).path, tool);
  } finally {
    process.chdir(cwd);
  }
});

test('the execution settings: trusted only when the client says so, the default program otherwise', () => {
  assert.deepEqual(readExecution(undefined), { trusted: false, iptablesRestorePath: 'iptables-restore' });
  assert.deepEqual(readExecution({ trustedWorkspace: 'yes', iptablesRestorePath: ' ' }), { trusted: false, iptablesRestorePath: 'iptables-restore' });
  assert.deepEqual(readExecution({ trustedWorkspace: true, iptablesRestorePath: '/usr/sbin/iptables-legacy-restore' }), { trusted: true, iptablesRestorePath: '/usr/sbin/iptables-legacy-restore' });
});
