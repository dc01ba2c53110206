import type { MessagePart } from './diagnostic';
import type { TableModel } from '../syntax/ruleset';

/** How a message names what decided: a check that uses `decidedBy` spreads these into its `meta.messages`. */
export const DECIDED_BY_MESSAGES = {
  byChain: 'the {chain} chain',
  byPolicy: 'the {chain} policy {policy} (line {at})',
  byRule: 'the rule on line {at}',
} as const;

/** What decided in `chain`: its policy's line, a rule's line, or (no line) the chain as a whole. */
export function decidedBy(table: TableModel, chain: string, lineIndex: number): MessagePart {
  const policy = table.chains.get(chain)?.policy;
  if (lineIndex < 0) return { messageId: 'byChain', data: { chain } };
  if (policy && policy.line.index === lineIndex) return { messageId: 'byPolicy', data: { chain, policy: policy.value, at: { line: lineIndex } } };
  return { messageId: 'byRule', data: { at: { line: lineIndex } } };
}
