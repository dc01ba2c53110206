// What iptables-restore and the kernel refuse, worked out once per parsed file. Each rule in
// rules/ reports the findings of its own code.
import { hostBitsNetwork, octalMisreading } from '../net/address';
import { PORT_PROTOCOLS, STANDARD_TARGETS, findTarget, isStandardTarget, otherFamilyExtension, type LoadedSpec } from '../kb';
import { protocolMatch } from '../kb/protocols';
import type { MatchUse, OptionUse, ParsedFile, RuleLine, RuleProblem, TableBlock, TargetUse } from '../syntax/model';
import { HashTable } from '../net/hash-table';
import { ruleText, tokensOf } from '../syntax/rule-text';
import { IN_HOOKS, OUT_HOOKS, builtinChains, isHook, isTableName, tableList, tableWithChain } from '../kb/tables';

export interface Finding {
  code: string;
  line: number;
  start: number;
  end: number;
  message: string;
  /** A related line (the declaration that comes too late, the chain that closes a loop...). */
  relatedLine?: number;
  /** What the related line is, when not a declaration. */
  relatedMessage?: string;
  /** A chain name the fix should declare, or the like. */
  subject?: string;
}

const RULE_COMMANDS = new Set(['append', 'insert', 'replace', 'check', 'delete']);
const KERNEL_REFUSES = 'the kernel refuses the rule and iptables-restore stops with "RULE_APPEND failed (Invalid argument)"';

function declaredLate(line: RuleLine, tok: { start: number; end: number }, chain: string, at: number, how: string): Finding {
  return {
    code: 'chain-declared-late',
    line: line.index,
    start: tok.start,
    end: tok.end,
    message: `Chain ${chain} is ${how} here but declared only at line ${at + 1}: iptables-legacy-restore stops at this line${how === 'jumped to' ? ` with "Couldn't load target \`${chain}'"` : ''}, and iptables-nft-restore fails on the real load. Move ":${chain}" up to the top of the block.`,
    relatedLine: at,
    subject: chain,
  };
}

const cache = new WeakMap<ParsedFile, Finding[]>();
const NO_HOOKS: ReadonlySet<string> = new Set();

/** Every finding for the file, sorted by line. */
export function validate(file: ParsedFile): Finding[] {
  let found = cache.get(file);
  if (!found) {
    found = compute(file);
    cache.set(file, found);
  }
  return found;
}

function compute(file: ParsedFile): Finding[] {
  const out: Finding[] = [];
  for (const block of file.blocks) checkBlock(file, block, out);
  return out;
}

/** The match `-p` names (tcp for `-p 6`), or the value as written; undefined without `-p`. */
function protocolOf(line: RuleLine): string | undefined {
  for (const o of line.rule.core) {
    if (o.name !== 'protocol') continue;
    const v = o.args[0]?.value;
    return v === undefined ? undefined : (protocolMatch(v) ?? v.toLowerCase());
  }
  return undefined;
}

function extName(use: MatchUse | TargetUse): string {
  return 'module' in use ? use.module : (use.name?.value ?? '');
}

function has(use: MatchUse | TargetUse, name: string): OptionUse | undefined {
  for (const o of use.options) if (o.name === name) return o;
  return undefined;
}

/** The extensions' own final checks, as iptables runs them after reading every argument. */
function finalChecks(line: RuleLine, chain: string | undefined): RuleProblem | undefined {
  const rule = line.rule;
  if (!rule.command) {
    const at = tokensOf(line)[0] ?? { start: 0, end: line.text.length };
    return { code: 'malformed-rule', message: 'no command specified', start: at.start, end: Math.max(at.end, at.start + 1) };
  }
  let proto: string | undefined | null = null;
  const count = rule.matches.length + (rule.target?.spec ? 1 : 0);
  for (let k = 0; k < count; k++) {
    const use: MatchUse | TargetUse = k < rule.matches.length ? rule.matches[k] : (rule.target as TargetUse);
    const spec: LoadedSpec | undefined = use.spec;
    if (!spec) continue;
    const anchor = 'module' in use ? use.name : (use.name ?? use.flag);
    const name = extName(use);
    if (spec.spec.needsOption && use.options.length === 0) {
      return { code: 'invalid-option-use', message: `${name}: At least one option is required`, start: anchor.start, end: anchor.end };
    }
    if (spec.spec.required) {
      const m = missingOf(use, spec.spec.required, name, anchor);
      if (m) return m;
    }
    for (const group of spec.spec.requiredGroups ?? NO_GROUPS) {
      const m = missingOf(use, group, name, anchor);
      if (m) return m;
    }
    for (const o of use.options) {
      const os = o.spec;
      if (!os) continue;
      for (const other of os.excl) {
        if (has(use, other)) {
          return { code: 'invalid-option-use', message: `${name}: option "--${os.name}" cannot be used together with "--${other}".`, start: o.flag.start, end: o.flag.end };
        }
      }
      for (const other of os.also) {
        if (!has(use, other)) {
          return { code: 'invalid-option-use', message: `${name}: option "--${os.name}" also requires "--${other}".`, start: o.flag.start, end: o.flag.end };
        }
      }
    }
    if (proto === null) proto = protocolOf(line);
    if (spec.spec.protocolMessage && spec.spec.protocols && !spec.spec.protocols.includes(proto ?? '')) {
      return { code: 'missing-protocol', message: spec.spec.protocolMessage, start: anchor.start, end: anchor.end, option: spec.spec.protocols[0] };
    }
    const custom = CUSTOM[name]?.(use, proto, line);
    if (custom) return custom;
  }
  if (chain !== undefined) {
    for (const o of rule.core) {
      if (o.name === 'in-interface' && isHook(chain) && !IN_HOOKS.includes(chain)) {
        return { code: 'wrong-table-or-chain', message: `Can't use -i with ${chain}`, start: o.flag.start, end: (o.args[0] ?? o.flag).end };
      }
      if (o.name === 'out-interface' && isHook(chain) && !OUT_HOOKS.includes(chain)) {
        return { code: 'wrong-table-or-chain', message: `Can't use -o with ${chain}`, start: o.flag.start, end: (o.args[0] ?? o.flag).end };
      }
    }
  }
  const cmdChain = rule.command.chain?.value;
  if (cmdChain !== undefined && cmdChain.length >= 29 && rule.command.chain) {
    const c = rule.command.chain;
    return { code: 'malformed-rule', message: `chain name \`${cmdChain}' too long (must be under 29 chars)`, start: c.start, end: c.end };
  }
  return undefined;
}

