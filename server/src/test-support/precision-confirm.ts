// Each warning the linter gives on a real file, checked by what it claims: the kernel must show it.
// ssh-lockout and missing-loopback must fire exactly when the kernel blocks; a rule said to change
// nothing (shadowed, duplicate, unreachable) must change no verdict when deleted; and so on.
import { lint, type Diagnostic } from '../core';
import { type LoadResult, loadInNamespace, type ProbeResult } from './netns';
import { sshWitnesses, type Witness } from './precision-witness';
import { type Family, PRECISION_PORTS, legacyLoader, lintRealFile, refusedAt, type Loading, type PortVerdict, probeAs, reachVerdicts, verdictKey } from './precision';

export interface Finding {
  file: string;
  code: string;
  /** 1-based. */
  line: number;
  message: string;
  confirmed: boolean;
  /** What the kernel showed. */
  why: string;
}

export interface FileOutcome {
  loading: Loading;
  /** Disagreements on errors: a false error on a file that loads, or none at the line iptables refuses. */
  errorProblems: string[];
  verdicts: PortVerdict[];
  /** Where the probe's client cannot open SSH: the kernel and the engine for clients the file names. */
  witnesses: Witness[];
  findings: Finding[];
  /** Exact codes (ssh-lockout, missing-loopback) that stayed quiet where the kernel blocks. */
  misses: Finding[];
}

