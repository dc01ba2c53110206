// Attacks through settings: a repository, a shared folder or the server's working directory must
// never choose the program "validate with iptables-restore" runs, and config files are read only
// from places the user controls, only when they are trustworthy, and only within bounds.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chownSync, chmodSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { killServers, type LspClient } from 'firewall-rules-server/build/test-support/lsp-client';
import { withServer, type ServerOptions } from 'firewall-rules-server/build/test-support/lsp-server';
import { cli, folder, has, HEADERLESS, isRoot, markingProgram, oneLineFailure, ran } from 'firewall-rules-server/build/test-support/safety';

after(killServers);

const RULES = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n';

interface Validation {
  ok: boolean;
  ran?: boolean;
  message: string;
  binary?: string;
}

/** A server with `root` as its workspace folder, the client's execution settings and configuration. */
function inFolder(root: string, init: Record<string, unknown>, configuration: unknown = {}, options: ServerOptions = {}): ServerOptions {
  return { ...options, configuration, initialize: { rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'repo' }], initializationOptions: init } };
}

async function validate(client: LspClient, file: string, text = RULES): Promise<Validation> {
  const uri = pathToFileURL(file).href;
  await client.open(uri, text);
  return client.conn.sendRequest<Validation>('workspace/executeCommand', { command: 'firewallRules.validate', arguments: [{ uri }] });
}

describe('a repository never picks the program that runs', () => {
  test('iptablesRestorePath in a cloned repository\'s .firewall-rules.json is not run; the user\'s own program is, by its absolute path', async () => {
    const repo = folder('repo');
    const user = folder('user');
    const evil = markingProgram(repo, 'evil.sh', path.join(repo, 'EVIL-RAN'));
    writeFileSync(path.join(repo, '.firewall-rules.json'), JSON.stringify({ iptablesRestorePath: evil }));
    const mine = markingProgram(user, 'iptables-restore', path.join(user, 'MINE-RAN'));
    // An old server read the path from the workspace's settings: give it the repository's there too.
    await withServer(inFolder(repo, { trustedWorkspace: true, iptablesRestorePath: mine }, { iptablesRestorePath: evil }), async (client) => {
      const result = await validate(client, path.join(repo, 'firewall.rules'));
      assert.equal(ran(path.join(repo, 'EVIL-RAN')), false, 'the repository\'s script ran');
      assert.equal(ran(path.join(user, 'MINE-RAN')), true, 'the user\'s program did not run');
      assert.equal(result.binary, mine);
      assert.match(result.message, new RegExp(`^${mine.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} --test`));
      assert.ok(client.messages.some((m) => /ignored "iptablesRestorePath"/.test(m)), `the user is told: ${JSON.stringify(client.messages)}`);
    });
  });

  test('a firewallRules key in a package.json above the workspace is not read, and cannot name a program', async () => {
    const parent = folder('parent');
    const repo = path.join(parent, 'repo');
    mkdirSync(repo);
    const evil = markingProgram(parent, 'evil.sh', path.join(parent, 'EVIL-RAN'));
    writeFileSync(path.join(parent, 'package.json'), JSON.stringify({ name: 'x', firewallRules: { iptablesRestorePath: evil, severity: { 'missing-table-header': 'off' } } }));
    await withServer(inFolder(repo, { trustedWorkspace: true, iptablesRestorePath: '/nonexistent/iptables-restore' }), async (client) => {
      const uri = pathToFileURL(path.join(repo, 'firewall.rules')).href;
      const ds = await client.open(uri, HEADERLESS);
      assert.ok(ds.some((d) => d.code === 'missing-table-header'), 'a config above the workspace folder changed the checks');
      await client.conn.sendRequest('workspace/executeCommand', { command: 'firewallRules.validate', arguments: [{ uri }] });
      assert.equal(ran(path.join(parent, 'EVIL-RAN')), false);
    });
  });

  test('the server\'s working directory is never searched: not by a relative path, not through "." on PATH', async () => {
    const repo = folder('cwd');
    markingProgram(repo, 'evil-restore', path.join(repo, 'CWD-RAN'));
    for (const configured of ['./evil-restore', 'evil-restore']) {
      await withServer(inFolder(repo, { trustedWorkspace: true, iptablesRestorePath: configured }, { iptablesRestorePath: configured }, { cwd: repo, env: { ...process.env, PATH: `.:${process.env.PATH ?? ''}` } }), async (client) => {
        const result = await validate(client, path.join(repo, 'firewall.rules'));
        assert.equal(ran(path.join(repo, 'CWD-RAN')), false, `${configured} ran from the working directory`);
        assert.equal(result.ok, false);
      });
    }
  });

  test('nothing runs unless the client says the workspace is trusted', async () => {
    const user = folder('untrusted');
    const mine = markingProgram(user, 'iptables-restore', path.join(user, 'RAN'));
    await withServer(inFolder(user, { iptablesRestorePath: mine }, { iptablesRestorePath: mine }), async (client) => {
      const result = await validate(client, path.join(user, 'firewall.rules'));
      assert.equal(ran(path.join(user, 'RAN')), false, 'ran without the client saying the workspace is trusted');
      assert.equal(result.ok, false);
      assert.match(result.message, /trusted/);
    });
  });

  test('an IPv6 file is validated with ip6tables-restore, beside the user\'s iptables-restore', async () => {
    const user = folder('v6');
    const v4 = markingProgram(user, 'iptables-restore', path.join(user, 'V4-RAN'));
    const v6 = markingProgram(user, 'ip6tables-restore', path.join(user, 'V6-RAN'));
    await withServer(inFolder(user, { trustedWorkspace: true, iptablesRestorePath: v4 }, { iptablesRestorePath: v4 }), async (client) => {
      const result = await validate(client, path.join(user, 'rules.v6'), '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s ::1 -j ACCEPT\nCOMMIT\n');
      assert.deepEqual([result.ok, ran(path.join(user, 'V6-RAN')), ran(path.join(user, 'V4-RAN'))], [true, true, false], result.message);
      assert.equal(result.binary, v6);
    });
  });
});