const NO_GROUPS: ReadonlyArray<readonly string[]> = [];

/** "option --x must be specified" when the extension has none of `group`. */
function missingOf(use: MatchUse | TargetUse, group: readonly string[], name: string, anchor: { start: number; end: number }): RuleProblem | undefined {
  for (const g of group) if (has(use, g)) return undefined;
  const which = group.length === 1 ? `option "--${group[0]}" must be specified` : `one of ${group.map((g) => `"--${g}"`).join(', ')} must be specified`;
  return { code: 'invalid-option-use', message: `${name}: ${which}`, start: anchor.start, end: anchor.end };
}

type Custom = (use: MatchUse | TargetUse, proto: string | undefined, line: RuleLine) => RuleProblem | undefined;

const natPortsNeedProtocol: Custom = (use, proto) => {
  const o = has(use, 'to-ports') ?? has(use, 'to-source') ?? has(use, 'to-destination');
  if (!o || !o.args[0]) return undefined;
  const v = o.args[0].value;
  const hasPorts = o.name === 'to-ports' || (v.startsWith('[') ? /\]:/.test(v) : v.includes(':') && !v.includes('::') && v.split(':').length === 2);
  if (hasPorts && !PORT_PROTOCOLS.includes(proto ?? '')) {
    return { code: 'missing-protocol', message: 'Need TCP, UDP, SCTP or DCCP with port specification', start: o.flag.start, end: o.args[0].end, option: 'tcp' };
  }
  return undefined;
};

