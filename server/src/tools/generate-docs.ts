// Writes docs/rules/<code>.md from each rule's own documentation (`npm run docs`).
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_CHECKS, renderCheckDoc } from '../core';

export const DOCS_DIR = path.resolve(__dirname, '..', '..', '..', 'docs', 'rules');

if (require.main === module) {
  mkdirSync(DOCS_DIR, { recursive: true });
  for (const rule of ALL_CHECKS) {
    writeFileSync(path.join(DOCS_DIR, `${rule.meta.code}.md`), renderCheckDoc(rule));
  }
  console.log(`docs: wrote ${ALL_CHECKS.length} pages to ${path.relative(process.cwd(), DOCS_DIR) || '.'}`);
}