describe('config files: only where the user decides, only if trustworthy, only within bounds', () => {
  test('the CLI ignores a config in a folder everyone may write to, and says so in one line', () => {
    const shared = folder('shared');
    chmodSync(shared, 0o777);
    writeFileSync(path.join(shared, '.firewall-rules.json'), JSON.stringify({ severity: { 'missing-table-header': 'off' } }));
    writeFileSync(path.join(shared, 'firewall.rules'), HEADERLESS);
    const r = cli(['firewall.rules'], { cwd: shared });
    assert.equal(r.status, 1, `the planted config switched the error off: ${r.stdout}`);
    assert.match(r.stderr, /^firewall-lint: warning: ignored .*\.firewall-rules\.json: in a folder everyone may write to/m);
  });

  test('the CLI ignores a config another group, or an ACL entry, lets someone write', { skip: isRoot && has('setfacl') ? false : 'needs root and setfacl' }, () => {
    const cases: Array<[string, (dir: string, config: string) => void, RegExp]> = [
      ['group-writable config', (_dir, config) => (chownSync(config, 0, 65534), chmodSync(config, 0o664)), /writable by group 65534/],
      ['ACL on the config', (_dir, config) => spawnSync('setfacl', ['-m', 'u:nobody:rw', config]), /writable by user 65534 \(ACL\)/],
      ['ACL on the folder', (dir) => spawnSync('setfacl', ['-m', 'u:nobody:rwx', dir]), /in a folder user 65534 \(ACL\) may write to/],
    ];
    for (const [what, plant, warning] of cases) {
      const repo = folder('group');
      const config = path.join(repo, '.firewall-rules.json');
      writeFileSync(config, JSON.stringify({ severity: { 'missing-table-header': 'off' } }));
      writeFileSync(path.join(repo, 'firewall.rules'), HEADERLESS);
      plant(repo, config);
      const r = cli(['firewall.rules'], { cwd: repo });
      assert.equal(r.status, 1, `${what}: the config applied`);
      assert.match(r.stderr, warning, what);
    }
  });

  test('standard input gets the config of the current folder too', () => {
    const repo = folder('stdin');
    writeFileSync(path.join(repo, '.firewall-rules.json'), JSON.stringify({ severity: { 'missing-table-header': 'off' } }));
    assert.equal(cli(['-'], { cwd: repo, input: HEADERLESS }).status, 0);
  });

  test('the CLI ignores a config owned by another user', { skip: isRoot ? false : 'needs root to give a file to nobody' }, () => {
    const repo = folder('owned');
    const config = path.join(repo, '.firewall-rules.json');
    writeFileSync(config, JSON.stringify({ severity: { 'missing-table-header': 'off' } }));
    chownSync(config, 65534, 65534);
    writeFileSync(path.join(repo, 'firewall.rules'), HEADERLESS);
    const r = cli(['firewall.rules'], { cwd: repo });
    assert.equal(r.status, 1, 'a config owned by nobody applied');
    assert.match(r.stderr, /ignored .*owned by uid 65534/);
  });

  test('the CLI reads the config of the current folder and its parents, not one planted beside a file elsewhere', () => {
    const elsewhere = folder('elsewhere');
    writeFileSync(path.join(elsewhere, '.firewall-rules.json'), JSON.stringify({ severity: { 'missing-table-header': 'off' } }));
    writeFileSync(path.join(elsewhere, 'firewall.rules'), HEADERLESS);
    const here = folder('here');
    assert.equal(cli([path.join(elsewhere, 'firewall.rules')], { cwd: here }).status, 1, 'the config beside the file applied');
    assert.equal(cli([path.join(elsewhere, 'firewall.rules')], { cwd: elsewhere }).status, 0, 'from its own folder it applies');
    assert.equal(cli(['--config', path.join(elsewhere, '.firewall-rules.json'), path.join(elsewhere, 'firewall.rules')], { cwd: here }).status, 0, '--config names one');
  });

  test('a config over 64 KiB is refused with a message', () => {
    const repo = folder('big');
    writeFileSync(path.join(repo, '.firewall-rules.json'), `{ "mailProfile": false, ${' '.repeat(70 * 1024)} "sshPorts": [22] }`);
    writeFileSync(path.join(repo, 'firewall.rules'), RULES);
    const r = cli(['firewall.rules'], { cwd: repo });
    assert.equal(oneLineFailure(r), undefined);
    assert.match(r.stderr, /\.firewall-rules\.json: 70\.\d KiB, over the 64\.0 KiB limit/);
  });

  test('a 1.9 GB sparse config is refused at once, unread', () => {
    const repo = folder('sparse');
    writeFileSync(path.join(repo, '.firewall-rules.json'), '{}');
    truncateSync(path.join(repo, '.firewall-rules.json'), 1900 * 1024 * 1024);
    writeFileSync(path.join(repo, 'firewall.rules'), RULES);
    const r = cli(['firewall.rules'], { cwd: repo });
    assert.equal(oneLineFailure(r), undefined);
    assert.match(r.stderr, /over the 64\.0 KiB limit/);
  });

  for (const target of ['/proc/self/pagemap', '/proc/kmsg']) {
    test(`a config that is a link to ${target} ends the CLI at once with one line`, () => {
      const repo = folder('proc');
      symlinkSync(target, path.join(repo, '.firewall-rules.json'));
      writeFileSync(path.join(repo, 'firewall.rules'), RULES);
      const r = cli(['firewall.rules'], { cwd: repo });
      assert.equal(oneLineFailure(r), undefined);
      assert.match(r.stderr, /\.firewall-rules\.json: a symbolic link, not a regular file/);
    });
  }

  test('a config linked to /proc/self/pagemap in the workspace does not freeze the server; the user is told', async () => {
    const repo = folder('srvproc');
    symlinkSync('/proc/self/pagemap', path.join(repo, '.firewall-rules.json'));
    await withServer(inFolder(repo, {}), async (client) => {
      const uri = pathToFileURL(path.join(repo, 'firewall.rules')).href;
      const ds = await client.open(uri, HEADERLESS);
      assert.ok(ds.some((d) => d.code === 'missing-table-header'));
      const hover = await client.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
      assert.ok(hover);
      assert.ok(client.messages.some((m) => /symbolic link/.test(m)), JSON.stringify(client.messages));
    });
  });
});
