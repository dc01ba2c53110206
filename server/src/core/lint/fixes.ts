// Edits shared by several checks' quick fixes.
import type { Fix, TextEdit } from './diagnostic';
import { insertLinesAfter, insertLinesBefore, spanRange } from './edits';
import type { ParsedFile, RuleLine, TableBlock } from '../syntax/model';
import type { TableModel } from '../syntax/ruleset';

/** Inserts `text` into a line at a character offset. */
export function insertAt(line: number, character: number, text: string): TextEdit {
  return { range: spanRange(line, character, character), newText: text };
}

/** Where a new rule-level option goes: right after `-A CHAIN`. */
export function afterChain(line: RuleLine): number {
  const c = line.rule.command;
  return c ? (c.chain ?? c.flag).end : 0;
}

/** The last `:CHAIN` line at the top of a block (or its header): where new declarations go. */
export function declarationAnchor(block: TableBlock): number {
  let at = block.header.index;
  for (const l of block.lines) {
    if (l.kind === 'chain') at = l.index;
    else if (l.kind === 'rule') break;
  }
  return at;
}

export function declareChainFix(file: ParsedFile, block: TableBlock, name: string): Fix {
  return { title: `Declare chain ${name} (:${name} - [0:0])`, isPreferred: true, edits: [insertLinesAfter(file, declarationAnchor(block), [`:${name} - [0:0]`])] };
}

export function ruleLine(file: ParsedFile, index: number): RuleLine | undefined {
  const l = file.lines[index];
  return l && l.kind === 'rule' ? l : undefined;
}

/** Puts `lines` first in a chain: above its first rule, or after `emptyAnchor` when it has none. */
export function atTopOfChain(file: ParsedFile, table: TableModel, chain: string, lines: string[], emptyAnchor: number): TextEdit {
  const first = table.chains.get(chain)?.rules[0];
  return first ? insertLinesBefore(file, first.index, lines) : insertLinesAfter(file, emptyAnchor, lines);
}
