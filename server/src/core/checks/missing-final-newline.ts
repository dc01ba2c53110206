import type { Check } from '../lint/check';
import { spanRange } from '../lint/edits';

export const missingFinalNewline: Check = {
  meta: {
    code: 'missing-final-newline',
    severity: 'warning',
    title: 'No newline after the last COMMIT',
    fixable: true,
    safeFix: true,
    messages: {
      noNewline: 'The file does not end with a newline after COMMIT: iptables-nft-restore accepts it, but iptables-legacy-restore stops with "Bad argument `COMMIT\'".',
    },
    docs: {
      summary: 'A file whose last line, the final `COMMIT`, does not end with a newline.',
      why: [
        'iptables-nft-restore accepts it, but iptables-legacy-restore, which older systems and some distributions',
        'still use, stops with ``Bad argument `COMMIT\'`` and loads nothing of the last table.',
      ].join('\n'),
      bad: '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT',
      good: '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n',
      fix: 'End the file with a newline; the quick fix adds it. In VS Code, `files.insertFinalNewline` does it on save.',
    },
  },
  file(ctx) {
    const { file } = ctx;
    if (file.endsWithNewline || file.lines.length === 0) return;
    const last = file.lines[file.lines.length - 1];
    if (last.kind !== 'commit') return;
    const end = last.text.length + (last.cr ? 1 : 0);
    ctx.report({
      range: spanRange(last.index, 0, last.text.length),
      messageId: 'noNewline',
      fixes: [{ title: 'Add a newline at the end', isPreferred: true, edits: [{ range: spanRange(last.index, end, end), newText: '\n' }] }],
    });
  },
};
