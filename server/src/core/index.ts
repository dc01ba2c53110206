// The language service: pure analysis, no editor or Node APIs, shared by the LSP server and the CLI.
export * from './diagnostic';
export * from './model';
export { parse } from './parser';
export { lint, lintInSteps, lintParsed, MAX_TEXT_LENGTH } from './linter';
export { applyEdits } from './edits';
export { ALL_RULES } from './rules';
export type { LintOptions, LintRule, RuleDocs, RuleMeta } from './rule';
export { DEFAULT_OPTIONS } from './rule';
export { renderRuleDoc } from './rule-doc';
export { detectFamily, type FamilySetting } from './family';
export { reach, ANYWHERE, type Reach, type ReachQuery, type ConnectionVerdict } from './reach';
export { explainPort, ruleReach, summarize, portsOfInterest, type ReachSummary, type RuleReach } from './reach-summary';
export { hoverAt, type HoverInfo } from './hover';
export { chainAt, chainRefs, chainInfo, chainsOf, badChainName, refRange, type ChainRef } from './chains';
export { completeAt, type CompletionItem, type CompletionKind } from './completion';
export { formatLines } from './format';
export { safeFixEdits } from './fix-all';
export { quickLint, quickLintIn, isStructuralLine, prepareQuickLint, LINE_RULES } from './quick-lint';
