// hashlimit's tables are the kernel's, one per name and family, shared by every rule that names
// them (in every table of the file): the first rule makes it, with or without
// `--hashlimit-rate-match`, and the kernel refuses a later rule that asks for the other kind
// (EINVAL; measured with 1.8.9, both back ends, on this kernel).
import { keptString } from '../kb/forms';
import type { ParsedFile, RuleLine } from '../syntax/model';
import type { Finding } from './finding';
import { firstProblem, knownTable } from './rule-problems';

const cache = new WeakMap<ParsedFile, readonly Finding[]>();

/** The rules whose hashlimit table was made before them as the other kind, once per parsed file. */
export function hashlimitTableClashes(file: ParsedFile): readonly Finding[] {
  let found = cache.get(file);
  if (!found) cache.set(file, (found = clashes(file)));
  return found;
}

function clashes(file: ParsedFile): Finding[] {
  const out: Finding[] = [];
  const made = new Map<string, { line: number; rateMatch: boolean }>();
  for (const line of file.byMatch.get('hashlimit') ?? []) {
    if (!reachesKernel(line)) continue;
    for (const m of line.rule.matches) {
      if (m.module !== 'hashlimit') continue;
      const use = m.options.find((o) => o.name === 'hashlimit-name');
      const arg = use?.args[0];
      if (!use || !arg) continue;
      const name = keptString(use.spec?.form, arg.value);
      const rateMatch = m.options.some((o) => o.name === 'hashlimit-rate-match');
      const first = made.get(name);
      if (!first) {
        made.set(name, { line: line.index, rateMatch });
        continue;
      }
      if (first.rateMatch === rateMatch) continue;
      out.push({
        code: 'hashlimit-table-clash', line: line.index, start: arg.start, end: arg.end, messageId: rateMatch ? 'rateMatchLater' : 'plainLater',
        data: { name, first: { line: first.line }, commit: { line: line.block?.commit?.index ?? line.index } }, related: { line: first.line, messageId: 'madeHere' },
      });
    }
  }
  return out;
}

/** A rule that adds to a chain of a known table, and that iptables reads without refusing it. */
function reachesKernel(line: RuleLine): boolean {
  const command = line.rule.command?.name;
  if (command !== 'append' && command !== 'insert' && command !== 'replace') return false;
  return line.block !== undefined && knownTable(line.block) && firstProblem(line) === undefined;
}
