import type { MessagePart } from '../lint/diagnostic';
import { insertLinesAfter, lineRange } from '../lint/edits';
import type { RuleLine, TableBlock } from '../syntax/model';
import { isStatement } from '../syntax/parser';
import type { Check, CheckContext } from '../lint/check';
import { tokensOf } from '../syntax/rule-text';

/** A line meant as COMMIT that iptables-restore reads as a rule: other case, or blanks around it. */
function nearCommit(block: TableBlock): RuleLine | undefined {
  for (const line of block.lines) {
    if (line.kind === 'rule' && line.text.trim().toUpperCase() === 'COMMIT') return line;
  }
  return undefined;
}

export const missingCommit: Check = {
  meta: {
    code: 'missing-commit',
    severity: 'error',
    title: 'Table never committed',
    fixable: true,
    safeFix: true,
    messages: {
      misspelt: 'The {table} table is not committed: iptables-restore reads "{text}" as a rule, not as COMMIT, and stops with "Bad argument `{word}\'" at line {at}. Write COMMIT in capitals with nothing else on the line.',
      interrupted: 'The {table} table opened here is never committed: iptables-restore reads line {at} ("{text}") as a rule and stops with "Bad argument `{word}\'". Add COMMIT before it.',
      unterminated: 'The {table} table opened here is never committed: iptables-restore stops with "COMMIT expected at line {at}" and loads nothing from it. Add COMMIT at its end.',
    },
    docs: {
      summary: 'A `*table` block that has no `COMMIT` line before the next table or the end of the file.',
      why: [
        'iptables-restore loads a table only when it reaches that table\'s `COMMIT` line. If the file ends first,',
        'it fails with `iptables-restore: COMMIT expected at line N` and loads nothing from the block. If',
        'another `*table` line comes first, it reads that line as a rule and fails with ``Bad argument `*nat\'``.',
        '',
        'Tables are loaded one by one, so when a later table is the one left open, the earlier ones are',
        'already live: the load fails halfway.',
      ].join('\n'),
      bad: [
        '*filter',
        ':INPUT DROP [0:0]',
        ':FORWARD DROP [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -i lo -j ACCEPT',
        '-A INPUT -p tcp --dport 22 -j ACCEPT',
        '',
      ].join('\n'),
      good: [
        '*filter',
        ':INPUT DROP [0:0]',
        ':FORWARD DROP [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -i lo -j ACCEPT',
        '-A INPUT -p tcp --dport 22 -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n'),
      fix: [
        'End every table with a line that holds exactly `COMMIT`: upper case, with nothing else on the line.',
        'The quick fix inserts it after the table\'s last rule. When a `commit` was typed in the wrong case or',
        'with blanks around it, the fix rewrites that line instead.',
      ].join('\n'),
    },
  },
  file(ctx: CheckContext) {
    const { file } = ctx;
    for (const block of file.blocks) {
      if (block.commit) continue;
      const table = `*${block.name}`;
      const near = nearCommit(block);
      if (near) {
        ctx.report({
          range: lineRange(near),
          messageId: 'misspelt',
          data: { table, text: near.text, word: tokensOf(near)[0]?.value ?? near.text, at: { line: near.index } },
          fixes: [{ title: 'Replace with COMMIT', isPreferred: true, edits: [{ range: lineRange(near), newText: 'COMMIT' }] }],
        });
        continue;
      }
      const statements = block.lines.filter(isStatement);
      const last = statements.length ? statements[statements.length - 1] : block.header;
      const fixes = [{ title: `Add COMMIT at the end of ${table}`, isPreferred: true, edits: [insertLinesAfter(file, last.index, ['COMMIT'])] }];
      const next = block.interruptedBy;
      const found: MessagePart = next
        ? { messageId: 'interrupted', data: { table, at: { line: next.index }, text: next.text.trim(), word: next.text.trim().split(/\s+/)[0] } }
        : { messageId: 'unterminated', data: { table, at: { line: file.lineCount } } };
      ctx.report({ range: lineRange(block.header), ...found, fixes });
    }
  },
};