const CUSTOM: Record<string, Custom> = {
  DNAT: natPortsNeedProtocol,
  SNAT: natPortsNeedProtocol,
  MASQUERADE: natPortsNeedProtocol,
  REDIRECT: natPortsNeedProtocol,
  policy(use) {
    const strict = has(use, 'strict');
    const elements = ['reqid', 'spi', 'proto', 'mode', 'tunnel-src', 'tunnel-dst'];
    if (strict && !use.options.some((o) => elements.includes(o.name))) {
      return { code: 'invalid-option-use', message: 'policy match: empty policy element in strict mode', start: strict.flag.start, end: strict.flag.end };
    }
    const tunnel = has(use, 'tunnel-src') ?? has(use, 'tunnel-dst');
    const mode = has(use, 'mode');
    if (tunnel && mode?.args[0]?.value !== 'tunnel') {
      return { code: 'invalid-option-use', message: 'policy match: --tunnel-src/--tunnel-dst is only valid in tunnel mode', start: tunnel.flag.start, end: tunnel.flag.end };
    }
    return undefined;
  },
  statistic(use) {
    const mode = has(use, 'mode')?.args[0]?.value;
    const at = has(use, 'mode') ?? use.options[0];
    const span = { start: (at?.flag ?? ('module' in use ? use.name : use.flag)).start, end: (at?.flag ?? ('module' in use ? use.name : use.flag)).end };
    if (mode === 'nth' && !(has(use, 'every') && has(use, 'packet'))) return { code: 'invalid-option-use', message: '--every and --packet must be specified when using nth mode', ...span };
    const every = has(use, 'every')?.args[0]?.value;
    const packet = has(use, 'packet');
    if (mode === 'nth' && every !== undefined && packet?.args[0] && Number(packet.args[0].value) >= Number(every)) {
      return { code: 'invalid-value', message: 'the --packet p must be 0 <= p <= n-1', start: packet.args[0].start, end: packet.args[0].end };
    }
    if (mode === 'random' && !has(use, 'probability')) return { code: 'invalid-option-use', message: '--probability must be specified when using random mode', ...span };
    return undefined;
  },
  time(use) {
    const c = has(use, 'contiguous');
    const start = has(use, 'timestart')?.args[0]?.value;
    const stop = has(use, 'timestop')?.args[0]?.value;
    const secs = (t: string | undefined): number => (t ?? '').split(':').reduce((a, p, i) => a + Number(p) * [3600, 60, 1][i], 0);
    if (c && !(start && stop && secs(stop) < secs(start))) {
      return { code: 'invalid-option-use', message: 'time: --contiguous only makes sense when stoptime is smaller than starttime', start: c.flag.start, end: c.flag.end };
    }
    return undefined;
  },
  connlabel(use) {
    const o = has(use, 'label');
    const v = o?.args[0]?.value;
    if (o && v !== undefined && /^\d+$/.test(v) && Number(v) > 127) {
      return { code: 'invalid-value', message: `connlabel: label bit ${v} is out of range (0-127)`, start: o.args[0].start, end: o.args[0].end };
    }
    return undefined;
  },
  cluster(use) {
    const total = Number(has(use, 'cluster-total-nodes')?.args[0]?.value);
    const node = has(use, 'cluster-local-node');
    if (node && Number(node.args[0]?.value) > total) {
      return { code: 'invalid-value', message: 'cluster match: the local node number cannot be higher than the total number of nodes', start: node.flag.start, end: (node.args[0] ?? node.flag).end };
    }
    return undefined;
  },
  recent(use) {
    // The kernel refuses --seconds and --hitcount unless the rule checks or updates the list.
    // `--hitcount 0` is the same as none (1.8.9 here loads it).
    const hits = has(use, 'hitcount');
    const timing = has(use, 'seconds') ?? (hits && hits.args[0]?.value !== '0' ? hits : undefined);
    if (timing && !has(use, 'rcheck') && !has(use, 'update')) {
      return { code: 'invalid-option-use', message: `recent: --${timing.name} only works with --rcheck or --update (the kernel refuses the rule)`, start: timing.flag.start, end: timing.flag.end };
    }
    return undefined;
  },
  rt(use) {
    // The type-0 options need `--rt-type 0` before them.
    let type0 = false;
    for (const o of use.options) {
      if (o.name === 'rt-type') type0 = o.args[0]?.value === '0' && !o.negation;
      else if (o.name.startsWith('rt-0-') && !type0) {
        return { code: 'invalid-option-use', message: `\`--rt-type 0' required before \`--${o.name}'`, start: o.flag.start, end: o.flag.end };
      }
    }
    return undefined;
  },
  HMARK(use) {
    // --hmark-tuple marks the masks of the fields it names as given: naming one again after it is refused.
    const byTuple: Record<string, string> = { src: 'hmark-src-prefix', dst: 'hmark-dst-prefix', sport: 'hmark-sport-mask', dport: 'hmark-dport-mask', spi: 'hmark-spi-mask' };
    const marked = new Set<string>();
    for (const o of use.options) {
      if (o.name === 'hmark-tuple') {
        for (const f of (o.args[0]?.value ?? '').split(',')) if (byTuple[f]) marked.add(byTuple[f]);
      } else if (marked.has(o.name)) {
        return { code: 'invalid-option-use', message: `HMARK: option "--${o.name}" can only be used once.`, start: o.flag.start, end: o.flag.end };
      }
    }
    // The SPI takes the place of the ports: masks exclude masks, values exclude values.
    for (const [spiName, portNames] of [['hmark-spi-mask', ['hmark-sport-mask', 'hmark-dport-mask']], ['hmark-spi', ['hmark-sport', 'hmark-dport']]] as const) {
      const spi = has(use, spiName);
      const port = portNames.map((n) => has(use, n)).find((o) => o);
      if (spi && port) {
        return { code: 'invalid-option-use', message: `HMARK: option "--${spi.name}" cannot be used together with "--${port.name}".`, start: spi.flag.start, end: spi.flag.end };
      }
    }
    return undefined;
  },
};

/** The first thing iptables refuses while reading the line: what `iptables-restore` prints for it. */
export function firstProblem(line: RuleLine): RuleProblem | undefined {
  if (line.rule.problems[0]) return line.rule.problems[0];
  // It depends on the rule's own words only, and an incremental parse keeps the rule of an
  // unchanged line: worked out once per rule, not once per edit.
  let known = line.rule.finalMemo;
  if (known === undefined) line.rule.finalMemo = known = finalChecks(line, line.rule.command?.chain?.value) ?? null;
  return known ?? undefined;
}

