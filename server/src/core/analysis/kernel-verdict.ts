// What the kernel refuses when the rules are committed, which `iptables-restore --test` does not
// see: an extension that no longer exists (unknown-extension), one outside its tables or hooks
// (wrong-table-or-chain), one without the protocol it needs (missing-protocol), values out of the
// kernel's range (invalid-value). The verdict depends on the rule, its table and the hooks that
// reach its chain, so it is kept on the rule: a rule an edit left alone keeps it.
import type { ExtensionSpec } from '../kb/types';
import type { MatchUse, OptionUse, ParsedFile, RuleLine, TableBlock, TargetUse } from '../syntax/model';
import { IN_HOOKS, OUT_HOOKS, isTableName } from '../kb/tables';
import { enumByPrefix, hostmaskLength, parseUint } from '../kb/forms';
import { queueBalanceRange } from '../kb/final-checks';
import type { IptablesVersion } from '../kb/releases';
import { maskLoadsAs, parseIPv6 } from '../net/address';
import { blockChains, unsettledRules } from './block-pass';
import { findingsByCode, NO_FINDINGS, type Finding, type RuleFinding } from './finding';
import { extAnchor, extName, firstProblem, knownTable, protocolOf } from './rule-problems';
import { hashlimitRefused, limitRefused } from './rate-overflow';

const NO_HOOKS: ReadonlySet<string> = new Set();

function has(use: MatchUse | TargetUse, name: string): OptionUse | undefined {
  for (const o of use.options) if (o.name === name) return o;
  return undefined;
}

/**
 * The kernel's verdict kept on a rule (ParsedRule's kernelMemo): the table's name when the rule
 * passes there whatever hooks reach it (most rules: no object for each); the key of the hooks it
 * passes for; the hooks it passes from; or, for a rule it refuses, the finding with what it holds for.
 */
export type KernelVerdict = string | HookAllowance | KernelRefusal;

/** A refusal (or a pass) for the hooks of `hooks`, at line `index` (one message quotes the line number). */
interface KernelRefusal {
  hooks: string;
  index: number;
  finding: RuleFinding | undefined;
}

declare module '../syntax/model' {
  interface RuleMemoTypes {
    kernel: KernelVerdict;
  }
}

const byCode = new WeakMap<ParsedFile, Map<string, Finding[]>>();

/** What the kernel refuses, of one code. */
export function kernelFindings(file: ParsedFile, code: string): readonly Finding[] {
  return findingsByCode(byCode, file, collect).get(code) ?? NO_FINDINGS;
}

function collect(file: ParsedFile): Finding[] {
  const out: Finding[] = [];
  for (const block of file.blocks) if (knownTable(block)) checkBlock(file, block, out);
  return out;
}

function checkBlock(file: ParsedFile, block: TableBlock, out: Finding[]): void {
  const table = block.name;
  const hooks = blockChains(file, block)?.hooks ?? NO_HOOK_MAP;
  const hookKeys = new Map<string, string>();
  for (const line of unsettledRules(file, block, 'kernel')) {
    // A rule that passes without a look at its hooks is kept as just its table's name: most rules,
    // and no object for each, and nothing more to look up here.
    const known = line.rule.kernelMemo;
    if (known === table) continue;
    const chain = line.rule.command?.chain?.value;
    if (chain === undefined || line.rule.command?.name === 'delete') continue;
    const reaching = hooks.get(chain) ?? NO_HOOKS;
    let hookKey = hookKeys.get(chain);
    if (hookKey === undefined) hookKeys.set(chain, (hookKey = `${table} ${[...reaching].sort().join(',')}`));
    // A rule that passes only once its hooks are known keeps the hooks' key, shared by its chain.
    let k: RuleFinding | undefined;
    if (known === hookKey) k = undefined;
    else if (typeof known === 'object' && 'allowed' in known && known.table === table && within(reaching, known)) k = undefined;
    else if (typeof known === 'object' && 'hooks' in known && known.hooks === hookKey && known.index === line.index) k = known.finding;
    else {
      kernelReadHooks = false;
      k = kernelCheck(line, table, reaching, file.family);
      line.rule.kernelMemo = k ? { hooks: hookKey, index: line.index, finding: k } : kernelReadHooks ? hookKey : table;
    }
    if (k) out.push({ ...k, line: line.index });
  }
}

