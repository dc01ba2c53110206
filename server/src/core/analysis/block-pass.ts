// One walk over the rules of each block of a known table, shared by the parts of the analysis as
// ESLint shares one traversal among its rules: a 100,000-rule file does not fit in the processor's
// caches, and a walk of its own for each part would wait on memory for every rule again. Each rule
// gets its first problem (rule-problems.ts); a rule iptables reads without one goes on to each
// part's step: the chains it uses (chains.ts), whether it repeats one (duplicates.ts), and whether
// its addresses (addresses.ts) or the kernel's verdict (kernel-verdict.ts) still need a look.
import type { ParsedFile, RuleLine, TableBlock } from '../syntax/model';
import { chainStep, endChains, startChains, type BlockChains } from './chains';
import { duplicateStep, startDuplicates } from './duplicates';
import { findingsByCode, NO_FINDINGS, type Finding } from './finding';
import { firstProblem, knownTable, refused } from './rule-problems';

interface BlockRules {
  chains: BlockChains;
  /** The rules whose addresses may load other than written (nothing kept yet, or something to report). */
  addresses: RuleLine[];
  /** The rules whose kernel verdict the parse did not settle for every chain of their table. */
  kernel: RuleLine[];
}

interface Pass {
  blocks: Map<TableBlock, BlockRules>;
  /** Rules' first problems, chains used wrongly, copies: by line within each block. */
  findings: Finding[];
}

const passes = new WeakMap<ParsedFile, Pass>();
const byCode = new WeakMap<ParsedFile, Map<string, Finding[]>>();
const NO_LINES: readonly RuleLine[] = [];

/**
 * The findings of one code that the walk itself makes: a rule's first problem (malformed-rule,
 * unknown-option, invalid-value...), undefined-chain, chain-declared-late, duplicate-rule.
 */
export function passFindings(file: ParsedFile, code: string): readonly Finding[] {
  return findingsByCode(byCode, file, (f) => passOf(f).findings).get(code) ?? NO_FINDINGS;
}

/** The chains of a block of a known table, as its rules use them. */
export function blockChains(file: ParsedFile, block: TableBlock): BlockChains | undefined {
  return passOf(file).blocks.get(block)?.chains;
}

/** The rules of a block that addresses.ts or kernel-verdict.ts still has to read. */
export function unsettledRules(file: ParsedFile, block: TableBlock, which: 'addresses' | 'kernel'): readonly RuleLine[] {
  return passOf(file).blocks.get(block)?.[which] ?? NO_LINES;
}

function passOf(file: ParsedFile): Pass {
  let pass = passes.get(file);
  if (!pass) {
    pass = { blocks: new Map(), findings: [] };
    for (const block of file.blocks) if (knownTable(block)) pass.blocks.set(block, walkBlock(file, block, pass.findings));
    passes.set(file, pass);
  }
  return pass;
}

function walkBlock(file: ParsedFile, block: TableBlock, out: Finding[]): BlockRules {
  const chains = startChains(block, file.family);
  const appended = startDuplicates(block.lines.length);
  const addresses: RuleLine[] = [];
  const kernel: RuleLine[] = [];
  for (const line of block.lines) {
    if (line.kind !== 'rule') continue;
    const problem = firstProblem(line);
    if (problem) {
      out.push(refused(problem, line));
      continue;
    }
    // Filed by what the parse kept on the rule (see rule-facts.ts): most rules need no more.
    const found = line.rule.hostBitsMemo;
    if (found === undefined || found.length > 0) addresses.push(line);
    if (line.rule.kernelMemo !== block.name) kernel.push(line);
    duplicateStep(appended, line, out);
    chainStep(chains, line, out);
  }
  return { chains: endChains(chains), addresses, kernel };
}
