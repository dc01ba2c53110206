// What the checks read from one rule alone, worked out by the parser right after it reads the rule.
// A 100,000-rule file does not fit in the processor's caches: a later pass that gathers these facts
// waits on memory for every rule, while here the rule's objects were just made. Each fact stays
// on the parsed rule (see ParsedRule's memo fields), so an incremental parse keeps it too.
import { walkBits } from '../reach/evaluate';
import type { RuleLine } from '../syntax/model';
import { readKeys } from '../reach/shadow-keys';
import { addressFindings, firstProblem, kernelVerdictOfRule } from './validate';

export function precomputeFacts(line: RuleLine, family: 'ipv4' | 'ipv6'): void {
  walkBits(line.rule);
  if (firstProblem(line)) return;
  addressFindings(line, family);
  if (line.block) kernelVerdictOfRule(line, line.block.name, family);
  readKeys(line);
}
