import type { Family } from '../kb/forms';
import type { Line, ParsedFile, RuleLine, TableBlock, Token } from './model';
import { parseRuleTokens, type SharedParts } from './rule-parser';
import { fromTemplate, newRuleTemplates, rememberTemplate, type RuleTemplates } from './rule-templates';
import { fillScratch, newSharedWords, scan, scanLine, scratch, splitWords, type SharedWords } from './tokenize';
import { DEFAULT_CHOICE, type VersionChoice } from './version';
import type { IptablesVersion } from '../kb/releases';

/**
 * What a caller asks of each rule line as the parse goes. A 100,000-rule file does not fit in the
 * processor's caches: a later pass over the rules waits on memory for each one, while here the
 * rule's objects were just made (see analysis/rule-facts.ts, which passes both).
 */
export interface ParseHooks {
  /** Each rule line read anew (not one kept from `previous`), right after it is read. */
  readonly ruleRead?: (line: RuleLine, family: Family) => void;
  /** Each rule line of the result, read anew or kept from `previous`, in file order: to index the file. */
  readonly ruleIndexed?: (line: RuleLine) => void;
}

/**
 * Reads a file with iptables-restore's line model. It never throws: whatever the text, every line
 * gets a kind, and a line outside any table keeps `block` undefined (iptables fails there).
 *
 * With `previous` (an earlier parse of the same document), lines that stand unchanged at the start
 * and at the end keep their tokens and parsed rule: only the edited lines are read again, so an edit
 * to a huge file costs the lines it touches plus one pass of cheap bookkeeping. `previous` stays valid.
 *
 * `hooks` let a caller work out what it needs of each rule as the parse goes (see ParseHooks).
 *
 * `version` is the iptables release the values are checked for (see syntax/version.ts); a previous
 * parse for another release is not reused.
 */
export function parse(text: string, family: Family = 'ipv4', previous?: ParsedFile, hooks?: ParseHooks, version: VersionChoice = DEFAULT_CHOICE): ParsedFile {
  const lines: Line[] = [];
  const blocks: TableBlock[] = [];
  let block: TableBlock | undefined;
  const words = newSharedWords();
  const parts: SharedParts = new Map();
  const templates = newRuleTemplates();
  const byMatch = new Map<string, RuleLine[]>();
  const byTarget = new Map<string, RuleLine[]>();
  const comments: Line[] = [];
  const length = text.length;
  const reuse = previous && previous.family === family && previous.version.version === version.version ? unchangedEnds(text, previous.lines) : undefined;
  let reread = 0;
  let crLines = 0;
  let outsideTables = 0;
  let pos = 0;
  let index = 0;

  while (pos < length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = length;
    let line: Line;
    const old = reuse ? reuse.at(index, pos) : undefined;
    if (old) line = rebase(old, index, block);
    else {
      let raw = text.slice(pos, nl);
      const cr = raw.endsWith('\r');
      if (cr) raw = raw.slice(0, -1);
      line = readLine(raw, index, cr, block, family, version.version, words, parts, templates);
      if (line.kind === 'rule') hooks?.ruleRead?.(line, family);
      reread++;
    }
    if (line.kind === 'table') {
      if (block) block.interruptedBy = line;
      block = { name: line.name?.value ?? '', header: line, commit: undefined, interruptedBy: undefined, lines: [], declarations: [] };
      line.block = block;
      blocks.push(block);
    } else if (line.kind === 'commit' && block) {
      block.commit = line;
      block.lines.push(line);
      block = undefined;
    }
    if (line.block && line.kind !== 'commit') {
      line.block.lines.push(line);
      if (line.kind === 'chain' || (line.kind === 'rule' && line.rule.command?.name === 'new-chain')) line.block.declarations.push(line);
    }
    if (line.kind === 'rule') {
      for (const m of line.rule.matches) file(byMatch, m.module, line);
      const target = line.rule.target?.name?.value;
      if (target) file(byTarget, target, line);
      hooks?.ruleIndexed?.(line);
    } else if (line.kind === 'comment') comments.push(line);
    if (line.cr) crLines++;
    if (!line.block && line.kind !== 'table' && isStatement(line)) outsideTables++;
    lines.push(line);
    index++;
    pos = nl + 1;
  }
  return { lines, blocks, lineCount: index, endsWithNewline: length > 0 && text[length - 1] === '\n', family, version, byMatch, byTarget, comments, reread, templated: templates.used, crLines, outsideTables };
}

