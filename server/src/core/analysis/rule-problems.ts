// What iptables-restore refuses while it reads a rule: the reader's problems (syntax/rule-parser.ts)
// and then the extensions' final checks (kb/final-checks.ts). iptables stops at the first, so one
// rule has one problem at most, whatever its code: malformed-rule, unknown-option, invalid-value,
// invalid-option-use, address-family-mismatch, inline-comment, unknown-extension, missing-protocol
// or wrong-table-or-chain.
import { extensionFinalCheck } from '../kb/final-checks';
import { protocolMatch } from '../kb/protocols';
import type { MatchUse, RuleLine, RuleProblem, TableBlock, TargetUse } from '../syntax/model';
import { tokensOf } from '../syntax/rule-text';
import { IN_HOOKS, OUT_HOOKS, isHook, isTableName } from '../kb/tables';
import type { Finding } from './finding';

/** Whether iptables-restore knows the table of a block: the analysis reads no further into one it does not. */
export function knownTable(block: TableBlock): boolean {
  return isTableName(block.name);
}

/** The first thing iptables refuses while reading the line: what `iptables-restore` prints for it. */
export function firstProblem(line: RuleLine): RuleProblem | undefined {
  const first = line.rule.problems[0];
  if (first && !first.late) return first;
  // It depends on the rule's own words only, and an incremental parse keeps the rule of an
  // unchanged line: worked out once per rule, not once per edit.
  let known = line.rule.finalMemo;
  if (known === undefined) line.rule.finalMemo = known = finalChecks(line) ?? null;
  return known ?? undefined;
}

/** The match `-p` names (tcp for `-p 6`), or the value as written; undefined without `-p`. */
export function protocolOf(line: RuleLine): string | undefined {
  for (const o of line.rule.core) {
    if (o.name !== 'protocol') continue;
    const v = o.args[0]?.value;
    return v === undefined ? undefined : (protocolMatch(v) ?? v.toLowerCase());
  }
  return undefined;
}

/** The extension's name as written: the match module, or the target. */
export function extName(use: MatchUse | TargetUse): string {
  return 'module' in use ? use.module : (use.name?.value ?? '');
}

/** The word that names the extension: where a problem of the extension as a whole is shown. */
export function extAnchor(use: MatchUse | TargetUse): { start: number; end: number } {
  return 'module' in use ? use.name : (use.name ?? use.flag);
}

/**
 * The checks iptables runs after reading every argument, in its order: the extensions' own, then
 * the rule's: a command, the reader's late problems (a trailing `!`, then the addresses), the
 * interfaces the chain allows, the chain name's length.
 */
function finalChecks(line: RuleLine): RuleProblem | undefined {
  const rule = line.rule;
  const problem = extensionChecks(line);
  if (problem) return problem;
  if (!rule.command) {
    const at = tokensOf(line)[0] ?? { start: 0, end: line.text.length };
    return { code: 'malformed-rule', message: 'no command specified', start: at.start, end: Math.max(at.end, at.start + 1) };
  }
  // firstProblem returns a rule's other problems first: a problem left here is a late one.
  if (rule.problems[0]) return rule.problems[0];
  const chain = rule.command.chain;
  if (chain !== undefined) {
    for (const o of rule.core) {
      if (o.name === 'in-interface' && isHook(chain.value) && !IN_HOOKS.includes(chain.value)) {
        return { code: 'wrong-table-or-chain', message: `Can't use -i with ${chain.value}`, start: o.flag.start, end: (o.args[0] ?? o.flag).end };
      }
      if (o.name === 'out-interface' && isHook(chain.value) && !OUT_HOOKS.includes(chain.value)) {
        return { code: 'wrong-table-or-chain', message: `Can't use -o with ${chain.value}`, start: o.flag.start, end: (o.args[0] ?? o.flag).end };
      }
    }
    if (chain.value.length >= 29) {
      return { code: 'malformed-rule', message: `chain name \`${chain.value}' too long (must be under 29 chars)`, start: chain.start, end: chain.end };
    }
  }
  return undefined;
}

/** The extensions' final checks, matches in order and then the target: the first that fails. */
function extensionChecks(line: RuleLine): RuleProblem | undefined {
  const rule = line.rule;
  let proto: string | undefined | null = null;
  const count = rule.matches.length + (rule.target?.spec ? 1 : 0);
  for (let k = 0; k < count; k++) {
    const use: MatchUse | TargetUse = k < rule.matches.length ? rule.matches[k] : (rule.target as TargetUse);
    if (!use.spec) continue;
    if (proto === null) proto = protocolOf(line);
    const problem = extensionFinalCheck(use.spec.spec, extName(use), { options: use.options, anchor: extAnchor(use) }, proto, rule.release);
    if (problem) return problem;
  }
  return undefined;
}

/** The template of a rule's first problem, in each check that reports one: iptables's words quoted. */
export const READ_MESSAGES = { refused: 'iptables-restore stops at line {line}: "{iptables}"' } as const;

export function refused(problem: RuleProblem, line: RuleLine): Finding {
  return {
    code: problem.code, line: line.index, start: problem.start, end: problem.end, subject: problem.option,
    messageId: 'refused', data: { line: { line: line.index }, iptables: problem.message },
  };
}
