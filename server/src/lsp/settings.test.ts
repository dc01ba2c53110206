// Like bash-language-server's check: the settings package.json offers are the ones the server reads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLIENT_ONLY_SETTINGS, readSettings, SETTING_DEFAULTS, SETTINGS_SECTION } from './settings';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown; description?: string; markdownDescription?: string }> } };
};
const properties = manifest.contributes.configuration.properties;

test('package.json declares exactly the settings the server and client read', () => {
  const declared = Object.keys(properties).sort();
  const read = [...Object.keys(SETTING_DEFAULTS), ...CLIENT_ONLY_SETTINGS].map((k) => `${SETTINGS_SECTION}.${k}`).sort();
  assert.deepEqual(declared, read);
});

test('every setting has a description, and the defaults agree', () => {
  for (const [key, p] of Object.entries(properties)) {
    assert.ok((p.description ?? p.markdownDescription ?? '').length > 20, `${key} has a description`);
  }
  for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
    assert.deepEqual(properties[`${SETTINGS_SECTION}.${key}`].default, value, key);
  }
});

test('bad values fall back to the defaults', () => {
  assert.deepEqual(readSettings(undefined), SETTING_DEFAULTS);
  assert.deepEqual(readSettings({ sshPorts: ['22', 0, 70000, 2.5] }), SETTING_DEFAULTS);
  assert.deepEqual(readSettings({ sshPorts: [2222, 'x'] }).sshPorts, [2222]);
  assert.deepEqual(readSettings({ severity: { 'state-match': 'off', 'duplicate-rule': 'loud', x: 3 } }).severity, { 'state-match': 'off' });
  assert.equal(readSettings({ mailProfile: 'no' }).mailProfile, true);
  assert.equal(readSettings({ iptablesRestorePath: '  ' }).iptablesRestorePath, 'iptables-restore');
});
