// Holds every rule to the project's bar: a doc page that matches its source, a case table and a
// test, and doc examples that really trigger (bad) and do not trigger (good) the rule.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ALL_CHECKS, lint, renderCheckDoc } from '.';
import type { CheckCases } from '../test-support/cases';
import { ALL_CASES } from '../test-support/all-cases';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SRC = path.join(ROOT, 'server', 'src', 'core');

describe('every rule', () => {
  test('codes are unique kebab-case', () => {
    const codes = ALL_CHECKS.map((r) => r.meta.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const c of codes) assert.match(c, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
  for (const rule of ALL_CHECKS) {
    const code = rule.meta.code;
    describe(code, () => {
      test('has its own source file, a case table and a test beside it', () => {
        for (const suffix of ['.ts', '.cases.ts', '.test.ts']) {
          assert.ok(existsSync(path.join(SRC, 'checks', code + suffix)), `checks/${code}${suffix}`);
        }
        const cases: CheckCases | undefined = ALL_CASES[code];
        assert.ok(cases, 'registered in test-support/all-cases.ts');
        assert.ok(cases.valid.length >= 1 && cases.invalid.length >= 1, 'valid and invalid cases');
      });
      test('docs/rules page is the one generated from the rule (run `npm run docs`)', () => {
        const page = path.join(ROOT, 'docs', 'rules', `${code}.md`);
        assert.ok(existsSync(page), `${page} exists`);
        assert.equal(readFileSync(page, 'utf8'), renderCheckDoc(rule));
      });
      test('the bad example triggers it and the good one does not', () => {
        assert.ok(lint(rule.meta.docs.bad, rule.meta.docs.examplesWith?.options).some((d) => d.code === code), 'bad example is flagged');
        assert.deepEqual(lint(rule.meta.docs.good, rule.meta.docs.examplesWith?.options).filter((d) => d.code === code), [], 'good example is clean');
      });
      test('it is fixable exactly when it offers fixes on its bad example (besides "Disable ... for this line")', () => {
        const found = lint(rule.meta.docs.bad, rule.meta.docs.examplesWith?.options).filter((d) => d.code === code);
        const fixes = found.flatMap((d) => d.fixes).filter((f) => f.title !== `Disable ${code} for this line`);
        assert.equal(fixes.length > 0, rule.meta.fixable);
        assert.ok(found.every((d) => d.fixes.some((f) => f.title === `Disable ${code} for this line`)), 'every diagnostic can be disabled');
      });
      test('its summary, shown on hover over the code, is one sentence', () => {
        assert.match(rule.meta.docs.summary, /^[A-Z`].*[.]$/s);
      });
    });
  }
  test('the README lists every check once, linked to its doc page, with its severity', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| \[`([a-z0-9-]+)`\]\(docs\/rules\/([a-z0-9-]+)\.md\) \| ([a-z]+) \|/gm)];
    const listed = rows.map((m) => m[1]);
    for (const m of rows) assert.equal(m[2], m[1], `${m[1]} links to its own page`);
    assert.deepEqual([...listed].sort(), ALL_CHECKS.map((r) => r.meta.code).sort(), 'every check has one row');
    for (const m of rows) assert.equal(m[3], ALL_CHECKS.find((r) => r.meta.code === m[1])?.meta.severity, `${m[1]}'s severity`);
  });
  test('no stray doc pages for rules that do not exist', () => {
    const pages = readdirSync(path.join(ROOT, 'docs', 'rules')).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
    assert.deepEqual(pages.sort(), ALL_CHECKS.map((r) => r.meta.code).sort());
  });
});

describe('the core stays pure', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
    );
  test('no vscode or node: imports outside tests', () => {
    const offenders: string[] = [];
    for (const f of files(SRC)) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        if (spec.startsWith('vscode') || spec.startsWith('node:') || ['fs', 'path', 'child_process', 'os'].includes(spec)) {
          offenders.push(`${path.relative(ROOT, f)}: ${spec}`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });
});

// The flow through the core runs one way: text → syntax → reach → analysis → lint → checks, and the
// services beside the checks. A folder imports only the folders listed for it (and itself); the
// root's index.ts wires them together. Tests and case tables are exempt: they may import anything.
export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  net: [],
  kb: ['net'],
  syntax: ['net', 'kb'],
  reach: ['net', 'kb', 'syntax'],
  analysis: ['net', 'kb', 'syntax', 'reach'],
  lint: ['net', 'kb', 'syntax', 'reach', 'analysis'],
  checks: ['net', 'kb', 'syntax', 'reach', 'analysis', 'lint'],
  services: ['net', 'kb', 'syntax', 'reach', 'analysis', 'lint'],
};

/** Each import of a production file whose folder may not import the folder it names. */
export function layerViolations(src: string, sources: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of sources) {
    if (f.endsWith('.cases.ts')) continue;
    const from = path.relative(src, f).split(path.sep)[0];
    const allowed = LAYERS[from];
    if (allowed === undefined) continue; // the root's index.ts
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"](\.[^'"]+)['"]/g)) {
      const target = path.relative(src, path.resolve(path.dirname(f), m[1]));
      const to = target.split(path.sep)[0];
      const ok = !target.startsWith('..') && to in LAYERS && (to === from || allowed.includes(to));
      if (!ok) out.push(`${path.relative(src, f)} imports ${target}`);
    }
  }
  return out.sort();
}

describe('the core flows one way', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
    );
  test('no folder imports one above it (or the root index)', () => {
    assert.deepEqual(layerViolations(SRC, sources(SRC)), []);
  });
  test('every folder of the core has a place in the flow', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    assert.deepEqual(folders.filter((d) => !(d in LAYERS)), []);
  });
});

// A check is read on its own: what several checks share lives below them (lint/fixes.ts, lint/ssh.ts,
// reach/, kb/), never in one check that the others import. Only the registry (index.ts) imports them.
describe('checks stand alone', () => {
  test('no check imports another check', () => {
    const dir = path.join(SRC, 'checks');
    const offenders: string[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && !n.endsWith('.cases.ts') && n !== 'index.ts' && n !== 'all-cases.ts')) {
      for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"](\.\/[^'"]+)['"]/g)) offenders.push(`checks/${f} imports ${m[1]}`);
    }
    assert.deepEqual(offenders, []);
  });
});