const NO_HOOK_MAP: ReadonlyMap<string, ReadonlySet<string>> = new Map();

// The kernel's IPv6 addrtype knows no broadcast, blackhole, prohibit, throw, nat or xresolve.
const IPV6_NO_ADDRTYPE = new Set(['BROADCAST', 'BLACKHOLE', 'PROHIBIT', 'THROW', 'NAT', 'XRESOLVE']);

function kernelCheck(line: RuleLine, table: string, hooks: ReadonlySet<string>, family: 'ipv4' | 'ipv6'): RuleFinding | undefined {
  const rule = line.rule;
  for (const m of rule.matches) {
    if (m.module === 'hashlimit') {
      // hashlimit keeps a mask's length: one with holes (IPv4's `33` is 0.0.0.33) is 255, above the
      // family's 32 or 128 bits, and the kernel refuses it.
      for (const o of m.options) {
        const arg = o.args[0];
        if ((o.name === 'hashlimit-srcmask' || o.name === 'hashlimit-dstmask') && arg && maskLoadsAs(arg.value, family)?.holes) {
          return { code: 'invalid-value', start: arg.start, end: arg.end, subject: 'hashlimit', messageId: 'maskTooLong', data: { option: o.name, value: arg.value } };
        }
      }
      const refused = hashlimitRefused(m);
      if (refused) return refused;
    }
    if (m.module === 'recent') {
      // The kernel keeps at most 65535 packets per address (Linux 6.18 here; older kernels 255, recent-hitcount warns).
      const arg = has(m, 'hitcount')?.args[0];
      const hits = arg ? parseUint(arg.value) : undefined;
      if (arg && hits !== undefined && hits > RECENT_MAX_HITCOUNT) {
        return { code: 'invalid-value', start: arg.start, end: arg.end, subject: 'recent', messageId: 'hitcountTooHigh', data: { value: arg.value } };
      }
    }
    const named = m.module === 'recent' || m.module === 'hashlimit' ? procNameRefused(m) : undefined;
    if (named) return named;
    if (family === 'ipv6' && m.module === 'addrtype') {
      for (const o of m.options) {
        if (o.name !== 'src-type' && o.name !== 'dst-type') continue;
        const bad = (o.args[0]?.value ?? '').toUpperCase().split(',').find((t) => IPV6_NO_ADDRTYPE.has(t));
        const arg = o.args[0] ?? o.flag;
        if (bad) return { code: 'invalid-value', start: arg.start, end: arg.end, subject: 'addrtype', messageId: 'addrtypeIPv6', data: { type: bad } };
      }
    }
  }
  // The string match searches from --from to --to; the kernel refuses a window that ends before it starts.
  for (const m of rule.matches) {
    if (m.module !== 'string') continue;
    const from = m.options.find((o) => o.name === 'from')?.args[0];
    const to = m.options.find((o) => o.name === 'to')?.args[0];
    if (from && to && Number(from.value) > Number(to.value)) {
      return { code: 'invalid-value', start: from.start, end: to.end, subject: 'string', messageId: 'stringWindow', data: { from: from.value, to: to.value } };
    }
  }
  const queues = queueBalanceRefused(rule.target, rule.release) ?? targetValueRefused(rule.target);
  if (queues) return queues;
  const count = rule.matches.length + (rule.target?.spec ? 1 : 0);
  // Only extensions (REJECT among them) ask for the protocol.
  const proto = count > 0 ? protocolOf(line) : undefined;
  for (let k = 0; k < count; k++) {
    const use: MatchUse | TargetUse = k < rule.matches.length ? rule.matches[k] : (rule.target as TargetUse);
    const refused = use.spec ? extensionVerdict(use, use.spec.spec, table, hooks, proto) : undefined;
    if (refused) return refused;
  }
  if (table === 'nat' && rule.target?.name?.value === 'DROP' && !rule.target.goto) {
    const t = rule.target.name;
    return {
      code: 'wrong-table-or-chain', start: t.start, end: t.end, subject: 'DROP',
      messageId: 'dropInNat', data: { line: { line: line.index } },
    };
  }
  const reject = rule.target?.name?.value === 'REJECT' ? has(rule.target, 'reject-with') : undefined;
  if (reject && proto !== 'tcp' && isTcpReset(reject)) {
    return {
      code: 'missing-protocol', start: reject.flag.start, end: reject.args[0].end, subject: 'tcp',
      messageId: 'tcpReset', data: {},
    };
  }
  // Last: a refusal of one back end only must not hide one of both.
  for (const m of rule.matches) {
    const refused = m.module === 'limit' ? limitRefused(m) : undefined;
    if (refused) return refused;
  }
  return undefined;
}

