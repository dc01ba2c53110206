import type { Family } from './kb/forms';
import type { Line, ParsedFile, RuleLine, TableBlock, Token } from './model';
import { parseRuleTokens } from './rule-parser';
import { splitWords, tokenize, type SharedWords } from './tokenize';

/**
 * Reads a file with iptables-restore's line model. It never throws: whatever the text, every line
 * gets a kind, and a line outside any table keeps `block` undefined (iptables fails there).
 */
export function parse(text: string, family: Family = 'ipv4'): ParsedFile {
  const lines: Line[] = [];
  const blocks: TableBlock[] = [];
  let block: TableBlock | undefined;
  const words: SharedWords = new Map();
  const byMatch = new Map<string, RuleLine[]>();
  const byTarget = new Map<string, RuleLine[]>();
  let pos = 0;
  let index = 0;
  const length = text.length;

  while (pos < length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = length;
    let raw = text.slice(pos, nl);
    const cr = raw.endsWith('\r');
    if (cr) raw = raw.slice(0, -1);
    const line = readLine(raw, index, cr, block, family, words);
    if (line.kind === 'table') {
      if (block) block.interruptedBy = line;
      block = { name: line.name?.value ?? '', header: line, commit: undefined, interruptedBy: undefined, lines: [] };
      line.block = block;
      blocks.push(block);
    } else if (line.kind === 'commit' && block) {
      block.commit = line;
      block.lines.push(line);
      block = undefined;
    }
    if (line.block && line.kind !== 'commit') line.block.lines.push(line);
    if (line.kind === 'rule') {
      for (const m of line.rule.matches) file(byMatch, m.module, line);
      const target = line.rule.target?.name?.value;
      if (target) file(byTarget, target, line);
    }
    lines.push(line);
    index++;
    pos = nl + 1;
  }
  return { lines, blocks, lineCount: index, endsWithNewline: length > 0 && text[length - 1] === '\n', family, byMatch, byTarget };
}

function file(map: Map<string, RuleLine[]>, key: string, line: RuleLine): void {
  const list = map.get(key);
  if (!list) map.set(key, [line]);
  else if (list[list.length - 1] !== line) list.push(line);
}

function readLine(text: string, index: number, cr: boolean, block: TableBlock | undefined, family: Family, words: SharedWords): Line {
  if (text.length === 0) return { kind: 'blank', index, text, cr, block };
  const first = text.charCodeAt(0);
  if (first === HASH) return { kind: 'comment', index, text, cr, block };
  if (text === 'COMMIT') return { kind: 'commit', index, text, cr, block };
  if (first === STAR) return { kind: 'table', index, text, cr, block: undefined, name: splitWords(text, 1)[0] };
  if (first === COLON) {
    const [name, policy, counters] = splitWords(text, 1);
    return { kind: 'chain', index, text, cr, block, name, policy, counters };
  }
  let counters: Token | undefined;
  let from = 0;
  if (first === BRACKET) {
    const close = text.indexOf(']');
    if (close > 0) {
      counters = { text: text.slice(0, close + 1), value: text.slice(1, close), start: 0, end: close + 1, quoted: false };
      from = close + 1;
    }
  }
  const tokens = tokenize(text, from, words);
  return { kind: 'rule', index, text, cr, block, counters, tokens, rule: parseRuleTokens(tokens, family) };
}

const HASH = 35;
const STAR = 42;
const COLON = 58;
const BRACKET = 91;

/** Whether a line is one iptables-restore acts on (anything but blank lines and comments). */
export function isStatement(line: Line): boolean {
  return line.kind !== 'blank' && line.kind !== 'comment';
}
