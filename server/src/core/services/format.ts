// Format Document / Selection: one space between the words of a rule, table and chain lines
// trimmed. Each word is written back exactly as typed (quotes, escapes), comments and blank lines
// are left alone, so iptables-restore reads the same arguments before and after.
import type { TextEdit } from '../lint/diagnostic';
import type { Line, ParsedFile } from '../syntax/model';
import { tokensOf } from '../syntax/rule-text';

function formatted(line: Line): string | undefined {
  switch (line.kind) {
    case 'rule': {
      // A line iptables refuses (an indented comment, blanks only...) keeps its exact text: the
      // formatter must not turn a failing file into a loading one.
      const tokens = tokensOf(line);
      if (tokens.length === 0 || line.rule.problems.length > 0) return undefined;
      const words = tokens.map((t) => t.text);
      return (line.counters ? [line.counters.text, ...words] : words).join(' ');
    }
    case 'table':
      return line.name ? `*${line.name.text}` : undefined;
    case 'chain': {
      const words = line.text.slice(1).trim().split(/[ \t]+/);
      return line.name && words.length <= 3 ? `:${words.join(' ')}` : undefined;
    }
    default:
      return undefined;
  }
}

/** Edits that format lines `from` to `to` (0-based, inclusive); only lines that change get one. */
export function formatLines(file: ParsedFile, from = 0, to = file.lines.length - 1): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let i = Math.max(0, from); i <= Math.min(to, file.lines.length - 1); i++) {
    const line = file.lines[i];
    const text = formatted(line);
    // A word left unclosed (an open quote) is still being typed: leave the line alone.
    if (text === undefined || text === line.text || (line.kind === 'rule' && tokensOf(line).some((t) => t.quoted && !/"$/.test(t.text)))) continue;
    edits.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: line.text.length } }, newText: text });
  }
  return edits;
}
