import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ALL_CHECKS } from 'firewall-rules-server/build/core';
import { withServer } from 'firewall-rules-server/build/test-support/lsp-server';
import { CLI, EXAMPLE, ROOT } from 'firewall-rules-server/build/test-support/paths';

const run = (args: string[], input?: string, cwd?: string) => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', cwd });
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
    assert.match(r.stderr, /^firewall-lint: .*nope\.rules: no such file or directory\n$/);
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

describe('firewall-lint for CI', () => {
  const messy = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m state --state ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 143 -j ACCEPT', 'COMMIT'].join('\n');

  test('--format json: every problem with its place, severity and fixes', () => {
    const r = run(['--format', 'json', write('j.rules', messy)]);
    assert.equal(r.status, 0, 'warnings and hints only');
    const out = JSON.parse(r.stdout) as { version: number; files: Array<{ file: string; diagnostics: Array<{ code: string; line: number; column: number; severity: string; fixes: unknown[] }> }> };
    assert.equal(out.version, 1);
    assert.deepEqual(out.files[0].diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`), ['4:13 hint state-match', '6:1 warning duplicate-rule', '7:25 warning plaintext-mail-protocol', '8:1 warning missing-final-newline']);
    assert.ok(out.files[0].diagnostics.every((d) => d.fixes.length > 0));
  });

  test('--format github: one workflow annotation a problem', () => {
    const r = run(['--format', 'github', write('g.rules', messy)]);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[1], /^::warning file=.*g\.rules,line=6,col=1,endLine=6,endColumn=\d+,title=duplicate-rule::The same rule as line 5/);
    assert.match(lines[0], /^::notice /);
  });

  test('--format sarif: rules with help links, results with regions and fixes', () => {
    const r = run(['--format', 'sarif', write('s.rules', messy)]);
    const log = JSON.parse(r.stdout) as { version: string; runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } }; results: Array<{ ruleId: string; ruleIndex: number; level: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }>; fixes: unknown[] }> }> };
    assert.equal(log.version, '2.1.0');
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.rules.length, ALL_CHECKS.length);
    // Each help link is the published page of a doc this repository holds.
    for (const rule of run0.tool.driver.rules) {
      assert.match(rule.helpUri, /^https:\/\/[^/]+\/.*\/docs\/rules\/[a-z0-9-]+\.md$/);
      assert.ok(existsSync(path.join(ROOT, 'docs', 'rules', path.basename(rule.helpUri))), rule.helpUri);
    }
    assert.deepEqual(run0.results.map((x) => [x.ruleId, x.level, x.locations[0].physicalLocation.region.startLine]), [['state-match', 'note', 4], ['duplicate-rule', 'warning', 6], ['plaintext-mail-protocol', 'warning', 7], ['missing-final-newline', 'warning', 8]]);
    assert.ok(run0.results.every((x) => run0.tool.driver.rules[x.ruleIndex].id === x.ruleId));
    assert.ok(run0.results.every((x) => x.fixes.length === 1));
  });

  test('--format sarif is valid against the SARIF 2.1.0 schema', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'test', 'data', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
    // The schema's language pattern is not a valid unicode-mode regular expression.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    // The seed (errors, hints, warnings, multi-edit fixes) and a clean file (no results).
    for (const file of [EXAMPLE, write('clean.rules', '*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n')]) {
      const log = JSON.parse(run(['--format', 'sarif', file]).stdout) as unknown;
      assert.ok(validate(log), `${file}: ${ajv.errorsText(validate.errors)}`);
    }
    assert.ok(!validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'loud' }] }] }), 'the validator does reject a bad log');
  });

  test('--fail-on and --rule change the exit code and the severities', () => {
    const f = write('f.rules', messy);
    assert.equal(run([f]).status, 0);
    assert.equal(run(['--fail-on', 'warning', f]).status, 1);
    assert.equal(run(['--fail-on', 'info', '--rule', 'duplicate-rule=off', '--rule', 'plaintext-mail-protocol=off', '--rule', 'missing-final-newline=hint', f]).status, 0);
    assert.equal(run(['--rule', 'state-match=error', f]).status, 1);
    assert.match(run(['--rule', 'state-match=error', f]).stdout, /:4:13: error: .*\[state-match\]/);
    assert.equal(run(['--rule', 'nonsense=off', f]).status, 2);
    assert.equal(run(['--fail-on', 'sometimes', f]).status, 2);
    assert.equal(run(['--format', 'xml', f]).status, 2);
  });

  test('--fix applies the safe fixes in place, atomically, and a second run changes nothing', () => {
    const f = write('fix.rules', messy);
    const r = run(['--fix', f]);
    assert.equal(r.status, 0);
    const fixed = readFileSync(f, 'utf8');
    assert.equal(fixed, ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT', '-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 143 -j ACCEPT', 'COMMIT', ''].join('\n'));
    assert.match(r.stdout, /plaintext-mail-protocol/, 'what --fix leaves is still reported');
    assert.deepEqual(readdirSync(dir).filter((n) => n.includes('firewall-lint-')), [], 'no temp file left behind');
    run(['--fix', f]);
    assert.equal(readFileSync(f, 'utf8'), fixed, 'idempotent');
    const piped = run(['--fix', '-'], messy);
    assert.equal(piped.stdout, fixed, 'with -, the fixed text goes to stdout');
  });

  test('directories: rules files by name and first line; none is an error', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fwr-dir-'));
    mkdirSync(path.join(root, 'roles', 'fw', 'files'), { recursive: true });
    writeFileSync(path.join(root, 'roles', 'fw', 'files', 'rules.v4'), messy);
    writeFileSync(path.join(root, 'saved'), '# Generated by iptables-save v1.8.9\n*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m state --state NEW -j ACCEPT\nCOMMIT\n');
    writeFileSync(path.join(root, '99-usb.rules'), 'SUBSYSTEM=="usb"\n');
    const r = run(['--format', 'json', root]);
    const out = JSON.parse(r.stdout) as { files: Array<{ file: string }> };
    assert.deepEqual(out.files.map((x) => path.relative(root, x.file)).sort(), [path.join('roles', 'fw', 'files', 'rules.v4'), 'saved']);
    const empty = mkdtempSync(path.join(tmpdir(), 'fwr-empty-'));
    const none = run([empty]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no rules files/);
  });

  test('.firewall-rules.json (or package.json "firewallRules") in the current folder sets the options; --config names one', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fwr-cfg-'));
    mkdirSync(path.join(root, 'etc'));
    const f = path.join(root, 'etc', 'firewall.rules');
    writeFileSync(f, messy);
    writeFileSync(path.join(root, '.firewall-rules.json'), JSON.stringify({ severity: { 'duplicate-rule': 'error' }, mailProfile: false }));
    const r = run([f], undefined, root);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /error: .*\[duplicate-rule\]/);
    assert.doesNotMatch(r.stdout, /plaintext-mail-protocol/);
    assert.equal(run(['etc/firewall.rules'], undefined, root).status, 1, 'a relative name, the same config');
    assert.equal(run(['--config', path.join(root, '.firewall-rules.json'), f]).status, 1, '--config from anywhere');
    writeFileSync(path.join(root, '.firewall-rules.json'), '{ not json');
    const broken = run([f], undefined, root);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /\.firewall-rules\.json: not valid JSON\n/);
    unlinkSync(path.join(root, '.firewall-rules.json'));
    writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'x', firewallRules: { severity: { 'state-match': 'off' } } }));
    assert.doesNotMatch(run([f], undefined, root).stdout, /state-match/);
  });

  test('the config file lists the host objects: a set or nfacct object it does not list is an error', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fwr-obj-'));
    const f = path.join(root, 'firewall.rules');
    writeFileSync(f, '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m set --match-set blocklist src -j DROP\n-A INPUT -m nfacct --nfacct-name wan\nCOMMIT\n');
    assert.equal(run([f], undefined, root).status, 0, 'not checked without the settings');
    writeFileSync(path.join(root, '.firewall-rules.json'), JSON.stringify({ ipsets: ['blocklist'], nfacctObjects: [] }));
    const r = run([f], undefined, root);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /firewall\.rules:4:.*error: nfacct object wan is not among .*\[missing-object\]/);
    assert.doesNotMatch(r.stdout, /:3:/);
  });

  test('--family reads a file as ip6tables or iptables rules', () => {
    const f = write('fam.rules', '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -s 10.0.0.1 -j ACCEPT\nCOMMIT\n');
    assert.equal(run([f]).status, 0);
    const v6 = run(['--family', 'ipv6', f]);
    assert.equal(v6.status, 1);
    assert.match(v6.stdout, /\[address-family-mismatch\]/);
    assert.equal(run(['--family', 'ipv5', f]).status, 2);
  });

  test('--backend, or the config file\'s backend, checks a file for that iptables-restore', () => {
    const f = write('backend.rules', '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT');
    assert.equal(run([f]).status, 0, 'a warning: iptables-nft-restore loads it');
    const legacy = run(['--backend', 'legacy', f]);
    assert.equal(legacy.status, 1);
    assert.match(legacy.stdout, /error: iptables-legacy-restore stops here with "Bad argument `COMMIT'"/);
    assert.equal(run(['--backend', 'nft', f]).status, 0);
    assert.equal(run(['--backend', 'xt', f]).status, 2);
    const root = mkdtempSync(path.join(tmpdir(), 'fwr-backend-'));
    writeFileSync(path.join(root, '.firewall-rules.json'), JSON.stringify({ backend: 'legacy' }));
    writeFileSync(path.join(root, 'x.rules'), '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT');
    assert.equal(run(['x.rules'], undefined, root).status, 1, 'the config file says legacy');
    assert.equal(run(['--backend', 'nft', 'x.rules'], undefined, root).status, 0, 'the command line wins');
  });

  test('--iptables-version, the config file\'s iptablesVersion, or the header picks the release checked for', () => {
    const body = '*filter\n-A INPUT -p udp --dport 4:3 -j ACCEPT\nCOMMIT\n';
    const f = write('release.rules', body);
    assert.equal(run([f]).status, 0, 'no header: 1.8.9, which loads a backwards udp range');
    const r = run(['--iptables-version', '1.8.11', f]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /error: .*Port range 4-3 is negative\./);
    assert.equal(run(['--iptables-version', '1.8.10', f]).status, 0);
    assert.equal(run(['--iptables-version', '1.9', f]).status, 2);
    assert.equal(run(['--iptables-version', 'auto', f]).status, 2);
    const headed = write('release-header.rules', `# Generated by iptables-nft-save v1.8.11 (nf_tables) on Sun Dec  6 10:00:00 2026\n${body}`);
    assert.equal(run([headed]).status, 1, 'the header says 1.8.11');
    assert.equal(run(['--iptables-version', '1.8.9', headed]).status, 0, 'the command line wins over the header');
    const root = mkdtempSync(path.join(tmpdir(), 'fwr-release-'));
    writeFileSync(path.join(root, '.firewall-rules.json'), JSON.stringify({ iptablesVersion: '1.8.11' }));
    writeFileSync(path.join(root, 'x.rules'), body);
    assert.equal(run(['x.rules'], undefined, root).status, 1, 'the config file says 1.8.11');
    assert.equal(run(['--iptables-version', '1.8.9', 'x.rules'], undefined, root).status, 0, 'the command line wins');
  });

  test('--explain prints a rule doc, --list-rules every code', () => {
    const e = run(['--explain', 'ssh-lockout']);
    assert.equal(e.status, 0);
    assert.match(e.stdout, /^# ssh-lockout: SSH lockout$/m);
    assert.equal(run(['--explain', 'nope']).status, 2);
    const l = run(['--list-rules']);
    assert.equal(l.stdout.trim().split('\n').length, ALL_CHECKS.length);
    assert.match(l.stdout, /^no-default-deny +warning +INPUT lets everything else in$/m);
  });

  test('--stdio runs the language server', async () => {
    await withServer({ args: [CLI, '--stdio'] }, async (client, init) => {
      assert.ok(init.capabilities.hoverProvider);
      const ds = await client.open('file:///work/cli-stdio/firewall.rules', messy);
      assert.ok(ds.some((d) => d.code === 'duplicate-rule'));
    });
  });
});

test('the pre-commit hook runs firewall-lint on the files the extension claims', () => {
  const yaml = readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  assert.match(yaml, /^ {2}entry: firewall-lint$/m);
  const files = new RegExp(/^ {2}files: (.+)$/m.exec(yaml)?.[1] ?? '$^');
  for (const p of ['firewall.rules', 'etc/iptables/rules.v4', 'etc/iptables/rules.v6', 'sysconfig/iptables', 'roles/fw/files/mail.iptables']) assert.ok(files.test(p), p);
  for (const p of ['etc/udev/rules.d/99-usb.rules', 'iptables.conf', 'docs/iptables.md']) assert.ok(!files.test(p), p);
  const bin = (JSON.parse(readFileSync(path.join(ROOT, 'server', 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
  assert.equal(bin['firewall-lint'], './out/cli.js');
});
