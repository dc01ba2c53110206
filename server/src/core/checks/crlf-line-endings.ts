import type { TextEdit } from '../lint/diagnostic';
import { lineRange, spanRange } from '../lint/edits';
import type { Check, CheckContext } from '../lint/check';

export const crlfLineEndings: Check = {
  meta: {
    code: 'crlf-line-endings',
    severity: 'error',
    title: 'Windows line endings',
    fixable: true,
    safeFix: true,
    messages: {
      crlf: 'This file has Windows line endings (CRLF) on {count} {lines}: iptables-restore keeps the invisible carriage return as part of each line and stops with an error at line {at}. Save it with LF line endings.',
      crlfAtTable: 'This file has Windows line endings (CRLF) on {count} {lines}: iptables-restore keeps the invisible carriage return as part of each line and stops with "line {at} table name \'{table}\' invalid". Save it with LF line endings.',
    },
    docs: {
      summary: 'Lines that end in CRLF (`\\r\\n`), as editors on Windows save them.',
      why: [
        'iptables-restore splits lines at `\\n` only. The carriage return before it stays part of the line, so',
        '`*filter` is read as a table called `filter\\r`, and `ACCEPT` as a target called `ACCEPT\\r`. The',
        'character is invisible in most editors, and the load fails with a message that makes no sense at',
        'first sight: `line 1 table name \'filter\' invalid` (nft) or `unable to initialize table \'filter\'`',
        '(legacy).',
      ].join('\n'),
      bad: '*filter\r\n:INPUT ACCEPT [0:0]\r\nCOMMIT\r\n',
      good: '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n',
      fix: [
        'Save the file with LF line endings: in VS Code, click `CRLF` in the status bar and pick `LF`, or run',
        '`sed -i \'s/\\r$//\' FILE`. The quick fix removes every carriage return.',
      ].join('\n'),
    },
  },
  file(ctx: CheckContext) {
    if (ctx.file.crLines === 0) return;
    const crLines = ctx.file.lines.filter((l) => l.cr);
    if (crLines.length === 0) return;
    const first = crLines[0];
    const table = crLines.find((l) => l.kind === 'table');
    const edits: TextEdit[] = crLines.map((l) => ({ range: spanRange(l.index, l.text.length, l.text.length + 1), newText: '' }));
    ctx.report({
      range: lineRange(first),
      ...(table
        ? { messageId: 'crlfAtTable', data: { count: crLines.length, lines: crLines.length > 1 ? 'lines' : 'line', at: { line: table.index }, table: table.name?.value ?? '' } }
        : { messageId: 'crlf', data: { count: crLines.length, lines: crLines.length > 1 ? 'lines' : 'line', at: { line: first.index } } }),
      fixes: [{ title: 'Convert to LF line endings', isPreferred: true, edits }],
    });
  },
};
