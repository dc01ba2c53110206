import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALL_CHECKS, lint } from '..';
import { ALL_CASES } from '../../test-support/all-cases';
import type { Diagnostic, MessageData } from './diagnostic';
import { isMessagePart, moveLines, placeholdersOf, renderFrom, renderMessage } from './messages';

describe('messages as data', () => {
  test('a template is filled in from its data; a line is shown 1-based', () => {
    assert.equal(renderMessage('{a} and {b} on line {at}, {a} again', { a: 'x', b: 2, at: { line: 4 } }), 'x and 2 on line 5, x again');
    assert.equal(renderMessage('no {value}', {}), 'no {value}');
    assert.equal(renderMessage('{constructor}', {}), '{constructor}');
    assert.deepEqual(placeholdersOf('{a} {b} {a}'), ['a', 'b']);
    assert.deepEqual(moveLines({ at: { line: 3 }, n: 3, s: 'line 4' }, (l) => l + 10), { at: { line: 13 }, n: 3, s: 'line 4' });
  });

  test('a phrase of the same check is rendered in place, with its own data, lines moved with the rest', () => {
    const messages = { dropped: 'Dropped by {by}.', byRule: 'the rule on line {at}', byChain: 'the {chain} chain' };
    assert.equal(renderFrom(messages, 'dropped', { by: { messageId: 'byRule', data: { at: { line: 6 } } } }), 'Dropped by the rule on line 7.');
    assert.equal(renderFrom(messages, 'dropped', { by: { messageId: 'byChain', data: { chain: 'INPUT' } } }), 'Dropped by the INPUT chain.');
    const moved = moveLines({ by: { messageId: 'byRule', data: { at: { line: 6 } } } }, (l) => l + 1);
    assert.equal(renderFrom(messages, 'dropped', moved), 'Dropped by the rule on line 8.');
  });

  /**
   * Whether a value fits its place in the template: blank only where it ends the template (an
   * optional closing phrase), blank space at its ends only between quotes (a line quoted as written).
   */
  const fits = (template: string, name: string, v: MessageData[string]): boolean => {
    if (typeof v === 'object') return true;
    const text = String(v);
    if (text.trim() === '') return template.endsWith(`{${name}}`);
    if (text.trim() === text) return true;
    const among = (quotes: string, c: string | undefined): boolean => c !== undefined && quotes.includes(c);
    const at = [...template.matchAll(new RegExp(`\\{${name}\\}`, 'g'))].map((m) => m.index);
    return at.every((i) => among('"`\'', template[i - 1]) && among('"\'', template[i + name.length + 2]));
  };

  // Every case text and doc example of every check: each message a check reports is one its meta
  // declares, every placeholder of the template has a value, and the text is the template filled in.
  test('every check reports only ids its meta declares, with every value its template names, none of them blank', () => {
    const metas = new Map(ALL_CHECKS.map((c) => [c.meta.code, c.meta]));
    const texts = [
      ...Object.values(ALL_CASES).flatMap((c) => [...c.valid, ...c.invalid].map((x) => ({ text: x.text, options: x.options }))),
      ...ALL_CHECKS.flatMap((c) => [{ text: c.meta.docs.bad, options: undefined }, { text: c.meta.docs.good, options: undefined }]),
    ];
    const problems = new Set<string>();
    const declared = (code: string, messageId: string, data: MessageData): boolean => {
      const messages = metas.get(code)?.messages ?? {};
      if (!Object.hasOwn(messages, messageId)) {
        problems.add(`${code}: reports "${messageId}", which its meta.messages does not declare`);
        return false;
      }
      for (const name of placeholdersOf(messages[messageId])) {
        if (!Object.hasOwn(data, name)) problems.add(`${code}: "${messageId}" names {${name}}, which the report's data lacks`);
        // A blank value leaves a hole in the sentence ("so this  never takes effect"), and blank space
        // at a value's end a double space: a report with nothing to say there needs its own template.
        else if (!fits(messages[messageId], name, data[name])) problems.add(`${code}: "${messageId}" renders {${name}} as ${JSON.stringify(String(data[name]))}`);
      }
      for (const v of Object.values(data)) if (isMessagePart(v)) declared(code, v.messageId, v.data ?? {});
      return true;
    };
    const checkOne = (code: string, m: { message: string; messageId: string; data: MessageData }): void => {
      if (declared(code, m.messageId, m.data)) assert.equal(m.message, renderFrom(metas.get(code)?.messages ?? {}, m.messageId, m.data));
    };
    let seen = 0;
    for (const { text, options } of texts) {
      for (const d of lint(text, options) as Diagnostic[]) {
        checkOne(d.code, d);
        for (const r of d.related) checkOne(d.code, r);
        seen++;
      }
    }
    assert.deepEqual([...problems].sort(), []);
    assert.ok(seen > 500, `${seen} diagnostics seen`);
  });

  test('every template is well formed: placeholders are {word}, and no stray braces', () => {
    for (const c of ALL_CHECKS) {
      for (const [id, template] of Object.entries(c.meta.messages)) {
        assert.match(id, /^[a-z][A-Za-z0-9]*$/, `${c.meta.code}: message id ${id}`);
        assert.doesNotMatch(template.replace(/\{\w+\}/g, ''), /[{}]/, `${c.meta.code}.${id}: ${template}`);
      }
    }
  });
});
