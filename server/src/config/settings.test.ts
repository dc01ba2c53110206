// Like bash-language-server's check: the settings package.json offers are the ones the server and
// client read, and the config file may hold only the lint settings.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DOCS_BASE_URL, IPTABLES_VERSIONS, REPOSITORY_URL } from '../core';
import { CLIENT_SETTINGS, LINT_DEFAULTS, LINT_KEYS, lintOptions, readLintSettings, SETTINGS_SECTION } from './settings';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  repository: { url: string };
  contributes: { configuration: { properties: Record<string, { default: unknown; scope?: string; description?: string; markdownDescription?: string }> } };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
};
const properties = manifest.contributes.configuration.properties;

test('package.json declares exactly the settings the server and client read', () => {
  const declared = Object.keys(properties).sort();
  const read = [...Object.keys(LINT_DEFAULTS), ...Object.keys(CLIENT_SETTINGS)].map((k) => `${SETTINGS_SECTION}.${k}`).sort();
  assert.deepEqual(declared, read);
});

test('every setting has a description, and the defaults agree', () => {
  for (const [key, p] of Object.entries(properties)) {
    assert.ok((p.description ?? p.markdownDescription ?? '').length > 20, `${key} has a description`);
  }
  for (const [key, value] of Object.entries({ ...LINT_DEFAULTS, ...CLIENT_SETTINGS })) {
    assert.deepEqual(properties[`${SETTINGS_SECTION}.${key}`].default, value, key);
  }
});

test('the program to run is a machine setting, restricted in untrusted workspaces, and no config file key', () => {
  assert.equal(properties['firewallRules.iptablesRestorePath'].scope, 'machine');
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['firewallRules.iptablesRestorePath']);
  assert.deepEqual([...LINT_KEYS].sort(), ['backend', 'connlabels', 'family', 'ipsets', 'iptablesVersion', 'mailProfile', 'nfacctObjects', 'severity', 'sshPorts']);
});

test('the published doc pages are the repository package.json names', () => {
  assert.equal(manifest.repository.url.replace(/\.git$/, ''), REPOSITORY_URL);
  assert.ok(DOCS_BASE_URL.startsWith(`${REPOSITORY_URL}/`) && DOCS_BASE_URL.endsWith('/docs/rules/'));
});

test('bad values fall back to the defaults', () => {
  assert.deepEqual(readLintSettings(undefined), LINT_DEFAULTS);
  assert.deepEqual(readLintSettings({ sshPorts: ['22', 0, 70000, 2.5] }), LINT_DEFAULTS);
  assert.deepEqual(readLintSettings({ sshPorts: [2222, 'x'] }).sshPorts, [2222]);
  assert.deepEqual(readLintSettings({ severity: { 'state-match': 'off', 'duplicate-rule': 'loud', x: 3 } }).severity, { 'state-match': 'off' });
  assert.equal(readLintSettings({ mailProfile: 'no' }).mailProfile, true);
  assert.equal('iptablesRestorePath' in readLintSettings({ iptablesRestorePath: '/tmp/evil' }), false);
  assert.equal(readLintSettings({ iptablesVersion: '1.9.0' }).iptablesVersion, 'auto');
  assert.equal(readLintSettings({ iptablesVersion: 1.8 }).iptablesVersion, 'auto');
});

test('the iptables release: auto by default, else one package.json offers, and it reaches the lint options', () => {
  assert.equal(LINT_DEFAULTS.iptablesVersion, 'auto');
  const offered = (properties['firewallRules.iptablesVersion'] as { enum?: string[] }).enum;
  assert.deepEqual(offered, ['auto', ...IPTABLES_VERSIONS]);
  for (const v of IPTABLES_VERSIONS) {
    assert.equal(readLintSettings({ iptablesVersion: v }).iptablesVersion, v);
    assert.equal(lintOptions(readLintSettings({ iptablesVersion: v })).iptablesVersion, v);
  }
});

test('the host objects: null unless a list of names, bounded, and they reach the lint options', () => {
  assert.equal(readLintSettings({}).ipsets, null);
  assert.equal(readLintSettings({ ipsets: 'blocklist' }).ipsets, null);
  assert.deepEqual(readLintSettings({ ipsets: ['blocklist', 3, '', 'x'.repeat(300), 'seen6 inet6'] }).ipsets, ['blocklist', 'seen6 inet6']);
  assert.equal(readLintSettings({ ipsets: Array(20000).fill('a') }).ipsets?.length, 10000);
  assert.deepEqual(lintOptions(readLintSettings({})).hostObjects, {});
  assert.deepEqual(lintOptions(readLintSettings({ ipsets: [], nfacctObjects: ['wan'], connlabels: ['web'] })).hostObjects, { ipset: [], nfacct: ['wan'], connlabel: ['web'] });
});
