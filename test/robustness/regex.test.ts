// No regular expression in the core may backtrack catastrophically. Every regex literal and
// `new RegExp("...")` of server/src/core is collected with the TypeScript parser, checked with
// safe-regex2 (star height), and run on long adversarial strings.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import safeRegex from 'safe-regex2';
import * as ts from 'typescript';
import { ROOT } from 'firewall-rules-server/build/test-support/paths';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [p] : [];
  });
}

function regexesOf(file: string): Array<{ where: string; re: RegExp }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Array<{ where: string; re: RegExp }> = [];
  const visit = (node: ts.Node): void => {
    const where = `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    if (ts.isRegularExpressionLiteral(node)) {
      const text = node.text;
      const slash = text.lastIndexOf('/');
      out.push({ where, re: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp' && node.arguments?.[0] && ts.isStringLiteral(node.arguments[0])) {
      out.push({ where, re: new RegExp(node.arguments[0].text) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

const ATTACKS = ['a', '1', '.', ':', ' ', '-', '!', '"', '\\', ',', '/', 'aa:', '1.', '-a', '0/'].map((unit) => unit.repeat(20000) + '\u0000!');

test('every regular expression in the core is safe and fast on long hostile input', { timeout: 120000 }, () => {
  const all = sources(path.join(ROOT, 'server', 'src', 'core')).flatMap(regexesOf);
  assert.ok(all.length > 50, `found ${all.length} regular expressions`);
  for (const { where, re } of all) {
    assert.ok(safeRegex(re), `${where}: ${re} may backtrack catastrophically`);
    for (const s of ATTACKS) {
      re.lastIndex = 0;
      re.test(s);
    }
  }
  console.log(`regex: ${all.length} regular expressions checked with safe-regex2 and ${ATTACKS.length} hostile strings of 20,000 characters`);
});
