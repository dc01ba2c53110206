import { lineRange, spanRange } from '../lint/edits';
import type { Check } from '../lint/check';

export const duplicateTable: Check = {
  meta: {
    code: 'duplicate-table',
    severity: 'warning',
    title: 'Table given twice',
    fixable: false,
    messages: {
      secondBlock: 'A second *{table} block: when it is committed it replaces the whole {table} table, so every rule of the block at line {first} is thrown away. Merge the two blocks.',
      firstBlock: 'first *{table} block',
    },
    docs: {
      summary: 'A second `*table` block for a table that an earlier block already filled.',
      why: [
        'Each block replaces the whole table when its COMMIT is reached; blocks do not add up. A second `*filter`',
        'block, pasted at the end with `:INPUT DROP`, wipes every rule of the first one, and the admin is locked',
        'out although each block looks right on its own.',
      ].join('\n'),
      bad: '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n*filter\n:INPUT DROP [0:0]\nCOMMIT\n',
      good: '*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      fix: 'Merge the blocks into one.',
    },
  },
  file(ctx) {
    const first = new Map<string, number>();
    for (const block of ctx.file.blocks) {
      const at = first.get(block.name);
      if (at === undefined) {
        first.set(block.name, block.header.index);
        continue;
      }
      ctx.report({
        range: lineRange(block.header),
        messageId: 'secondBlock',
        data: { table: block.name, first: { line: at } },
        related: [{ range: spanRange(at, 0, ctx.file.lines[at].text.length), messageId: 'firstBlock', data: { table: block.name } }],
      });
    }
  },
};
