// No function, method, arrow function or class in production code runs over 120 lines (issue 18). A
// class counts as a whole, so a class used as one big function with its state in fields is held to the
// same bar as the function it stands for. Tests and case tables are exempt.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

export const MAX_LINES = 120;
const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIRS = ['server/src', 'client/src'];

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    const prod = e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.cases.ts');
    return prod ? [p] : [];
  });

export interface Measured {
  readonly where: string;
  readonly name: string;
  readonly lines: number;
}

function nameOf(node: ts.Node, sf: ts.SourceFile): string {
  const named = node as { name?: ts.Node };
  if (named.name && !ts.isComputedPropertyName(named.name)) return named.name.getText(sf);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) {
    return parent.name.getText(sf);
  }
  return ts.isClassLike(node) ? '(class)' : '(anonymous)';
}

/** Every function-like node and class in one file, with its length in lines (first to last, inclusive). */
export function measure(file: string, text: string): Measured[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Measured[] = [];
  const visit = (node: ts.Node): void => {
    const body = ts.isFunctionLike(node) ? (node as ts.FunctionLikeDeclaration).body : undefined;
    if (body !== undefined || ts.isClassLike(node)) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ where: `${path.relative(ROOT, file)}:${first + 1}`, name: nameOf(node, sf), lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

test(`no function, method or class in server/src or client/src over ${MAX_LINES} lines`, () => {
  const all = DIRS.flatMap((d) => sources(path.join(ROOT, d))).flatMap((f) => measure(f, readFileSync(f, 'utf8')));
  all.sort((a, b) => b.lines - a.lines);
  const top = all.slice(0, 10).map((m) => `${String(m.lines).padStart(5)}  ${m.name}  ${m.where}`);
  console.log(`longest functions and classes:\n${top.join('\n')}`);
  const over = all.filter((m) => m.lines > MAX_LINES).map((m) => `${m.name} (${m.lines} lines) at ${m.where}`);
  assert.deepEqual(over, []);
});

test('the measure counts a class as a whole and a function from its first to its last line', () => {
  const text = 'class A {\n  f() {\n    return 1;\n  }\n}\nconst g = () => {\n  return 2;\n};\n';
  const got = measure(path.join(ROOT, 'x.ts'), text).map((m) => `${m.name}:${m.lines}`);
  assert.deepEqual(got, ['A:5', 'f:3', 'g:3']);
});
