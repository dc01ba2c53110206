// The first answer to an edit of a huge file: the edited rule lines checked by the checks whose
// verdict on a line depends on that line alone, without reading the rest of the file again. The
// whole-file analysis follows and replaces it.
import type { Diagnostic, MessageData } from './diagnostic';
import type { LintOptions, Check } from './check';
import { linesOf, moveLines, renderFrom } from './messages';
import type { ParsedFile, Range, TableBlock } from '../syntax/model';
import { lintParsed } from './engine';
import { isFileWideSuppression } from './suppress';
import { parse } from '../syntax/parser';
import { detectBackend } from '../syntax/backend';
import { builtinChains, isBuiltinChain } from '../kb/tables';

const lineScoped = new WeakMap<readonly Check[], readonly Check[]>();

/** The checks of `checks` whose verdict on a rule line depends on that line alone: those a quick check runs. */
export function lineChecks(checks: readonly Check[]): readonly Check[] {
  let out = lineScoped.get(checks);
  if (!out) lineScoped.set(checks, (out = checks.filter((c) => c.meta.scope === 'line')));
  return out;
}

/** Lines that change how the lines around them are read: a table, a chain, a COMMIT. */
const STRUCTURAL = /^(\*|:|COMMIT\s*$)/;

/**
 * What the line-scoped checks of `checks` say of `newLines`, which replace lines `from`..`to`
 * (inclusive) of `file` and start at line `from`. Undefined when the edit is not confined to rule
 * lines of one table block: then only the whole-file analysis can tell. The diagnostics carry no fixes.
 */
export function quickLint(file: ParsedFile, from: number, to: number, newLines: readonly string[], options: LintOptions, checks: readonly Check[]): Diagnostic[] | undefined {
  const block = file.lines[from]?.block;
  if (!block || to >= file.lines.length) return undefined;
  for (let i = from; i <= to; i++) {
    const line = file.lines[i];
    if (line.block !== block || line.kind === 'table' || line.kind === 'chain' || line.kind === 'commit') return undefined;
  }
  const above = file.lines[from - 1];
  const commitAt = block.commit ? block.commit.index + newLines.length - (to - from + 1) : undefined;
  return quickLintIn(file, block, above?.block === block ? above.text : undefined, from, newLines, options, checks, commitAt);
}

/** Whether a line changes how the lines after it are read: a table, a chain or a COMMIT line. */
export function isStructuralLine(text: string): boolean {
  return STRUCTURAL.test(text);
}

/**
 * The same for lines that stand at `from` in a later version of `file`'s text, inside `block`, with
 * `above` the text of the line right above them: how the server checks edits made since its last
 * whole-file analysis. `commitAt`: where the block's COMMIT stands in that text, for a message that
 * names it (else such a message is left to the whole-file analysis).
 */
