import type { Diagnostic } from './diagnostic';
import type { ParsedFile, RuleLine } from '../syntax/model';
import { detectFamily } from '../syntax/family';
import { detectVersion } from '../syntax/version';
import { parseForChecks as parse } from '../analysis/rule-facts';
import type { LintOptions, Check, Report, CheckContext, CheckMeta } from './check';
import { DEFAULT_OPTIONS } from './check';
import { renderFrom } from './messages';
import { tableOf } from '../syntax/ruleset';
import { disableFix, isSuppressed, suppressionsOf } from './suppress';

/** Files above this size are not analysed: the editor stays responsive and says why. */
export const MAX_TEXT_LENGTH = 16 * 1024 * 1024;

// The engine is handed its checks: `checks` are those a lint runs, `all` every check there is, where
// `relint` finds the checks a fix is verified with by their codes (the root's index.ts hands it ALL_CHECKS).

export function lint(text: string, options: Partial<LintOptions>, checks: readonly Check[], all: readonly Check[] = checks): Diagnostic[] {
  const opts: LintOptions = { ...DEFAULT_OPTIONS, ...options };
  if (text.length > MAX_TEXT_LENGTH) return [];
  return lintParsed(text, parse(text, detectFamily(text, opts.fileName, opts.family), undefined, detectVersion(text, opts.iptablesVersion)), opts, checks, all);
}

export function lintParsed(text: string, file: ParsedFile, options: LintOptions, checks: readonly Check[], all: readonly Check[] = checks): Diagnostic[] {
  return finish(lintInSteps(text, file, options, checks, all));
}

function finish(steps: Generator<void, Diagnostic[]>): Diagnostic[] {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The same lint, one check per step: a server can answer other requests between steps, and give up
 * on a text that has changed meanwhile.
 */
export function lintInSteps(text: string, file: ParsedFile, options: LintOptions, checks: readonly Check[], all: readonly Check[] = checks): Generator<void, Diagnostic[]> {
  return steps(text, file, options, checks, all, false);
}

/** `verifying`: linting a fix's result for `relint`, which needs the findings only. */
function* steps(text: string, file: ParsedFile, options: LintOptions, handed: readonly Check[], all: readonly Check[], verifying: boolean): Generator<void, Diagnostic[]> {
  const out: Diagnostic[] = [];
  // Checks switched off (by severity "off", or with the mail profile) do not run at all.
  const checks = handed.filter((c) => options.severity[c.meta.code] !== 'off' && (options.mailProfile || !c.meta.mailProfile));
  let current: Check = checks[0];
  const ctx: CheckContext = {
    text,
    file,
    options,
    verifying,
    table(name) {
      return tableOf(file, name);
    },
    report(r: Report) {
      out.push(diagnosticOf(current.meta, options, r));
    },
    relint(other, codes) {
      const subset = all.filter((c) => codes.includes(c.meta.code));
      // Checking a fix only needs the findings: no fixes of fixes, so no recursion. The fixed text
      // differs from this one in a line or two, so its parse starts from this one, for the same release.
      if (other.length > MAX_TEXT_LENGTH) return [];
      const fixed = other === text ? file : parse(other, detectFamily(other, options.fileName, options.family), file, file.version);
      return finish(steps(other, fixed, options, subset, all, true));
    },
  };

  for (const check of checks) {
    if (!check.file) continue;
    current = check;
    check.file(ctx);
    yield;
  }
  dispatchRuleLines(file, checks, ctx, (c) => (current = c));
  const suppressed = suppressionsOf(file);
  const kept = suppressed.file.size || suppressed.lines.size ? out.filter((d) => !isSuppressed(suppressed, d)) : out;
  if (!verifying) for (const d of kept) d.fixes.push(disableFix(file, d.range.start.line, d.code));
  return kept.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

// Like shellcheck's per-command dispatch: a check sees only lines using the match or target it
// names, found through the file's index rather than by reading every line.
/** The lines of several lists in file order, each once (a line may be in more than one list). */
function inFileOrder(lists: RuleLine[][]): RuleLine[] {
  const all = new Set<RuleLine>();
  for (const l of lists) for (const line of l) all.add(line);
  return [...all].sort((a, b) => a.index - b.index);
}

function dispatchRuleLines(file: ParsedFile, checks: readonly Check[], ctx: CheckContext, enter: (c: Check) => void): void {
  for (const check of checks) {
    if (!check.rule) continue;
    const lists: RuleLine[][] = [];
    for (const m of check.matches ?? []) {
      const l = file.byMatch.get(m);
      if (l) lists.push(l);
    }
    for (const t of check.targets ?? []) {
      const l = file.byTarget.get(t);
      if (l) lists.push(l);
    }
    if (lists.length === 0) continue;
    enter(check);
    // Each list is in file order already: one is walked as it is, several are merged.
    for (const line of lists.length === 1 ? lists[0] : inFileOrder(lists)) check.rule(ctx, line);
  }
}

function diagnosticOf(meta: CheckMeta, options: LintOptions, r: Report): Diagnostic {
  const level = options.severity[meta.code];
  const severity = level && level !== 'off' ? level : r.severity ?? meta.severity;
  const base = { code: meta.code, severity, range: r.range, fixes: r.fixes ?? [], ...(r.settingFixes?.length ? { settingFixes: r.settingFixes } : {}) };
  const data = r.data ?? {};
  const related = (r.related ?? []).map((x) => ({ range: x.range, message: renderFrom(meta.messages, x.messageId, x.data ?? {}), messageId: x.messageId, data: x.data ?? {} }));
  return { ...base, message: renderFrom(meta.messages, r.messageId, data), messageId: r.messageId, data, related };
}