function checkBlock(file: ParsedFile, block: TableBlock, out: Finding[]): void {
  const table = block.name;
  const header = block.header;
  if (!isTableName(table) && !header.cr) {
    const name = header.name;
    out.push({
      code: 'unknown-table',
      line: header.index,
      start: name?.start ?? 0,
      end: name?.end ?? header.text.length,
      message: `There is no table "${table}": iptables-restore stops with "line ${header.index + 1} table name '${table}' invalid". The tables are ${tableList('and')}.`,
      subject: table,
    });
    return;
  }
  const builtins = new Set<string>(builtinChains(table));
  // Chains by the line that declares them (`:NAME` or `-N NAME`).
  const declared = new Map<string, number>();
  for (const line of block.declarations) {
    if (line.kind === 'chain' && line.name) {
      const name = line.name.value;
      if (!declared.has(name)) declared.set(name, line.index);
      const policy = line.policy?.value;
      if (!builtins.has(name) && policy !== undefined && policy !== '-') {
        const other = tableWithChain(name);
        out.push({
          code: 'policy-on-user-chain',
          line: line.index,
          start: line.policy?.start ?? 0,
          end: line.policy?.end ?? line.text.length,
          message:
            (other
              ? `${name} is a built-in chain of the ${other} table, not of ${table}: here it is a user chain, and user chains have no policy. `
              : `${name} is a user chain, and user chains have no policy. `) +
            `iptables-nft-restore ignores "${policy}" without a word; iptables-legacy-restore stops with "Can't set policy \`${policy}' on \`${name}' line ${line.index + 1}: Bad built-in chain name". Write "-" instead.`,
          subject: name,
        });
      }
    } else if (line.kind === 'rule' && line.rule.command?.name === 'new-chain' && line.rule.command.chain) {
      const name = line.rule.command.chain.value;
      if (!declared.has(name)) declared.set(name, line.index);
    }
  }

  // Jumps between chains, and the hooks that reach each chain.
  const edges = new Map<string, Array<{ to: string; line: RuleLine }>>();
  // The clean rules whose kernel verdict depends on the hooks that reach their chain.
  const clean: RuleLine[] = [];
  // The first line of each rule text, by the hash the parse took of it.
  const appended = new HashTable<RuleLine, RuleLine>(block.lines.length, sameRuleText);
  for (const line of block.lines) {
    if (line.kind !== 'rule') continue;
    const problem = firstProblem(line);
    if (problem) {
      out.push({ code: problem.code, line: line.index, start: problem.start, end: problem.end, message: quote(problem.message, line), subject: problem.option });
      continue;
    }
    // A rule the kernel takes in any chain of this table (most rules) was settled by the parse.
    if (line.rule.kernelMemo !== table) clean.push(line);
    // Loads, but surprises: checked here, in the one pass over the block's rules.
    addressSurprises(file, line, out);
    if (line.rule.command?.name === 'append') {
      // The same arguments, however they are spaced.
      const first = appended.get(line, line.textHash);
      if (!first) appended.set(line, line.textHash, line);
      else {
        out.push({
          code: 'duplicate-rule', line: line.index, start: 0, end: line.text.length, relatedLine: first.index, relatedMessage: 'first copy',
          message: `The same rule as line ${first.index + 1}: this copy never decides anything the first has not.`,
        });
      }
    }
    const cmd = line.rule.command;
    const chain = cmd?.chain?.value;
    if (!cmd || chain === undefined || !RULE_COMMANDS.has(cmd.name)) continue;
    if (!builtins.has(chain)) {
      const at = declared.get(chain);
      const tok = cmd.chain ?? cmd.flag;
      if (at === undefined) {
        const other = tableWithChain(chain);
        out.push({
          code: 'undefined-chain',
          line: line.index,
          start: tok.start,
          end: tok.end,
          message:
            (other ? `The ${table} table has no ${chain} chain (${chain} belongs to ${other}). ` : `Chain ${chain} is not declared in this ${table} block. `) +
            `iptables-restore stops with "line ${line.index + 1} failed: No chain/target/match by that name."` +
            (other ? '' : ` Declare it with ":${chain} - [0:0]" after "*${table}".`),
          subject: other ? undefined : chain,
        });
        continue;
      }
      if (at > line.index) {
        out.push(declaredLate(line, tok, chain, at, 'used'));
        continue;
      }
    }
    const target = line.rule.target;
    const to = target?.name?.value;
    if (target && to !== undefined && !target.spec && !isStandardTarget(to)) {
      const tok = target.name ?? target.flag;
      const at = declared.get(to);
      if (at === undefined || builtins.has(to)) {
        const ext = findTarget(to.toUpperCase(), file.family);
        const standard = STANDARD_TARGETS[to.toUpperCase()] !== undefined;
        const otherFam = otherFamilyExtension('target', to, file.family);
        const hint = standard || ext
          ? ` Targets are case-sensitive: did you mean ${to.toUpperCase()}?`
          : otherFam
            ? ` ${to} is a target of ${file.family === 'ipv4' ? 'ip6tables' : 'iptables'}, not of ${file.family === 'ipv4' ? 'iptables' : 'ip6tables'}.`
            : ` Declare it with ":${to} - [0:0]" after "*${table}".`;
        out.push({
          code: 'undefined-chain',
          line: line.index,
          start: tok.start,
          end: tok.end,
          message: builtins.has(to)
            ? `${to} is a built-in chain: rules cannot jump to it, and iptables-restore stops at line ${line.index + 1}.`
            : `There is no target or chain called ${to}: iptables-nft-restore stops with "Chain '${to}' does not exist" (legacy: "Couldn't load target \`${to}'").${hint}`,
          subject: standard || ext || otherFam || builtins.has(to) ? undefined : to,
        });
        continue;
      }
      if (at > line.index) {
        out.push(declaredLate(line, tok, to, at, 'jumped to'));
        continue;
      }
      const list = edges.get(chain) ?? [];
      list.push({ to, line });
      edges.set(chain, list);
    }
  }

  const hooks = hooksByChain(builtins, edges);
  findLoops(builtins, edges, out);

  // What the kernel refuses when the rules are committed. The verdict depends on the rule, its table
  // and the hooks that reach its chain, so a rule an edit left alone keeps it.
  const hookKeys = new Map<string, string>();
  for (const line of clean) {
    // A rule that passes without a look at its hooks is kept as just its table's name: most rules,
    // and no object for each, and nothing more to look up here.
    const known = line.rule.kernelMemo as KernelMemo | HookAllowance | string | undefined;
    if (known === table) continue;
    const chain = line.rule.command?.chain?.value;
    if (chain === undefined || line.rule.command?.name === 'delete') continue;
    let hookKey = hookKeys.get(chain);
    if (hookKey === undefined) hookKeys.set(chain, (hookKey = `${table} ${[...(hooks.get(chain) ?? NO_HOOKS)].sort().join(',')}`));
    // One message quotes the line number, so that is part of the key too.
    // A rule that passes only once its hooks are known keeps the hooks' key, shared by its chain.
    let k: Omit<Finding, 'line'> | undefined;
    if (known === hookKey) k = undefined;
    else if (typeof known === 'object' && 'allowed' in known && known.table === table && within(hooks.get(chain) ?? NO_HOOKS, known)) k = undefined;
    else if (typeof known === 'object' && 'hooks' in known && known.hooks === hookKey && known.index === line.index) k = known.finding;
    else {
      kernelReadHooks = false;
      k = kernelCheck(line, table, hooks.get(chain) ?? NO_HOOKS, file.family);
      line.rule.kernelMemo = k ? ({ hooks: hookKey, index: line.index, finding: k } satisfies KernelMemo) : kernelReadHooks ? hookKey : table;
    }
    if (k) out.push({ ...k, line: line.index });
  }
}

