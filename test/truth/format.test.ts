// Formatting never changes what the file means: the messy file and its formatted version are
// loaded for real, and iptables-nft-save prints the same ruleset for both.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, detectFamily, formatLines, parse } from 'firewall-rules-server/build/core';
import { ALL_CASES } from 'firewall-rules-server/build/test-support/all-cases';
import { savedAfterLoad, truthUnavailable } from 'firewall-rules-server/build/test-support/netns';
import { loadSnippets, snippetAsFile } from 'firewall-rules-server/build/test-support/snippets';

const why = truthUnavailable();

/** Extra blanks and tabs between words and at line ends, as hand edits leave them (quotes untouched). */
function mess(text: string): string {
  return text
    .split('\n')
    .map((line, i) => (line.startsWith('-') || line.startsWith('[') ? line.replace(/ (?=(?:[^"]*"[^"]*")*[^"]*$)/g, i % 2 ? '  ' : ' \t') + '   ' : line))
    .join('\n');
}

describe('formatting keeps what iptables loads', { skip: why }, () => {
  test('messy case files and snippets save the same before and after formatting', () => {
    const files = [
      ...Object.values(ALL_CASES).flatMap((c) => c.valid.map((v) => v.text)),
      ...loadSnippets().map((s) => snippetAsFile(s)),
    ];
    let compared = 0;
    for (const original of files) {
      const messy = mess(original);
      const family = detectFamily(messy);
      const before = savedAfterLoad(messy, family);
      if (before.status !== 0) continue; // a case that fails to load says nothing about formatting
      const formatted = applyEdits(messy, formatLines(parse(messy, family)));
      const after = savedAfterLoad(formatted, family);
      assert.equal(after.status, 0, `formatted file loads:\n${formatted}\n${after.stderr}`);
      assert.equal(after.saved, before.saved, `same ruleset after formatting:\n${formatted}`);
      compared++;
    }
    console.log(`formatting: ${compared} files load to the same ruleset before and after`);
    assert.ok(compared > 50, `compared ${compared} files`);
  });
});
