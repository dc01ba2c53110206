// What the checks read from one rule alone, worked out by the parse right after it reads the rule
// (its `ruleRead` hook). A 100,000-rule file does not fit in the processor's caches: a later pass
// that gathers these facts waits on memory for every rule, while here the rule's objects were just
// made. Each fact stays on the parsed rule (see ParsedRule's memo fields), so an incremental parse
// keeps it too. Every fact is also worked out on first use, so a parse without the hooks gives the
// same answers, only later.
import { walkBits } from '../reach/evaluate';
import { keepNamedPorts, NamedPorts } from '../reach/named-ports';
import { readKeys } from '../reach/shadow-keys';
import type { Family } from '../kb/forms';
import type { ParsedFile, RuleLine } from '../syntax/model';
import { parse } from '../syntax/parser';
import { DEFAULT_CHOICE, type VersionChoice } from '../syntax/version';
import { addressFindings } from './addresses';
import { kernelVerdictOfRule } from './kernel-verdict';
import { firstProblem } from './rule-problems';

export function precomputeFacts(line: RuleLine, family: 'ipv4' | 'ipv6'): void {
  walkBits(line.rule);
  if (firstProblem(line)) return;
  addressFindings(line, family);
  if (line.block) kernelVerdictOfRule(line, line.block.name, family);
  readKeys(line);
}

/**
 * `parse` as the checks want it: with the facts of each rule read worked out as the parse goes, and
 * the ports the rules name indexed as the lines go by (reach.ts's unnamedPort reads them).
 */
export function parseForChecks(text: string, family: Family = 'ipv4', previous?: ParsedFile, version: VersionChoice = DEFAULT_CHOICE): ParsedFile {
  const ports = new NamedPorts();
  const file = parse(text, family, previous, { ruleRead: precomputeFacts, ruleIndexed: ports.add }, version);
  keepNamedPorts(file, ports);
  return file;
}
