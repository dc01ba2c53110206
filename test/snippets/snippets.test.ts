import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lint } from 'firewall-rules-server/build/core';
import { expandSnippet, loadSnippets, snippetAsFile } from 'firewall-rules-server/build/test-support/snippets';

const snippets = loadSnippets();

describe('snippets', () => {
  test('cover the mail ports, the admin basics and a whole file', () => {
    const prefixes = snippets.flatMap((s) => s.prefix);
    for (const p of ['smtp', 'smtps', 'submission', 'imaps', 'pop3s', 'ssh', 'http', 'https', 'ping', 'loopback', 'established', 'drop-invalid', 'filter', 'mailserver']) {
      assert.ok(prefixes.includes(p), `a snippet with prefix ${p}`);
    }
    for (const s of snippets) assert.ok(s.description.length > 20, `${s.name} has a description`);
  });

  test('the mail server snippet is a whole file with no diagnostics at all', () => {
    const mail = snippets.find((s) => s.prefix.includes('mailserver'));
    assert.ok(mail);
    const text = expandSnippet(mail) + '\n';
    assert.deepEqual(lint(text).map((d) => `${d.code}: ${d.message}`), []);
    assert.deepEqual(lint(text, { sshPorts: [22] }), []);
  });

  test('the mail server snippet opens no cleartext mail port and keeps SSH open', () => {
    const mail = snippets.find((s) => s.prefix.includes('mailserver'));
    const rules = expandSnippet(mail!).split('\n').filter((l) => l.startsWith('-A'));
    assert.ok(!rules.some((l) => /\b(110|143)\b/.test(l)), 'no rule names 110 or 143');
    assert.ok(rules.some((l) => /--dport 22\b/.test(l)), 'a rule accepts 22');
  });

  for (const s of snippets) {
    test(`"${s.name}" expands to a file with no errors`, () => {
      const errors = lint(snippetAsFile(s)).filter((d) => d.severity === 'error');
      assert.deepEqual(errors, []);
    });
  }
});