/** Runs at most `size` probes at once, whichever file they belong to. */
export class Limiter {
  private running = 0;
  private waiting: Array<() => void> = [];
  constructor(private readonly size: number) {}
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((go) => this.waiting.push(go));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

const lineOf = (d: Diagnostic): number => d.range.start.line + 1;
const portIn = (message: string): number | undefined => {
  const m = /tcp\/(\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
};
const withoutLines = (text: string, lines: readonly number[]): string => text.split('\n').filter((_, i) => !lines.includes(i + 1)).join('\n');

/** The codes whose claim is a rule that changes nothing: delete it, and no verdict may change. */
const CHANGES_NOTHING = new Set(['shadowed-rule', 'duplicate-rule', 'unreachable-rule']);

interface Context {
  l: Loading;
  base: ProbeResult;
  baseKey: string;
  ports: number[];
  limiter: Limiter;
  witnesses: Witness[];
  /** For a file with no final newline: iptables-legacy-restore on it, and on it with the newline. */
  legacy?: { legacy: LoadResult; fixed: LoadResult };
}

const endsText = (w: Witness): string => `${w.ends.cli} on ${w.ends.iface} to ${w.ends.fw}`;

/** Whether the kernel keeps every client out of SSH: the probe's client, and each the file names. */
function sshBlocked(ctx: { base: ProbeResult; witnesses: Witness[] }): { blocked: boolean; why: string } {
  const v = ctx.base.verdicts.get(22);
  if (v === 'ACCEPT') return { blocked: false, why: `kernel tcp/22 ${v}` };
  const inside = ctx.witnesses.find((w) => w.verdict.kernel === 'ACCEPT');
  if (inside) return { blocked: false, why: `kernel tcp/22 ${v}, but ACCEPT from ${endsText(inside)}` };
  return { blocked: true, why: `kernel tcp/22 ${v}, and from ${ctx.witnesses.map((w) => `${endsText(w)} ${w.verdict.kernel}`).join('; ')}` };
}

/** A finding's confirmation: what the kernel does, against what the warning claims. */
async function confirm(ctx: Context, d: Diagnostic, lines: Map<string, number[]>): Promise<{ confirmed: boolean; why: string }> {
  const { base } = ctx;
  if (d.code === 'ssh-lockout') {
    const { blocked, why } = sshBlocked(ctx);
    return { confirmed: blocked, why };
  }
  if (d.code === 'missing-loopback') {
    const v = base.loopback.get(3306);
    return { confirmed: v !== 'ACCEPT', why: `kernel lo tcp/3306 ${v}` };
  }
  if (d.code === 'no-default-deny' || d.code === 'plaintext-mail-protocol') {
    const port = portIn(d.message);
    const v = port === undefined ? undefined : base.verdicts.get(port);
    return { confirmed: v === 'ACCEPT', why: `kernel tcp/${port} ${v}` };
  }
  if (CHANGES_NOTHING.has(d.code)) {
    // Every later copy at once leaves one of each: when that changes nothing, neither does one copy.
    if (d.code === 'duplicate-rule' && (await sameVerdicts(ctx, lines.get(d.code) ?? [])).same) return { confirmed: true, why: 'same verdicts without every later copy' };
    const { same, key } = await sameVerdicts(ctx, [lineOf(d)]);
    return { confirmed: same, why: same ? 'same verdicts without the line' : `without the line: ${key}; with it: ${ctx.baseKey}` };
  }
  if (d.code === 'missing-final-newline' && ctx.legacy) {
    const { legacy, fixed } = ctx.legacy;
    const ok = legacy.status !== 0 && /Bad argument `COMMIT'/.test(legacy.stderr) && fixed.status === 0;
    return { confirmed: ok, why: `legacy: ${legacy.status === 0 ? 'loads' : legacy.stderr.trim().split('\n')[0]}; legacy with the newline: ${fixed.status === 0 ? 'loads' : fixed.stderr.trim().split('\n')[0]}; nft loads` };
  }
  if (d.code === 'state-match') return stateMatch(ctx, lines.get(d.code) ?? []);
  return { confirmed: false, why: 'no kernel check written for this code' };
}

/** The kernel's verdicts with `lines` deleted, against the file's; asked once per set of lines. */
const deletions = new WeakMap<Loading, Map<string, Promise<{ same: boolean; key: string }>>>();
function sameVerdicts(ctx: Context, lines: number[]): Promise<{ same: boolean; key: string }> {
  let known = deletions.get(ctx.l);
  if (!known) deletions.set(ctx.l, (known = new Map()));
  const id = lines.join(',');
  let answer = known.get(id);
  if (!answer) {
    answer = ctx.limiter.run(() => probeAs(ctx.l, withoutLines(ctx.l.file.text, lines), ctx.ports)).then((p) => ({ same: verdictKey(p) === ctx.baseKey, key: verdictKey(p) }));
    known.set(id, answer);
  }
  return answer;
}

/** state-match claims `-m state --state` is `-m conntrack --ctstate`: every such line rewritten, the same verdicts. */
const stateVariants = new WeakMap<Loading, Promise<{ confirmed: boolean; why: string }>>();
function stateMatch(ctx: Context, lines: number[]): Promise<{ confirmed: boolean; why: string }> {
  let known = stateVariants.get(ctx.l);
  if (!known) {
    const rewritten = ctx.l.file.text
      .split('\n')
      .map((t, i) => (lines.includes(i + 1) ? t.replace(/-m state\b/g, '-m conntrack').replace(/--state\b/g, '--ctstate') : t))
      .join('\n');
    known = ctx.limiter.run(() => probeAs(ctx.l, rewritten, ctx.ports)).then((p) => {
      const key = verdictKey(p);
      return { confirmed: key === ctx.baseKey, why: key === ctx.baseKey ? 'same verdicts with conntrack' : `with conntrack: ${key}; with state: ${ctx.baseKey}` };
    });
    stateVariants.set(ctx.l, known);
  }
  return known;
}

/** The exact codes: quiet where the kernel blocks is a miss. */
function missesOf(l: Loading, diagnostics: Diagnostic[], ctx: Context): Finding[] {
  const { base } = ctx;
  const misses: Finding[] = [];
  const fired = (code: string): boolean => diagnostics.some((d) => d.code === code);
  const ssh = sshBlocked(ctx);
  if (ssh.blocked && !fired('ssh-lockout')) misses.push({ file: l.file.name, code: 'ssh-lockout', line: 0, message: '', confirmed: false, why: `${ssh.why}; no warning` });
  // Quiet is a miss when a connection over lo fails on the check's port or on one few files name.
  const lo = [...base.loopback].filter(([, v]) => v !== 'ACCEPT');
  if (lo.length && !fired('missing-loopback')) misses.push({ file: l.file.name, code: 'missing-loopback', line: 0, message: '', confirmed: false, why: `kernel ${lo.map(([p, v]) => `lo tcp/${p} ${v}`).join(', ')}, no warning` });
  return misses;
}

type Backend = 'auto' | 'nft' | 'legacy';

/**
 * Errors against what a loader does. A refused file needs an error at the line the loader names,
 * or one whose message names that line: the two back ends name different lines for an undefined
 * chain (legacy the rule, nft the COMMIT), and undefined-chain keeps its diagnostic on the rule and
 * names the COMMIT line in the message. A file the loader takes may have no error.
 */
function errorsAgainst(l: Loading, family: Family, backend: Backend, load: LoadResult): string[] {
  const errors = lint(l.file.text, { fileName: l.file.name, family, backend }).filter((d) => d.severity === 'error');
  const listed = errors.map((d) => `${lineOf(d)} ${d.code}`).join(', ') || 'none';
  if (load.status === 0) return errors.length ? [`backend ${backend}, ${family}: the loader takes the file; our errors: ${listed} (${errors[0].message})`] : [];
  const at = refusedAt(load.stderr);
  const names = (d: Diagnostic): boolean => new RegExp(`\\bline ${at}\\b`).test(d.message);
  if (at !== undefined && errors.some((d) => lineOf(d) === at || names(d))) return [];
  return [`backend ${backend}, ${family}: refused at line ${at} (${load.stderr.trim().split('\n')[0]}); our errors: ${listed}`];
}

/** Errors with the default settings and with each back end set, against iptables-nft-restore and iptables-legacy-restore. */
export function errorProblems(l: Loading): string[] {
  const problems: string[] = [];
  if (l.refused) {
    const nft = { status: 1, stderr: l.refused.stderr };
    problems.push(...errorsAgainst(l, l.detected, 'auto', nft), ...errorsAgainst(l, l.detected, 'nft', nft));
    if (!l.loads) problems.push(...errorsAgainst(l, l.detected, 'legacy', loadInNamespace(l.file.text, legacyLoader(l.detected), l.ipsets)));
  }
  if (l.loads) {
    problems.push(...errorsAgainst(l, l.family, 'nft', { status: 0, stderr: '' }));
    problems.push(...errorsAgainst(l, l.family, 'legacy', loadInNamespace(l.file.text, legacyLoader(l.family), l.ipsets)));
  }
  return problems;
}

/** Everything the suite checks on one file. */
export async function examine(l: Loading, limiter: Limiter): Promise<FileOutcome> {
  const problems = errorProblems(l);
  if (!l.loads) return { loading: l, errorProblems: problems, verdicts: [], witnesses: [], findings: [], misses: [] };
  const diagnostics = lintRealFile(l);
  // Loaded here, before the first await: a synchronous load later would stall the probes' timers.
  const legacy = l.file.text.endsWith('\n') ? undefined : { legacy: loadInNamespace(l.file.text, legacyLoader(l.family), l.ipsets), fixed: loadInNamespace(`${l.file.text}\n`, legacyLoader(l.family), l.ipsets) };
  for (const d of diagnostics.filter((x) => x.severity === 'error')) problems.push(`backend auto: false error on line ${lineOf(d)}: ${d.code}: ${d.message}`);
  const named = diagnostics.map((d) => (d.code === 'no-default-deny' || d.code === 'plaintext-mail-protocol' ? portIn(d.message) : undefined));
  const ports = [...new Set([...PRECISION_PORTS, ...named.filter((p): p is number => p !== undefined)])];
  const base = await limiter.run(() => probeAs(l, l.file.text, ports));
  if (base.loaded.status !== 0) throw new Error(`${l.file.name} loaded alone but not in the probe: ${base.loaded.stderr}`);
  const witnesses = base.verdicts.get(22) === 'ACCEPT' ? [] : await sshWitnesses(l, (work) => limiter.run(work));
  const ctx: Context = { l, base, baseKey: verdictKey(base), ports, limiter, witnesses, legacy };
  const lines = new Map<string, number[]>();
  for (const d of diagnostics) lines.set(d.code, [...(lines.get(d.code) ?? []), lineOf(d)]);
  const warnings = diagnostics.filter((d) => d.severity !== 'error');
  const findings = await Promise.all(
    warnings.map(async (d) => ({ file: l.file.name, code: d.code, line: lineOf(d), message: d.message, ...(await confirm(ctx, d, lines)) })),
  );
  return { loading: l, errorProblems: problems, verdicts: reachVerdicts(l, base), witnesses, findings, misses: missesOf(l, diagnostics, ctx) };
}

export interface Row {
  code: string;
  fired: number;
  confirmed: number;
  missed: number;
}

/** Per code: how many fired, how many the kernel confirmed, how many the exact codes missed. */
export function tableOf(outcomes: FileOutcome[]): Row[] {
  const rows = new Map<string, Row>();
  const row = (code: string): Row => rows.get(code) ?? (rows.set(code, { code, fired: 0, confirmed: 0, missed: 0 }).get(code) as Row);
  for (const o of outcomes) {
    for (const f of o.findings) {
      row(f.code).fired++;
      if (f.confirmed) row(f.code).confirmed++;
    }
    for (const m of o.misses) row(m.code).missed++;
  }
  for (const code of ['ssh-lockout', 'missing-loopback']) row(code);
  return [...rows.values()].sort((a, b) => a.code.localeCompare(b.code));
}
