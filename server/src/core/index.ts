// The language service: pure analysis, no editor or Node APIs, shared by the LSP server and the CLI.
// Here the lint engine is handed the checks: ALL_CHECKS, where a check's `relint` finds the others.
import { ALL_CHECKS } from './checks';
import type { Check, LintOptions } from './lint/check';
import type { Diagnostic } from './lint/diagnostic';
import * as engine from './lint/engine';
import { lineChecks, quickLint as quickLintWith, quickLintIn as quickLintInWith } from './lint/quick-lint';
import type { ParsedFile, TableBlock } from './syntax/model';

export * from './lint/diagnostic';
export * from './syntax/model';
// `parse` as the checks and services want it: the facts they read worked out as the parse goes.
export { parseForChecks as parse } from './analysis/rule-facts';
export { MAX_TEXT_LENGTH } from './lint/engine';
export { applyEdits, applyEditsToBytes, decodeText, encodeText } from './lint/edits';
export { ALL_CHECKS };
export type { HostObjects, LintOptions, Check, CheckDocs, CheckMeta, Report, RelatedReport } from './lint/check';
export { DEFAULT_OPTIONS } from './lint/check';
export { renderCheckDoc, docUrl, DOCS_BASE_URL, REPOSITORY_URL } from './lint/check-doc';
export { isRulesFileName, looksLikeRules, RULES_FILE_NAMES, RULES_FIRST_LINE } from './syntax/rules-file';
export { escapeMarkdown } from './services/markdown';
export { detectFamily, type FamilySetting } from './syntax/family';
export { detectBackend } from './syntax/backend';
export type { Backend, BackendSetting } from './kb/backends';
export { detectVersion, headerRelease, type VersionChoice } from './syntax/version';
export { IPTABLES_VERSIONS, DEFAULT_VERSION, isIptablesVersion, type IptablesVersion, type VersionSetting } from './kb/releases';
export { reach, ANYWHERE, type Reach, type ReachQuery, type ConnectionVerdict } from './reach/reach';
export { parseNetwork } from './net/address';
export { MAIL_HOST_PORTS } from './kb/values';
export { explainPort, ruleReach, summarize, portsOfInterest, type ReachSummary, type RuleReach } from './reach/reach-summary';
export { hoverAt, type HoverInfo } from './services/hover';
export { chainAt, chainRefs, chainInfo, chainsOf, badChainName, refRange, type ChainRef } from './services/chains';
export { completeAt, type CompletionItem, type CompletionKind } from './services/completion';
export { formatLines } from './services/format';
export { safeFixEdits } from './lint/fix-all';
export { isStructuralLine, prepareQuickLint } from './lint/quick-lint';

/** The checks a quick check of an edited line runs: those whose verdict depends on the line alone. */
export const LINE_CHECKS: readonly Check[] = lineChecks(ALL_CHECKS);

/** Lints a text with `checks` (every check by default). */
export function lint(text: string, options: Partial<LintOptions> = {}, checks: readonly Check[] = ALL_CHECKS): Diagnostic[] {
  return engine.lint(text, options, checks, ALL_CHECKS);
}

export function lintParsed(text: string, file: ParsedFile, options: LintOptions, checks: readonly Check[] = ALL_CHECKS): Diagnostic[] {
  return engine.lintParsed(text, file, options, checks, ALL_CHECKS);
}

export function lintInSteps(text: string, file: ParsedFile, options: LintOptions, checks: readonly Check[] = ALL_CHECKS): Generator<void, Diagnostic[]> {
  return engine.lintInSteps(text, file, options, checks, ALL_CHECKS);
}

/** What the line-scoped checks say of edited lines: see lint/quick-lint.ts. */
export function quickLint(file: ParsedFile, from: number, to: number, newLines: readonly string[], options: LintOptions): Diagnostic[] | undefined {
  return quickLintWith(file, from, to, newLines, options, ALL_CHECKS);
}

export function quickLintIn(file: ParsedFile, block: TableBlock, above: string | undefined, from: number, newLines: readonly string[], options: LintOptions, commitAt?: number): Diagnostic[] | undefined {
  return quickLintInWith(file, block, above, from, newLines, options, ALL_CHECKS, commitAt);
}