const RECENT_MAX_HITCOUNT = 65535;

/**
 * recent's and hashlimit's list names become file names under /proc/net: the kernel refuses an empty
 * name, `.`, `..` and a name with a slash (seen here with both back ends).
 */
function procNameRefused(m: MatchUse): RuleFinding | undefined {
  const arg = has(m, m.module === 'recent' ? 'name' : 'hashlimit-name')?.args[0];
  if (!arg) return undefined;
  const v = arg.value;
  if (v !== '' && v !== '.' && v !== '..' && !v.includes('/')) return undefined;
  return { code: 'invalid-value', start: arg.start, end: arg.end, subject: m.module, messageId: 'procName', data: { option: m.module === 'recent' ? 'name' : 'hashlimit-name', value: `"${v}"` } };
}

/**
 * NFQUEUE's --queue-balance first:last hands the kernel last-first+1 queues in 16 bits: 0:65535
 * makes 65536, which is 0 there, and the kernel refuses no queues at all.
 */
function queueBalanceRefused(target: TargetUse | undefined, release: IptablesVersion): RuleFinding | undefined {
  if (target?.name?.value !== 'NFQUEUE') return undefined;
  const arg = has(target, 'queue-balance')?.args[0];
  if (!arg) return undefined;
  const range = queueBalanceRange(arg.value, release);
  if (typeof range !== 'object' || range.last - range.first + 1 !== 65536) return undefined;
  return { code: 'invalid-value', start: arg.start, end: arg.end, subject: 'NFQUEUE', messageId: 'queueTotalZero', data: { value: arg.value } };
}

/** Whether an option after the k-th writes the same field (OptionSpec.sameField), so the k-th does not load. */
function overwrittenLater(options: readonly OptionUse[], k: number): boolean {
  const same = options[k].spec?.sameField;
  if (!same) return false;
  for (let j = k + 1; j < options.length; j++) if (same.includes(options[j].name)) return true;
  return false;
}

/** --reject-with names tcp-reset (or its alias): iptables takes any prefix of a name, the first in its table. */
function isTcpReset(o: OptionUse): boolean {
  const v = o.args[0]?.value ?? '';
  const form = o.spec?.form;
  const name = form?.kind === 'enum' && form.prefix ? enumByPrefix(v, form.values) : v;
  return name === 'tcp-reset' || name === 'tcp-rst';
}

/** The longest timeout the kernel's IDLETIMER takes: below INT_MAX / 1000 seconds (xt_IDLETIMER's checkentry). */
const IDLETIMER_MAX = 2147482;