// Kept per parsed rule (a rule object belongs to one family): what the kernel says, and the host-bits findings.
type KernelMemo = { hooks: string; index: number; finding: Omit<Finding, 'line'> | undefined };
const NO_FINDINGS: Array<Omit<Finding, 'line'>> = [];

const sameRuleText = (a: RuleLine, b: RuleLine): boolean => ruleText(a) === ruleText(b);

/** `-s 10.1.2.3/8`: iptables keeps only 10.0.0.0/8; `-s 010.0.0.1`: it reads 8.0.0.1. */
function addressSurprises(file: ParsedFile, line: RuleLine, out: Finding[]): void {
  for (const f of addressFindings(line, file.family)) out.push({ ...f, line: line.index });
}

/** Where iptables stores a rule's `-s`/`-d` other than written (host bits, octal numbers): worked out once, kept on the rule. */
export function addressFindings(line: RuleLine, family: 'ipv4' | 'ipv6'): ReadonlyArray<Omit<Finding, 'line'>> {
  let found = line.rule.hostBitsMemo as Array<Omit<Finding, 'line'>> | undefined;
  if (!found) {
    found = NO_FINDINGS;
    for (const o of line.rule.core) {
      if (o.name !== 'source' && o.name !== 'destination') continue;
      const arg = o.args[0];
      if (!arg || arg.value.includes(',')) continue;
      const meant = octalMisreading(arg.value, family);
      if (meant) {
        if (found === NO_FINDINGS) found = [];
        found.push({
          code: 'octal-address', start: arg.start, end: arg.end, subject: meant.text,
          message: `${arg.value} has a number with a leading zero, which iptables reads as octal: it loads ${meant.stored}, not ${meant.decimal}.`,
        });
        continue;
      }
      if (arg.value.indexOf('/') < 0) continue;
      const net = hostBitsNetwork(arg.value, family);
      if (!net) continue;
      if (found === NO_FINDINGS) found = [];
      found.push({
        code: 'host-bits-set', start: arg.start, end: arg.end, subject: net,
        message: `${arg.value} has host bits set beyond the mask: iptables stores it as ${net}, which matches the whole network.`,
      });
    }
    line.rule.hostBitsMemo = found;
  }
  return found;
}