export function quickLintIn(file: ParsedFile, block: TableBlock, above: string | undefined, from: number, newLines: readonly string[], options: LintOptions, checks: readonly Check[], commitAt?: number): Diagnostic[] | undefined {
  if (newLines.length > 1000 || newLines.some(isStructuralLine)) return undefined;
  // The same table, the same chains declared, then the edited lines: each is read as in the file.
  const builtins = new Set<string>(builtinChains(block.name));
  const { declared, fileWide } = contextOf(file, block);
  const context = above !== undefined && above.startsWith('#') ? [above.replace(/\r$/, '')] : [];
  const head = [`*${block.name}`, ...declared.map((c) => `:${c} - [0:0]`), ...fileWide, ...context];
  // A block never committed stays so: what a loader says of a rule may name the COMMIT.
  const mini = [...head, ...newLines, ...(block.commit ? ['COMMIT'] : []), ''].join('\n');
  // The edited lines stand at `head.length` in the small file and at `from` in the real one.
  const shift = from - head.length;
  const inEdit = (line: number): boolean => line >= head.length - context.length && line < head.length + newLines.length;
  const move = (r: Range): Range => ({ start: { line: r.start.line + shift, character: r.start.character }, end: { line: r.end.line + shift, character: r.end.character } });
  // A line a message names is data: the edited lines' numbers move, then the text is rendered again.
  // A message that names a line outside the edit is left to the whole-file analysis.
  // The small file's COMMIT is the block's.
  const commit = head.length + newLines.length;
  const known = (line: number): boolean => inEdit(line) || (line === commit && commitAt !== undefined);
  const relabel = relabelling(checks, (line) => (line === commit && commitAt !== undefined ? commitAt : line + shift));
  const named = (m: { data: MessageData }): boolean => linesOf(m.data).every(known);
  const out: Diagnostic[] = [];
  // The small file has no header either: it is read for the real file's release.
  const parsed = parse(mini, file.family, undefined, undefined, file.version);
  const inUserChain = (line: number): boolean => {
    const l = parsed.lines[line];
    const chain = l?.kind === 'rule' ? l.rule.command?.chain?.value : undefined;
    return chain !== undefined && !builtins.has(chain);
  };
  // The small file has no header: the back end is read from the real file's first line.
  const backend = options.backend === 'auto' ? detectBackend(file.lines[0]?.text ?? '') ?? 'auto' : options.backend;
  for (const d of lintParsed(mini, parsed, { ...options, backend }, lineChecks(checks), checks)) {
    const line = d.range.start.line;
    if (line < head.length || line >= head.length + newLines.length) continue;
    // In a user chain it depends on which built-in chains jump there: the whole file tells.
    if (d.code === 'wrong-table-or-chain' && inUserChain(line)) continue;
    if (!named(d)) continue;
    // Fixes come with the whole-file analysis: where one puts a line depends on the rest of the file.
    const related = d.related.filter((r) => inEdit(r.range.start.line) && inEdit(r.range.end.line) && named(r)).map((r) => ({ ...relabel(d.code, r), range: move(r.range) }));
    out.push({ ...relabel(d.code, d), range: move(d.range), related, fixes: [] });
  }
  return out;
}

/** A message, or a related one, with the lines its data names moved and its text rendered again. */
function relabelling(checks: readonly Check[], moveLine: (line: number) => number) {
  const messages = new Map(checks.map((c) => [c.meta.code, c.meta.messages]));
  return <T extends { message: string; messageId: string; data: MessageData }>(code: string, m: T): T => {
    const data = moveLines(m.data, moveLine);
    return { ...m, data, message: renderFrom(messages.get(code) ?? {}, m.messageId, data) };
  };
}

interface Context {
  /** File-wide suppression comments. */
  fileWide: string[];
  /** Per block: the user chains it declares. */
  chains: Map<TableBlock, Set<string>>;
}
const contexts = new WeakMap<ParsedFile, Context>();

/**
 * What a quick check needs of the rest of the file, worked out in one pass and kept with the parse:
 * reading a huge file's lines costs more than the check itself. Call it ahead of an edit to have it ready.
 */
export function prepareQuickLint(file: ParsedFile): void {
  if (contexts.has(file)) return;
  const context: Context = { fileWide: [], chains: new Map() };
  for (const line of file.lines) {
    if (line.kind === 'comment') {
      if (isFileWideSuppression(line.text)) context.fileWide.push(line.text);
      continue;
    }
    const block = line.block;
    if (!block) continue;
    const name = line.kind === 'chain' ? line.name?.value : line.kind === 'rule' && line.rule.command?.name === 'new-chain' ? line.rule.command.chain?.value : undefined;
    if (name === undefined || isBuiltinChain(block.name, name) || !/^[^\s"]+$/.test(name)) continue;
    const set = context.chains.get(block) ?? new Set<string>();
    set.add(name);
    context.chains.set(block, set);
  }
  contexts.set(file, context);
}

function contextOf(file: ParsedFile, block: TableBlock): { declared: string[]; fileWide: string[] } {
  prepareQuickLint(file);
  const context = contexts.get(file) as Context;
  return { declared: [...(context.chains.get(block) ?? [])], fileWide: context.fileWide };
}
