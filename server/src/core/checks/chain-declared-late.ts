import { insertLinesAfter } from '../lint/edits';
import { findingCheck } from '../lint/finding-check';
import { passFindings } from '../analysis/block-pass';
import { CHAIN_MESSAGES } from '../analysis/chains';
import { declarationAnchor } from '../lint/fixes';

export const chainDeclaredLate = findingCheck(
  {
    code: 'chain-declared-late',
    severity: 'error',
    title: 'Chain used before it is declared',
    messages: CHAIN_MESSAGES['chain-declared-late'],
    fixable: true,
    safeFix: true,
    docs: {
      summary: 'A rule that uses a chain whose `:NAME` line comes later in the block.',
      why: [
        'iptables-restore reads the block from the top. iptables-legacy-restore stops at the first rule that',
        'names a chain not declared yet; iptables-nft-restore passes `--test` but fails on the real load.',
      ].join('\n'),
      bad: '*filter\n-A INPUT -j LOGDROP\n:LOGDROP - [0:0]\n-A LOGDROP -j DROP\nCOMMIT\n',
      good: '*filter\n:LOGDROP - [0:0]\n-A INPUT -j LOGDROP\n-A LOGDROP -j DROP\nCOMMIT\n',
      fix: 'Keep every `:chain` line at the top of its block. The quick fix moves the declaration there.',
    },
  },
  (file) => passFindings(file, 'chain-declared-late'),
  (f, ctx) => {
    const decl = f.related ? ctx.file.lines[f.related.line] : undefined;
    const block = ctx.file.lines[f.line]?.block;
    if (!decl || !block || decl.kind !== 'chain') return [];
    const anchor = declarationAnchor(block);
    return [{
      title: `Move ":${f.subject}" to the top of the block`,
      isPreferred: true,
      edits: [
        insertLinesAfter(ctx.file, anchor, [decl.text]),
        { range: { start: { line: decl.index, character: 0 }, end: { line: decl.index + 1, character: 0 } }, newText: '' },
      ],
    }];
  },
);
