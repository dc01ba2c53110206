// The CLI and the LSP layer are two front ends on the same parts: each may import config/, io/ and
// core/, and neither imports the other (nor do config/ and io/ import either). Beside the core's own
// flow test (core/meta.test.ts), this one holds the folders around the core.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

const SRC = path.resolve(__dirname, '..', '..', 'src');

/** The parts of server/src, and the parts each may import (besides itself). */
export const PARTS: Readonly<Record<string, readonly string[]>> = {
  core: [],
  io: [],
  config: ['core', 'io'],
  cli: ['core', 'io', 'config'],
  lsp: ['core', 'io', 'config'],
};

/** The part a file of server/src belongs to: its folder, and for the entry points the part they start. */
export function partOf(relative: string): string | undefined {
  if (relative === 'cli.ts') return 'cli';
  if (relative === 'server.ts') return 'lsp';
  const top = relative.split(/[\\/]/)[0];
  return top in PARTS ? top : undefined;
}

/** Each import in `files` (paths under `src`) that goes from one part to a part it may not import. */
export function partViolations(src: string, files: readonly string[], read: (file: string) => string = (f) => readFileSync(f, 'utf8')): string[] {
  const out: string[] = [];
  for (const f of files) {
    const from = partOf(path.relative(src, f));
    if (!from) continue;
    for (const m of read(f).matchAll(/(?:from\s+|import\s*\(?\s*|require\(\s*)['"](\.[^'"]+)['"]/g)) {
      const target = path.relative(src, path.resolve(path.dirname(f), m[1]));
      const to = target.startsWith('..') ? undefined : partOf(target.endsWith('.ts') ? target : `${target}.ts`) ?? partOf(target);
      if (to && to !== from && !PARTS[from].includes(to)) out.push(`${path.relative(src, f)} (${from}) imports ${target} (${to})`);
    }
  }
  return out.sort();
}

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));

describe('the CLI and the LSP layer share config/, io/ and core/, and neither imports the other', () => {
  test('no part imports one it may not', () => {
    assert.deepEqual(partViolations(SRC, sources(SRC)), []);
  });
  test('the test sees such an import', () => {
    const files = [path.join(SRC, 'cli.ts'), path.join(SRC, 'cli', 'x.ts'), path.join(SRC, 'lsp', 'y.ts'), path.join(SRC, 'server.ts'), path.join(SRC, 'config', 'z.ts')];
    const text: Record<string, string> = {
      'cli.ts': "import { startServer } from './lsp/server';",
      'x.ts': "import { a } from '../lsp/context';\nimport { b } from '../config/settings';",
      'y.ts': "import { c } from '../cli/args';\nconst d = require('../cli');",
      'server.ts': "import { e } from './cli/output';\nimport './cli/fix';\nexport * from './lsp/server';",
      'z.ts': "import type { f } from '../lsp/documents';\nimport { g } from '../io/read';",
    };
    assert.deepEqual(partViolations(SRC, files, (f) => text[path.basename(f)]), [
      'cli.ts (cli) imports lsp/server (lsp)',
      'cli/x.ts (cli) imports lsp/context (lsp)',
      'config/z.ts (config) imports lsp/documents (lsp)',
      'lsp/y.ts (lsp) imports cli (cli)',
      'lsp/y.ts (lsp) imports cli/args (cli)',
      'server.ts (lsp) imports cli/fix (cli)',
      'server.ts (lsp) imports cli/output (cli)',
    ]);
  });
});