function quote(message: string, line: RuleLine): string {
  return `iptables-restore stops at line ${line.index + 1}: "${message}"`;
}

function hooksByChain(builtins: Set<string>, edges: Map<string, Array<{ to: string }>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const hook of builtins) {
    const stack = [hook];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const c = stack.pop() as string;
      if (seen.has(c)) continue;
      seen.add(c);
      const set = out.get(c) ?? new Set<string>();
      set.add(hook);
      out.set(c, set);
      for (const e of edges.get(c) ?? []) stack.push(e.to);
    }
  }
  return out;
}

function findLoops(builtins: Set<string>, edges: Map<string, Array<{ to: string; line: RuleLine }>>, out: Finding[]): void {
  // Iterative DFS from each built-in chain; a back edge to a chain on the stack closes a loop.
  const reported = new Set<RuleLine>();
  const done = new Set<string>();
  for (const root of builtins) {
    const onStack = new Set<string>([root]);
    const path: string[] = [root];
    const iters: Array<Iterator<{ to: string; line: RuleLine }>> = [(edges.get(root) ?? [])[Symbol.iterator]()];
    while (iters.length > 0) {
      const next = iters[iters.length - 1].next();
      if (next.done) {
        iters.pop();
        const left = path.pop() as string;
        onStack.delete(left);
        done.add(left);
        continue;
      }
      const { to, line } = next.value;
      if (onStack.has(to)) {
        if (!reported.has(line)) {
          reported.add(line);
          const loop = [...path.slice(path.indexOf(to)), to].join(' -> ');
          const tok = line.rule.target?.name ?? line.rule.target?.flag;
          out.push({
            code: 'jump-loop',
            line: line.index,
            start: tok?.start ?? 0,
            end: tok?.end ?? line.text.length,
            message: `This jump closes a loop (${loop}): the kernel refuses it, and iptables-nft-restore stops with "RULE_APPEND failed (Too many links)" (legacy: "line N failed" at the COMMIT).`,
            subject: to,
          });
        }
        continue;
      }
      if (done.has(to) && !builtins.has(to)) continue;
      onStack.add(to);
      path.push(to);
      iters.push((edges.get(to) ?? [])[Symbol.iterator]());
    }
  }
}

// The kernel's IPv6 addrtype knows no broadcast, blackhole, prohibit, throw, nat or xresolve.
const IPV6_NO_ADDRTYPE = new Set(['BROADCAST', 'BLACKHOLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE']);

