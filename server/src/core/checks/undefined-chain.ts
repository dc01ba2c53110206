import { findingCheck } from '../lint/finding-check';
import { passFindings } from '../analysis/block-pass';
import { CHAIN_MESSAGES } from '../analysis/chains';
import { declareChainFix } from '../lint/fixes';

export const undefinedChain = findingCheck(
  {
    code: 'undefined-chain',
    severity: 'error',
    scope: 'line',
    title: 'Chain or target that does not exist',
    messages: CHAIN_MESSAGES['undefined-chain'],
    fixable: true,
    docs: {
      summary: 'A rule appended to, or jumping to, a chain that the table block never declares.',
      why: [
        'A user chain exists only once its block declares it with `:NAME - [0:0]` (or `-N NAME`). `-j NAME` to',
        'anything else is neither a target nor a chain: iptables-nft-restore stops with `Chain \'NAME\' does not',
        'exist` and legacy with ``Couldn\'t load target `NAME\'``. Target names are case-sensitive, so `-j accept`',
        'is such a jump.',
      ].join('\n'),
      bad: '*filter\n-A INPUT -p tcp --dport 22 -j SSH\nCOMMIT\n',
      good: '*filter\n:SSH - [0:0]\n-A INPUT -p tcp --dport 22 -j SSH\nCOMMIT\n',
      fix: 'Declare the chain at the top of the block (the quick fix adds `:NAME - [0:0]` after the other chain lines), or correct the name.',
    },
  },
  (file) => passFindings(file, 'undefined-chain'),
  (f, ctx) => {
    const block = ctx.file.lines[f.line]?.block;
    return block && f.subject ? [declareChainFix(ctx.file, block, f.subject)] : [];
  },
);