/** Values iptables passes and the target's checkentry in the kernel refuses (measured on Linux 6.18, both back ends). */
function targetValueRefused(target: TargetUse | undefined): RuleFinding | undefined {
  const name = target?.name?.value;
  if (name === 'HMARK' && target) return hmarkRefused(target);
  if (!target || (name !== 'CONNMARK' && name !== 'IDLETIMER' && name !== 'DNPT' && name !== 'SNPT')) return undefined;
  for (const o of target.options) {
    const arg = o.args[0];
    if (!arg) continue;
    const at = { start: arg.start, end: arg.end, subject: name };
    const n = parseUint(arg.value);
    if (name === 'CONNMARK' && (o.name === 'left-shift-mark' || o.name === 'right-shift-mark') && n !== undefined && n > 31) {
      return { code: 'invalid-value', ...at, messageId: 'connmarkShift', data: { option: o.name, value: arg.value } };
    }
    if (name === 'IDLETIMER' && o.name === 'label' && arg.value === '') {
      return { code: 'invalid-value', ...at, messageId: 'idletimerNoLabel', data: {} };
    }
    if (name === 'IDLETIMER' && o.name === 'timeout' && n !== undefined && (n === 0 || n > IDLETIMER_MAX)) {
      return { code: 'invalid-value', ...at, messageId: n === 0 ? 'idletimerZero' : 'idletimerLong', data: { value: arg.value, max: IDLETIMER_MAX } };
    }
    if ((o.name === 'src-pfx' || o.name === 'dst-pfx') && (name === 'DNPT' || name === 'SNPT')) {
      const why = nptPrefixRefused(arg.value);
      if (why) return { code: 'invalid-value', ...at, messageId: why, data: { option: o.name, value: arg.value } };
    }
  }
  return undefined;
}

/** HMARK's checkentry: an SPI value takes the place of the port values (xt_HMARK refuses both). */
function hmarkRefused(target: TargetUse): RuleFinding | undefined {
  if (!has(target, 'hmark-spi')) return undefined;
  const port = has(target, 'hmark-sport') ?? has(target, 'hmark-dport');
  if (!port) return undefined;
  return { code: 'invalid-value', start: port.flag.start, end: port.flag.end, subject: 'HMARK', messageId: 'hmarkSpiPorts', data: { option: port.name } };
}

/** DNPT/SNPT translate at most 64 bits of prefix, and the kernel wants no bits set beyond its length. */
function nptPrefixRefused(value: string): 'nptTooLong' | 'nptWhole' | 'nptHostBits' | undefined {
  const slash = value.indexOf('/');
  const bytes = parseIPv6(slash < 0 ? value : value.slice(0, slash));
  const len = slash < 0 ? 128 : hostmaskLength(value.slice(slash + 1), 'ipv6');
  if (!bytes || len === undefined) return undefined;
  if (slash < 0) return 'nptWhole';
  if (len < 0 || len > 64) return 'nptTooLong';
  for (let bit = len; bit < 128; bit++) if (bytes[bit >> 3] & (0x80 >> (bit & 7))) return 'nptHostBits';
  return undefined;
}

/** What the kernel refuses in one extension of the rule: where it may be used, the protocol it needs. */
function extensionVerdict(use: MatchUse | TargetUse, spec: ExtensionSpec, table: string, hooks: ReadonlySet<string>, proto: string | undefined): RuleFinding | undefined {
  const name = extName(use);
  const anchor = extAnchor(use);
  const kind = spec.kind === 'match' ? 'match' : 'target';
  if (spec.removed) {
    return { code: 'unknown-extension', start: anchor.start, end: anchor.end, messageId: 'removed', data: { name, kind, removed: spec.removed } };
  }
  if (spec.tables && !spec.tables.includes(table)) {
    return {
      code: 'wrong-table-or-chain', start: anchor.start, end: anchor.end, subject: name,
      messageId: spec.tables.length > 1 ? 'onlyInTables' : 'onlyInTable', data: { name, kind, tables: spec.tables.join(' or '), table },
    };
  }
  if (spec.hooks) noteHooks(spec.hooks);
  if (spec.hooks && hooks.size > 0) {
    const bad = hooksOutside(hooks, spec.hooks);
    if (bad.length > 0) {
      return {
        code: 'wrong-table-or-chain', start: anchor.start, end: anchor.end, subject: name,
        messageId: 'onlyFromHooks', data: { name, kind, hooks: spec.hooks.join(', '), reached: bad.join(', ') },
      };
    }
  }
  if (spec.protocols && !spec.protocolMessage && !spec.protocols.includes(proto ?? '')) {
    return {
      code: 'missing-protocol', start: anchor.start, end: anchor.end, subject: spec.protocols[0],
      messageId: 'extensionNeedsProtocol', data: { name, kind, protocols: spec.protocols.map((p) => `-p ${p}`).join(' or ') },
    };
  }
  for (let k = 0; k < use.options.length; k++) {
    const o = use.options[k];
    if (o.spec?.tables && !o.spec.tables.includes(table)) {
      return {
        code: 'wrong-table-or-chain', start: o.flag.start, end: o.flag.end, subject: name,
        messageId: 'optionOnlyInTable', data: { name, option: o.name, tables: o.spec.tables.join(' or '), table },
      };
    }
    // An option a later one overwrites (TCPMSS --clamp-mss-to-pmtu, then --set-mss) is not what loads.
    const optionHooks = o.spec?.hooks && !overwrittenLater(use.options, k) ? o.spec.hooks : undefined;
    if (optionHooks) noteHooks(optionHooks);
    if (optionHooks && hooks.size > 0) {
      const bad = hooksOutside(hooks, optionHooks);
      if (bad.length > 0) {
        return {
          code: 'wrong-table-or-chain', start: o.flag.start, end: o.flag.end, subject: name,
          messageId: 'optionOnlyFromHooks', data: { name, option: o.name, hooks: optionHooks.join(', '), reached: bad.join(', ') },
        };
      }
    }
    if (o.spec?.protocols && !o.spec.protocols.includes(proto ?? '')) {
      return {
        code: 'missing-protocol', start: o.flag.start, end: o.flag.end, subject: o.spec.protocols[0],
        messageId: 'optionNeedsProtocol', data: { option: o.name, protocols: `-p ${o.spec.protocols.join(' or -p ')}` },
      };
    }
  }
  const hookProblem = optionHooks(use, hooks);
  if (hookProblem) return hookProblem;
  return undefined;
}


