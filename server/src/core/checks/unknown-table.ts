import type { Finding } from '../analysis/finding';
import { knownTable } from '../analysis/rule-problems';
import { findingCheck } from '../lint/finding-check';
import { TABLE_NAMES, tableList } from '../kb/tables';
import type { ParsedFile } from '../syntax/model';

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/** The `*NAME` lines of tables iptables does not have (a header in `\r\n` is crlf-line-endings' to report). */
function unknownTables(file: ParsedFile): Finding[] {
  const out: Finding[] = [];
  for (const block of file.blocks) {
    const header = block.header;
    if (knownTable(block) || header.cr) continue;
    const table = block.name;
    const name = header.name;
    out.push({
      code: 'unknown-table', line: header.index, start: name?.start ?? 0, end: name?.end ?? header.text.length, subject: table,
      messageId: 'unknownTable', data: { table, line: { line: header.index } },
    });
  }
  return out;
}

export const unknownTable = findingCheck(
  {
    code: 'unknown-table',
    severity: 'error',
    title: 'Table that does not exist',
    messages: {
      unknownTable: `There is no table "{table}": iptables-restore stops with "line {line} table name '{table}' invalid". The tables are ${tableList('and')}.`,
    },
    fixable: true,
    docs: {
      summary: `A \`*NAME\` line naming something other than ${tableList('or')}.`,
      why: 'iptables-restore stops at the header: `line 1 table name \'filtre\' invalid` (nft) or `unable to initialize table \'filtre\'` (legacy). Table names are lowercase.',
      bad: '*filtre\n:INPUT ACCEPT [0:0]\nCOMMIT\n',
      good: '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n',
      fix: 'Correct the name; the quick fix picks the closest table name.',
    },
  },
  unknownTables,
  (f) => {
    const name = f.subject ?? '';
    const best = TABLE_NAMES.map((t) => ({ t, d: distance(name.toLowerCase(), t) })).sort((a, b) => a.d - b.d)[0];
    if (!best || best.d > 2) return [];
    return [{ title: `Change to *${best.t}`, isPreferred: true, edits: [{ range: { start: { line: f.line, character: f.start }, end: { line: f.line, character: f.end } }, newText: best.t }] }];
  },
);
