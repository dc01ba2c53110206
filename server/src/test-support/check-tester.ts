import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, lint } from '../core';
import type { Check } from '../core/lint/check';
import type { CheckCases } from './cases';

/** Runs a rule's case table like eslint's RuleTester: valid files stay silent, invalid ones are flagged and fixed. */
export function runCheckCases(rule: Check, cases: CheckCases): void {
  const code = rule.meta.code;
  describe(code, () => {
    for (const c of cases.valid) {
      test(`valid: ${c.name}`, () => {
        const found = lint(c.text, c.options, [rule]).filter((d) => d.code === code);
        assert.deepEqual(found.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
      });
    }
    for (const c of cases.invalid) {
      test(`invalid: ${c.name}`, () => {
        const found = lint(c.text, c.options, [rule]).filter((d) => d.code === code);
        assert.deepEqual(
          found.map((d) => d.range.start.line + 1),
          c.diagnostics.map((d) => d.line),
          `lines flagged: ${found.map((d) => `${d.range.start.line + 1}: ${d.message}`).join(' | ')}`,
        );
        c.diagnostics.forEach((want, i) => {
          assert.equal(found[i].severity, want.severity ?? rule.meta.severity);
          if (want.message) assert.match(found[i].message, want.message);
        });
        if (c.iptables) assert.ok(found[0].message.includes(c.iptables), `message quotes "${c.iptables}": ${found[0].message}`);
        assert.deepEqual((found[0].settingFixes ?? []).map((f) => [f.title, f.isPreferred]), c.settingFixes ?? [], 'the settings it offers to change');
        const preferred = found[0].fixes.filter((f) => f.isPreferred);
        if (c.output === undefined) {
          assert.equal(preferred.length, 0, 'no preferred fix expected');
          return;
        }
        assert.equal(preferred.length, 1, 'exactly one preferred fix');
        const fixed = applyEdits(c.text, preferred[0].edits);
        assert.equal(fixed, c.output);
        const again = lint(fixed, c.options, [rule]).filter((d) => d.code === code && d.range.start.line === found[0].range.start.line);
        assert.ok(!again.some((d) => d.message === found[0].message), 'the fix removes the diagnostic');
      });
    }
  });
}