/**
 * The kernel's verdict on a rule where it does not depend on the hooks that reach it (most rules),
 * kept as the table's name; the rest wait for kernelFindings, which knows the hooks.
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

function optionHooks(use: MatchUse | TargetUse, hooks: ReadonlySet<string>): RuleFinding | undefined {
  const name = extName(use);
  if (name !== 'policy' && name !== 'addrtype' && name !== 'physdev') return undefined;
  // Apart, so the closures below cost the extensions that ask nothing of the hooks no context.
  return hookLimits(use, name, hooks);
}

function hookLimits(use: MatchUse | TargetUse, name: string, hooks: ReadonlySet<string>): RuleFinding | undefined {
  kernelReadHooks = true;
  kernelHooksByValue = true;
  const limit = (o: OptionUse | undefined, allowed: readonly string[], messageId: string, data: Record<string, string> = {}): RuleFinding | undefined => {
    if (!o) return undefined;
    const bad = hooksOutside(hooks, allowed);
    if (bad.length === 0) return undefined;
    return {
      code: 'wrong-table-or-chain', start: o.flag.start, end: (o.args[0] ?? o.flag).end, subject: name,
      messageId, data: { ...data, hooks: allowed.join(', '), reached: bad.join(', ') },
    };
  };
  if (name === 'policy') {
    const dir = has(use, 'dir');
    return limit(dir, dir?.args[0]?.value === 'in' ? IN_HOOKS : OUT_HOOKS, 'policyDir', { dir: dir?.args[0]?.value ?? '' });
  }
  if (name === 'addrtype') {
    return limit(has(use, 'limit-iface-in'), IN_HOOKS, 'addrtypeIface', { option: 'limit-iface-in' }) ?? limit(has(use, 'limit-iface-out'), OUT_HOOKS, 'addrtypeIface', { option: 'limit-iface-out' });
  }
  // The kernel's xt_physdev refuses the output port in OUTPUT only, unless bridged traffic (not `! --physdev-is-bridged`) is asked for.
  const bridged = name === 'physdev' ? has(use, 'physdev-is-bridged') : undefined;
  if (name === 'physdev' && (!bridged || bridged.negation)) {
    const out = has(use, 'physdev-out') ?? has(use, 'physdev-is-out');
    return limit(out, ['PREROUTING', 'INPUT', 'FORWARD', 'POSTROUTING'], 'physdevOut', { option: out?.name ?? '' });
  }
  return undefined;
}

/**
 * What only the legacy kernel (x_tables) refuses: iptables-nft loads these rules (measured with 1.8.9 on
 * Linux 6.18), as the knowledge base's legacyTables and legacyNeedsSyn say: TRACE outside raw, TCPMSS
 * without a tcp match of SYN packets.
 */
