import { findingCheck } from '../lint/finding-check';
import { passFindings } from '../analysis/block-pass';
import { CHAIN_MESSAGES } from '../analysis/chains';
import type { Finding } from '../analysis/finding';
import { declareChainFix } from '../lint/fixes';
import type { CheckContext } from '../lint/check';
import type { MessageData, MessagePart } from '../lint/diagnostic';
import { detectBackend } from '../syntax/backend';

/** The findings whose message names a target iptables cannot load: what the loader says depends on the back end. */
const NO_SUCH_TARGET = new Set(['targetCase', 'otherFamilyTarget', 'undeclaredTarget']);

/**
 * The phrase that says where the loader stops: legacy names the rule, nft the block's COMMIT; when
 * the back end is unknown, both. (The diagnostic stays on the rule.)
 */
function withStops(f: Finding, ctx: CheckContext): MessageData {
  if (!NO_SUCH_TARGET.has(f.messageId)) return f.data;
  const backend = detectBackend(ctx.text, ctx.options.backend);
  const commit = ctx.file.lines[f.line]?.block?.commit?.index;
  const target = f.data?.target ?? '';
  const stops: MessagePart = backend === 'legacy' ? { messageId: 'stopsLegacy', data: { target } }
    : commit === undefined ? { messageId: 'stopsUncommitted', data: { target } }
    : { messageId: backend === 'nft' ? 'stopsNft' : 'stopsBoth', data: { target, commit: { line: commit } } };
  return { ...f.data, stops };
}

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
        '',
        'The two back ends name different lines: iptables-legacy-restore stops at the rule, iptables-nft-restore',
        '(on a real load; its `--test` passes the file) at the block\'s `COMMIT`. The message follows',
        '`firewallRules.backend`, and says both when the back end is unknown.',
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
  withStops,
);
