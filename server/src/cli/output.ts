// What the CLI prints. File names and messages carry text from files and folders nobody vetted, so
// nothing from them reaches a terminal or a log raw: a newline in a file name cannot start a forged
// diagnostic line, and an escape sequence in a rule cannot drive the terminal.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_CHECKS, docUrl, REPOSITORY_URL, type Diagnostic } from '../core';
import type { Format } from './args';

export interface FileResult {
  file: string;
  /** How the file is named in the output: as given, or `<stdin>`. */
  shown: string;
  diagnostics: Diagnostic[];
  fixed: boolean;
  /** Why the file was not read, or not fixed: one line. */
  error?: string;
}

// C0 and C1 controls, DEL, the bidirectional controls that reorder what a terminal shows, and the
// lone surrogates that stand for bytes that are not UTF-8 (core/edits.ts).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|(?<![\ud800-\udbff])[\udc80-\udcff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text safe to print: every control character spelled out (`\n`, `\x1b`, `\u202e`), a byte that is not UTF-8 as `\xe9`. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    if (NAMED[c]) return NAMED[c];
    if (code >= 0xdc80 && code <= 0xdcff) return `\\x${(code - 0xdc00).toString(16)}`;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// JSON escapes C0 controls and lone surrogates itself; these it would print as they are.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** JSON with no character a terminal acts on: the same value, those characters as `\uXXXX`. */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const COLOURS: Record<string, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[36m' };

export function formatText(file: string, d: Diagnostic, colour = false): string {
  const where = `${printable(file)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
  const message = printable(d.message);
  if (!colour) return `${where}: ${d.severity}: ${message} [${d.code}]`;
  return `\x1b[1m${where}\x1b[0m: ${COLOURS[d.severity]}${d.severity}\x1b[0m: ${message} \x1b[2m[${d.code}]\x1b[0m`;
}

function github(results: FileResult[]): string {
  const esc = (s: string): string => printable(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
  const prop = (s: string): string => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const kind: Record<string, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };
  const out: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const s = d.range.start;
      const e = d.range.end;
      out.push(`::${kind[d.severity]} file=${prop(r.shown)},line=${s.line + 1},col=${s.character + 1},endLine=${e.line + 1},endColumn=${e.character + 1},title=${prop(d.code)}::${esc(d.message)}\n`);
    }
  }
  return out.join('');
}

function json(results: FileResult[]): string {
  const files = results.map((r) => ({
    file: r.shown,
    fixed: r.fixed,
    ...(r.error ? { error: r.error } : {}),
    diagnostics: r.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      fixes: d.fixes.map((f) => ({ title: f.title, preferred: f.isPreferred, edits: f.edits })),
    })),
  }));
  return safeJson({ version: 1, files }, 2) + '\n';
}

/** Everything a run found, in `format`. */
export function render(results: FileResult[], format: Format, colour: boolean): string {
  if (format === 'text') return results.flatMap((r) => r.diagnostics.map((d) => formatText(r.shown, d, colour) + '\n')).join('');
  if (format === 'github') return github(results);
  if (format === 'json') return json(results);
  return safeJson(sarif(results), 2) + '\n';
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const SRCROOT = '%SRCROOT%';

/** A file's SARIF address: relative to the current folder, each segment percent-encoded. */
export function sarifUri(shown: string, cwd = process.cwd()): string {
  if (shown === '<stdin>') return 'stdin';
  const rel = path.relative(cwd, path.resolve(cwd, shown));
  return rel.split(path.sep).map((seg) => (seg === '..' ? seg : encodeURIComponent(seg))).join('/');
}

/** SARIF 2.1.0: every check with its published doc page, every problem with its location and fixes. */
export function sarif(results: FileResult[]): object {
  const rules = ALL_CHECKS.map((r) => ({
    id: r.meta.code,
    name: r.meta.code.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.meta.title },
    fullDescription: { text: r.meta.docs.summary },
    helpUri: docUrl(r.meta.code),
    help: { text: `${r.meta.docs.summary} ${r.meta.docs.fix}` },
    defaultConfiguration: { level: SARIF_LEVEL[r.meta.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const location = (shown: string): object => (shown === '<stdin>' ? { uri: 'stdin' } : { uri: sarifUri(shown), uriBaseId: SRCROOT });
  const region = (r: Diagnostic['range']): object => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'firewall-lint', informationUri: REPOSITORY_URL, version: '0.1.0', rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(process.cwd() + path.sep).href } },
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: index.get(d.code),
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [{ physicalLocation: { artifactLocation: location(r.shown), region: region(d.range) } }],
            fixes: d.fixes
              .filter((f) => f.isPreferred)
              .map((f) => ({
                description: { text: f.title },
                artifactChanges: [{ artifactLocation: location(r.shown), replacements: f.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })) }],
              })),
          })),
        ),
      },
    ],
  };
}