export function legacyKernelFindings(file: ParsedFile, code: string): readonly Finding[] {
  return findingsByCode(legacyByCode, file, collectLegacy).get(code) ?? NO_FINDINGS;
}

const legacyByCode = new WeakMap<ParsedFile, Map<string, Finding[]>>();

function collectLegacy(file: ParsedFile): Finding[] {
  const out: Finding[] = [];
  for (const block of file.blocks) {
    if (!knownTable(block)) continue;
    for (const line of block.lines) {
      if (line.kind !== 'rule') continue;
      const target = line.rule.target;
      const name = target?.name;
      const spec = target?.spec?.spec;
      if (!spec || !name || (!spec.legacyTables && !spec.legacyNeedsSyn)) continue;
      // A rule iptables refuses while reading it never reaches the kernel.
      if (firstProblem(line)) continue;
      // iptables-legacy-restore names the block's COMMIT, where the table goes to the kernel.
      const commit = { line: block.commit?.index ?? line.index };
      if (spec.legacyTables && !spec.legacyTables.includes(block.name)) {
        out.push({ code: 'wrong-table-or-chain', line: line.index, start: name.start, end: name.end, subject: spec.name, messageId: 'legacyOnlyInTable', data: { name: spec.name, tables: spec.legacyTables.join(' or '), table: block.name, commit } });
      } else if (spec.legacyNeedsSyn && protocolOf(line) === 'tcp' && !line.rule.matches.some(matchesSyn)) {
        out.push({ code: 'missing-protocol', line: line.index, start: name.start, end: name.end, subject: spec.name, messageId: 'legacyNeedsSyn', data: { name: spec.name, commit } });
      }
    }
  }
  return out;
}

/** A tcp match of SYN packets, as TCPMSS's checkentry looks for one: SYN among the flags that must be set, not negated. */
function matchesSyn(m: MatchUse): boolean {
  if (m.module !== 'tcp') return false;
  for (const o of m.options) {
    if (o.negation) continue;
    if (o.name === 'syn') return true;
    const set = o.name === 'tcp-flags' ? o.args[1]?.value.toUpperCase().split(',') : undefined;
    if (set && (set.includes('SYN') || set.includes('ALL'))) return true;
  }
  return false;
}

const KERNEL_REFUSES = 'the kernel refuses the rule and iptables-restore stops with "RULE_APPEND failed (Invalid argument)"';
const REFUSED_FROM = `is only valid from {hooks}, and this rule is reached from {reached}: ${KERNEL_REFUSES}.`;

