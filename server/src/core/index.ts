// The language service: pure analysis, no editor or Node APIs, shared by the LSP server and the CLI.
export * from './lint/diagnostic';
export * from './syntax/model';
// `parse` as the checks and services want it: the facts they read worked out as the parse goes.
export { parseForChecks as parse } from './analysis/rule-facts';
export { lint, lintInSteps, lintParsed, MAX_TEXT_LENGTH } from './lint/engine';
export { applyEdits, applyEditsToBytes, decodeText, encodeText } from './lint/edits';
export { ALL_CHECKS } from './checks';
export type { LintOptions, Check, CheckDocs, CheckMeta } from './lint/check';
export { DEFAULT_OPTIONS } from './lint/check';
export { renderCheckDoc, docUrl, DOCS_BASE_URL, REPOSITORY_URL } from './lint/check-doc';
export { isRulesFileName, looksLikeRules, RULES_FILE_NAMES, RULES_FIRST_LINE } from './syntax/rules-file';
export { escapeMarkdown } from './services/markdown';
export { detectFamily, type FamilySetting } from './syntax/family';
export { reach, ANYWHERE, type Reach, type ReachQuery, type ConnectionVerdict } from './reach/reach';
export { parseNetwork } from './net/address';
export { MAIL_HOST_PORTS } from './kb/values';
export { explainPort, ruleReach, summarize, portsOfInterest, type ReachSummary, type RuleReach } from './reach/reach-summary';
export { hoverAt, type HoverInfo } from './services/hover';
export { chainAt, chainRefs, chainInfo, chainsOf, badChainName, refRange, type ChainRef } from './services/chains';
export { completeAt, type CompletionItem, type CompletionKind } from './services/completion';
export { formatLines } from './services/format';
export { safeFixEdits } from './lint/fix-all';
export { quickLint, quickLintIn, isStructuralLine, prepareQuickLint, LINE_CHECKS } from './lint/quick-lint';