function kernelCheck(line: RuleLine, table: string, hooks: ReadonlySet<string>, family: 'ipv4' | 'ipv6'): Omit<Finding, 'line'> | undefined {
  const rule = line.rule;
  for (const m of rule.matches) {
    if (family === 'ipv4' && m.module === 'hashlimit') {
      // hashlimit groups IPv4 addresses by at most 32 bits; the kernel refuses more.
      for (const o of m.options) {
        const arg = o.args[0];
        if ((o.name === 'hashlimit-srcmask' || o.name === 'hashlimit-dstmask') && arg && Number(arg.value) > 32) {
          return { code: 'invalid-value', start: arg.start, end: arg.end, subject: 'hashlimit', message: `--${o.name} ${arg.value} is longer than an IPv4 address (32 bits): ${KERNEL_REFUSES}.` };
        }
      }
    }
    if (family === 'ipv6' && m.module === 'addrtype') {
      for (const o of m.options) {
        if (o.name !== 'src-type' && o.name !== 'dst-type') continue;
        const bad = (o.args[0]?.value ?? '').toUpperCase().split(',').find((t) => IPV6_NO_ADDRTYPE.has(t));
        const arg = o.args[0] ?? o.flag;
        if (bad) return { code: 'invalid-value', start: arg.start, end: arg.end, subject: 'addrtype', message: `ip6tables' addrtype cannot match ${bad}: ${KERNEL_REFUSES}.` };
      }
    }
  }
  // The string match searches from --from to --to; the kernel refuses a window that ends before it starts.
  for (const m of rule.matches) {
    if (m.module !== 'string') continue;
    const from = m.options.find((o) => o.name === 'from')?.args[0];
    const to = m.options.find((o) => o.name === 'to')?.args[0];
    if (from && to && Number(from.value) > Number(to.value)) {
      return { code: 'invalid-value', start: from.start, end: to.end, subject: 'string', message: `--from ${from.value} is past --to ${to.value}: ${KERNEL_REFUSES}.` };
    }
  }
  const count = rule.matches.length + (rule.target?.spec ? 1 : 0);
  // Only extensions (REJECT among them) ask for the protocol.
  const proto = count > 0 ? protocolOf(line) : undefined;
  for (let k = 0; k < count; k++) {
    const use: MatchUse | TargetUse = k < rule.matches.length ? rule.matches[k] : (rule.target as TargetUse);
    const spec = use.spec?.spec;
    if (!spec) continue;
    const name = extName(use);
    const anchor = 'module' in use ? use.name : (use.name ?? use.flag);
    const kind = spec.kind === 'match' ? 'match' : 'target';
    if (spec.removed) {
      return { code: 'unknown-extension', start: anchor.start, end: anchor.end, message: `The ${name} ${kind} no longer exists: ${spec.removed}. ${cap(KERNEL_REFUSES)}.` };
    }
    if (spec.tables && !spec.tables.includes(table)) {
      return {
        code: 'wrong-table-or-chain', start: anchor.start, end: anchor.end, subject: name,
        message: `The ${name} ${kind} is only valid in the ${spec.tables.join(' or ')} table${spec.tables.length > 1 ? 's' : ''}, not in ${table}: ${KERNEL_REFUSES}.`,
      };
    }
    if (spec.hooks) noteHooks(spec.hooks);
    if (spec.hooks && hooks.size > 0) {
      const bad = hooksOutside(hooks, spec.hooks);
      if (bad.length > 0) {
        return {
          code: 'wrong-table-or-chain', start: anchor.start, end: anchor.end, subject: name,
          message: `The ${name} ${kind} is only valid from ${spec.hooks.join(', ')}, and this rule is reached from ${bad.join(', ')}: ${KERNEL_REFUSES}.`,
        };
      }
    }
    if (spec.protocols && !spec.protocolMessage && !spec.protocols.includes(proto ?? '')) {
      return {
        code: 'missing-protocol', start: anchor.start, end: anchor.end, subject: spec.protocols[0],
        message: `The ${name} ${kind} needs ${spec.protocols.map((p) => `-p ${p}`).join(' or ')}: ${KERNEL_REFUSES}.`,
      };
    }
    for (const o of use.options) {
      if (o.spec?.hooks) noteHooks(o.spec.hooks);
      if (o.spec?.hooks && hooks.size > 0) {
        const bad = hooksOutside(hooks, o.spec.hooks);
        if (bad.length > 0) {
          return {
            code: 'wrong-table-or-chain', start: o.flag.start, end: o.flag.end, subject: name,
            message: `${name} --${o.name} is only valid from ${o.spec.hooks.join(', ')}, and this rule is reached from ${bad.join(', ')}: ${KERNEL_REFUSES}.`,
          };
        }
      }
      if (o.spec?.protocols && !o.spec.protocols.includes(proto ?? '')) {
        return {
          code: 'missing-protocol', start: o.flag.start, end: o.flag.end, subject: o.spec.protocols[0],
          message: `--${o.name} needs -p ${o.spec.protocols.join(' or -p ')}: ${KERNEL_REFUSES}.`,
        };
      }
    }
    const hookProblem = optionHooks(use, hooks);
    if (hookProblem) return hookProblem;
  }
  if (table === 'nat' && rule.target?.name?.value === 'DROP' && !rule.target.goto) {
    const t = rule.target.name;
    return {
      code: 'wrong-table-or-chain', start: t.start, end: t.end, subject: 'DROP',
      message: `The nat table is not for filtering: DROP is refused there, and iptables-restore stops at line ${line.index + 1}. Drop the packets in the filter table instead.`,
    };
  }
  const reject = rule.target?.name?.value === 'REJECT' ? has(rule.target, 'reject-with') : undefined;
  if (reject && /^tcp-(reset|rst)$/.test(reject.args[0]?.value ?? '') && proto !== 'tcp') {
    return {
      code: 'missing-protocol', start: reject.flag.start, end: reject.args[0].end, subject: 'tcp',
      message: `--reject-with tcp-reset answers with a TCP reset, so it needs -p tcp: ${KERNEL_REFUSES}.`,
    };
  }
  return undefined;
}

/**
 * The kernel's verdict on a rule where it does not depend on the hooks that reach it (most rules),
 * kept as the table's name; the rest wait for validate, which knows the hooks.
 */
export function kernelVerdictOfRule(line: RuleLine, table: string, family: 'ipv4' | 'ipv6'): void {
  if (line.rule.kernelMemo !== undefined || !isTableName(table)) return;
  kernelReadHooks = false;
  kernelAllowed = undefined;
  kernelHooksByValue = false;
  kernelAllowedMet = false;
  const k = kernelCheck(line, table, NO_HOOKS, family);
  if (k) return;
  if (!kernelReadHooks) line.rule.kernelMemo = table;
  // Passing apart from the hooks, with fixed lists of the hooks allowed (REJECT's, say): validate
  // then only checks the chain's hooks against them.
  else if (!kernelHooksByValue && kernelAllowed) line.rule.kernelMemo = kernelAllowedMet ? allowanceByKey(table, kernelAllowed) : allowance(table, kernelAllowed);
}