/**
 * The previous parse's lines that stand unchanged at the start and at the end of `text`, found by
 * comparing in place (no line is cut out of the text to compare it).
 */
function unchangedEnds(text: string, old: readonly Line[]): { at(index: number, pos: number): Line | undefined } {
  const same = (line: Line, start: number): boolean => {
    if (!text.startsWith(line.text, start)) return false;
    let end = start + line.text.length;
    if (line.cr) {
      if (text.charCodeAt(end) !== CR) return false;
      end++;
    }
    // The old line ended where a line ends now.
    return end === text.length || text.charCodeAt(end) === NL;
  };
  // Lines from the start.
  let head = 0;
  let pos = 0;
  while (head < old.length && pos < text.length && same(old[head], pos)) {
    pos += old[head].text.length + (old[head].cr ? 1 : 0) + 1;
    head++;
  }
  // Lines from the end, never into the head: each old line is matched against where it would end now.
  const tailStarts: number[] = [];
  let end = text.length;
  if (end > 0 && text.charCodeAt(end - 1) === NL) end--;
  for (let k = old.length - 1; k >= head; k--) {
    const line = old[k];
    const start = end - line.text.length - (line.cr ? 1 : 0);
    if (start < pos || (start > 0 && text.charCodeAt(start - 1) !== NL) || !same(line, start)) break;
    tailStarts.push(start);
    end = start - 1;
  }
  // The parse visits lines in order, so the tail is met as one run from its first line on.
  let next = tailStarts.length - 1;
  return {
    at(index, at) {
      if (index < head) return old[index];
      if (next >= 0 && at === tailStarts[next]) return old[old.length - 1 - next--];
      return undefined;
    },
  };
}

/** An unchanged line at its new place: the same text, tokens and parsed rule, a new index and block. */
function rebase(old: Line, index: number, block: TableBlock | undefined): Line {
  switch (old.kind) {
    case 'table':
      return { kind: 'table', index, text: old.text, cr: old.cr, block: undefined, name: old.name };
    case 'chain':
      return { kind: 'chain', index, text: old.text, cr: old.cr, block, name: old.name, policy: old.policy, counters: old.counters };
    case 'rule':
      return { kind: 'rule', index, text: old.text, cr: old.cr, block, counters: old.counters, rule: old.rule, textHash: old.textHash };
    default:
      return { kind: old.kind, index, text: old.text, cr: old.cr, block };
  }
}

function file(map: Map<string, RuleLine[]>, key: string, line: RuleLine): void {
  const list = map.get(key);
  if (!list) map.set(key, [line]);
  else if (list[list.length - 1] !== line) list.push(line);
}

function readLine(text: string, index: number, cr: boolean, block: TableBlock | undefined, family: Family, release: IptablesVersion, words: SharedWords, parts: SharedParts, templates: RuleTemplates): Line {
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
  const count = scanLine(text, from);
  let rule = fromTemplate(templates, text, count, family, words, parts, release);
  if (!rule) {
    fillScratch(words, text, count);
    rule = parseRuleTokens(scratch, family, parts, count, release);
    rememberTemplate(templates, scan.shape, scratch, count, rule);
  }
  return { kind: 'rule', index, text, cr, block, counters, rule, textHash: count ? scan.hash : 0 };
}

const HASH = 35;
const STAR = 42;
const COLON = 58;
const BRACKET = 91;
const NL = 10;
const CR = 13;

/** Whether a line is one iptables-restore acts on (anything but blank lines and comments). */
export function isStatement(line: Line): boolean {
  return line.kind !== 'blank' && line.kind !== 'comment';
}