/** The templates of what the kernel refuses, by the code of the check that reports them. */
export const KERNEL_MESSAGES = {
  'invalid-value': {
    maskTooLong: `--{option} {value} is no prefix length: iptables reads it as a mask with holes, hashlimit keeps 255 as its length, and ${KERNEL_REFUSES}.`,
    addrtypeIPv6: `ip6tables' addrtype cannot match {type}: ${KERNEL_REFUSES}.`,
    stringWindow: `--from {from} is past --to {to}: ${KERNEL_REFUSES}.`,
    hitcountTooHigh: `--hitcount {value} is above 65535, the most packets the kernel keeps per address (older kernels: 255): ${KERNEL_REFUSES}.`,
    procName: `--{option} {value} cannot name a file under /proc/net, as the kernel makes of it: ${KERNEL_REFUSES}.`,
    queueTotalZero: `--queue-balance {value} makes 65536 queues, which the kernel holds in 16 bits as 0: ${KERNEL_REFUSES}.`,
    connmarkShift: `--{option} {value} shifts by more than 31 bits, which iptables takes and ${KERNEL_REFUSES}.`,
    idletimerNoLabel: `An empty --label names no timer: ${KERNEL_REFUSES}.`,
    idletimerZero: `--timeout 0 never fires: ${KERNEL_REFUSES}.`,
    idletimerLong: `--timeout {value} is above {max} seconds, the longest the kernel's timer takes: ${KERNEL_REFUSES}.`,
    nptTooLong: `--{option} {value}: prefix translation takes at most 64 bits of prefix, and ${KERNEL_REFUSES}.`,
    hmarkSpiPorts: `--hmark-spi with --{option}: the SPI takes the place of the ports in the hash, and ${KERNEL_REFUSES}.`,
    nptWhole: `--{option} {value} has no prefix length, so iptables takes the whole address (/128); prefix translation takes at most 64 bits of prefix, and ${KERNEL_REFUSES}.`,
    nptHostBits: `--{option} {value} has bits set beyond its prefix length: ${KERNEL_REFUSES}.`,
    hashlimitZero: `--{option} 0: the kernel wants a hashlimit table to have one, so it refuses the rule and iptables-restore stops with "RULE_APPEND failed (Invalid argument)".`,
    hashlimitOverflow: `A rate of {rate} with a burst of {burst} overflows the kernel's hashlimit credits ("overflow, try lower"): the kernel refuses the rule and iptables-restore stops with "RULE_APPEND failed (Numerical result out of range)". Give a faster rate or a smaller burst.`,
    hashlimitRateMatch: `--hashlimit-rate-match with a rate of {rate} leaves no packets per second to compare ("invalid rate"): the kernel refuses the rule and iptables-restore stops with "RULE_APPEND failed (Numerical result out of range)".`,
    limitOverflow: `A rate of {rate} with a burst of {burst} overflows the kernel's limit credits ("Overflow, try lower"): iptables-legacy-restore fails at the COMMIT ("line N failed"). iptables-nft-restore loads it as nft's own limit. Give a faster rate or a smaller burst.`,
    limitBurstZero: `--limit-burst 0: the kernel's limit match refuses a burst of 0 ("Overflow, try lower"), so iptables-legacy-restore fails at the COMMIT ("line N failed"). iptables-nft-restore loads it as nft's own limit.`,
  },
  'unknown-extension': {
    removed: `The {name} {kind} no longer exists: {removed}. The kernel refuses the rule and iptables-restore stops with "RULE_APPEND failed (Invalid argument)".`,
  },
  'wrong-table-or-chain': {
    onlyInTable: `The {name} {kind} is only valid in the {tables} table, not in {table}: ${KERNEL_REFUSES}.`,
    onlyInTables: `The {name} {kind} is only valid in the {tables} tables, not in {table}: ${KERNEL_REFUSES}.`,
    onlyFromHooks: `The {name} {kind} ${REFUSED_FROM}`,
    optionOnlyFromHooks: `{name} --{option} ${REFUSED_FROM}`,
    optionOnlyInTable: `{name} --{option} is only valid in the {tables} table, not in {table}: ${KERNEL_REFUSES}.`,
    policyDir: `policy --dir {dir} ${REFUSED_FROM}`,
    addrtypeIface: `addrtype --{option} ${REFUSED_FROM}`,
    physdevOut: `physdev --{option} without --physdev-is-bridged ${REFUSED_FROM}`,
    legacyOnlyInTable: 'The {name} target is only valid in the {tables} table with iptables-legacy, not in {table}: the kernel refuses the rule and iptables-legacy-restore stops with "line {commit} failed"; iptables-nft loads it.',
    dropInNat: 'The nat table is not for filtering: DROP is refused there, and iptables-restore stops at line {line}. Drop the packets in the filter table instead.',
  },
  'missing-protocol': {
    extensionNeedsProtocol: `The {name} {kind} needs {protocols}: ${KERNEL_REFUSES}.`,
    optionNeedsProtocol: `--{option} needs {protocols}: ${KERNEL_REFUSES}.`,
    legacyNeedsSyn: '{name} only works on TCP SYN packets, and this rule has no `--syn` (or `--tcp-flags` with SYN set): the legacy kernel refuses the rule and iptables-legacy-restore stops with "line {commit} failed"; iptables-nft loads it.',
    tcpReset: `--reject-with tcp-reset answers with a TCP reset, so it needs -p tcp: ${KERNEL_REFUSES}.`,
  },
} as const;