/** Set by kernelCheck when its verdict depended on the hooks that reach the rule. */
let kernelReadHooks = false;
/** The hooks every extension and option of the rule allows (undefined: no list yet). */
let kernelAllowed: readonly string[] | undefined;
/** Set when what the hooks allow depends on an option's value (policy, addrtype, physdev). */
let kernelHooksByValue = false;
/** Set when `kernelAllowed` is where two lists met, not the knowledge base's own list. */
let kernelAllowedMet = false;

function noteHooks(allowed: readonly string[]): void {
  kernelReadHooks = true;
  // The knowledge base's own list while there is one; a new list only where two meet.
  kernelAllowedMet = kernelAllowed !== undefined;
  kernelAllowed = kernelAllowed ? kernelAllowed.filter((h) => allowed.includes(h)) : allowed;
}

/** A rule that passes in `table` when the hooks that reach it are all `allowed`: one object per list. */
interface HookAllowance {
  table: string;
  allowed: ReadonlySet<string>;
}
const ALLOWANCES = new Map<string, HookAllowance>();
// By the knowledge base's own list, for the common rule with one: no key to build per rule.
const ALLOWANCES_BY_LIST = new Map<string, Map<readonly string[], HookAllowance>>();
function allowance(table: string, allowed: readonly string[]): HookAllowance {
  let byList = ALLOWANCES_BY_LIST.get(table);
  if (!byList) ALLOWANCES_BY_LIST.set(table, (byList = new Map()));
  let a = byList.get(allowed);
  if (!a) byList.set(allowed, (a = allowanceByKey(table, allowed)));
  return a;
}
function allowanceByKey(table: string, allowed: readonly string[]): HookAllowance {
  const key = `${table} ${[...allowed].sort().join(',')}`;
  let a = ALLOWANCES.get(key);
  if (!a) {
    a = { table, allowed: new Set(allowed) };
    if (ALLOWANCES.size < 256) ALLOWANCES.set(key, a);
  }
  return a;
}

function within(hooks: ReadonlySet<string>, a: HookAllowance): boolean {
  for (const h of hooks) if (!a.allowed.has(h)) return false;
  return true;
}

/** The hooks that reach a rule but are not among those allowed. */
function hooksOutside(hooks: ReadonlySet<string>, allowed: readonly string[]): string[] {
  const bad: string[] = [];
  for (const h of hooks) if (!allowed.includes(h)) bad.push(h);
  return bad;
}

function optionHooks(use: MatchUse | TargetUse, hooks: ReadonlySet<string>): Omit<Finding, 'line'> | undefined {
  const name = extName(use);
  if (name !== 'policy' && name !== 'addrtype' && name !== 'physdev') return undefined;
  // Apart, so the closures below cost the extensions that ask nothing of the hooks no context.
  return hookLimits(use, name, hooks);
}

function hookLimits(use: MatchUse | TargetUse, name: string, hooks: ReadonlySet<string>): Omit<Finding, 'line'> | undefined {
  kernelReadHooks = true;
  kernelHooksByValue = true;
  const limit = (o: OptionUse | undefined, allowed: readonly string[], what: string): Omit<Finding, 'line'> | undefined => {
    if (!o) return undefined;
    const bad = hooksOutside(hooks, allowed);
    if (bad.length === 0) return undefined;
    return {
      code: 'wrong-table-or-chain', start: o.flag.start, end: (o.args[0] ?? o.flag).end, subject: name,
      message: `${what} is only valid from ${allowed.join(', ')}, and this rule is reached from ${bad.join(', ')}: ${KERNEL_REFUSES}.`,
    };
  };
  if (name === 'policy') {
    const dir = has(use, 'dir');
    return limit(dir, dir?.args[0]?.value === 'in' ? IN_HOOKS : OUT_HOOKS, `policy --dir ${dir?.args[0]?.value ?? ''}`);
  }
  if (name === 'addrtype') {
    return limit(has(use, 'limit-iface-in'), IN_HOOKS, 'addrtype --limit-iface-in') ?? limit(has(use, 'limit-iface-out'), OUT_HOOKS, 'addrtype --limit-iface-out');
  }
  if (name === 'physdev' && !has(use, 'physdev-is-bridged')) {
    return limit(has(use, 'physdev-out') ?? has(use, 'physdev-is-out'), ['PREROUTING', 'INPUT'], 'physdev --physdev-out without --physdev-is-bridged');
  }
  return undefined;
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}


const byCode = new WeakMap<ParsedFile, Map<string, Finding[]>>();

/** The findings of one code. */
export function findingsOf(file: ParsedFile, code: string): Finding[] {
  let map = byCode.get(file);
  if (!map) {
    map = new Map();
    for (const f of validate(file)) {
      const list = map.get(f.code) ?? [];
      list.push(f);
      map.set(f.code, list);
    }
    byCode.set(file, map);
  }
  return map.get(code) ?? [];
}
