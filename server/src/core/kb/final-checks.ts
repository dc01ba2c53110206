// The checks an extension runs on its options once iptables has read every argument of the rule
// (its "final check"): options it requires, options that exclude or need each other, the protocol
// it needs, and the rules of a few extensions of their own. Facts of iptables, one home.
import type { ExtensionSpec, OptionSpec } from './types';
import { parseUint, readHashlimitBurst, readHashlimitRate } from './forms';
import { TCP_OPTION_NUMBERS } from './targets';

/** A stretch of the rule's line: offsets in the line. */
export interface Span {
  start: number;
  end: number;
}

/** An option as written, as far as a final check reads it. */
export interface WrittenOption {
  name: string;
  flag: Span;
  negation: Span | undefined;
  args: ReadonlyArray<Span & { value: string }>;
  /** What the knowledge base says of it, where it knows it. */
  spec?: OptionSpec;
}

/** An extension as written in a rule: its options in order, and the word that names it. */
export interface WrittenExtension {
  options: readonly WrittenOption[];
  /** Where a problem of the extension as a whole is shown: its name (`-m NAME`, `-j NAME`). */
  anchor: Span;
}

/** What a final check refuses, with iptables's own message. */
export interface FinalProblem extends Span {
  code: 'invalid-option-use' | 'invalid-value' | 'missing-protocol';
  message: string;
  /** For a missing protocol: the protocol to add. */
  option?: string;
}

/**
 * What iptables refuses in one extension of a rule once the rule is read, or undefined. `name` is
 * the extension's name as written, `proto` the match `-p` names (undefined without `-p`).
 */
export function extensionFinalCheck(spec: ExtensionSpec, name: string, ext: WrittenExtension, proto: string | undefined): FinalProblem | undefined {
  const anchor = ext.anchor;
  if (spec.needsOption && ext.options.length === 0) {
    return { code: 'invalid-option-use', message: `${name}: At least one option is required`, start: anchor.start, end: anchor.end };
  }
  // iptables runs the extension's own final check before the checks of its option table.
  const own = OWN_CHECKS[name]?.(ext, proto);
  if (own) return own;
  if (spec.required) {
    const m = missingOf(ext, spec.required, name);
    if (m) return m;
  }
  for (const group of spec.requiredGroups ?? NO_GROUPS) {
    const m = missingOf(ext, group, name);
    if (m) return m;
  }
  const pair = pairProblem(spec, ext, name);
  if (pair) return pair;
  if (spec.protocolMessage && spec.protocols && !spec.protocols.includes(proto ?? '')) {
    return { code: 'missing-protocol', message: spec.protocolMessage, start: anchor.start, end: anchor.end, option: spec.protocols[0] };
  }
  return undefined;
}

const NO_GROUPS: ReadonlyArray<readonly string[]> = [];

/**
 * An option given without one it needs, or with one it excludes. libxtables walks the option table
 * in its order, and for each option given, the others in order: the first pair it meets names the
 * message, whatever order the rule wrote them in.
 */
function pairProblem(spec: ExtensionSpec, ext: WrittenExtension, name: string): FinalProblem | undefined {
  for (const os of spec.options) {
    const o = ext.options.find((w) => w.spec === os);
    if (!o) continue;
    for (const other of spec.options) {
      if (other === os) continue;
      if (os.also.includes(other.name) && !has(ext, other.name)) {
        return { code: 'invalid-option-use', message: `${name}: option "--${os.printed ?? os.name}" also requires "--${other.printed ?? other.name}".`, start: o.flag.start, end: o.flag.end };
      }
      if (os.excl.includes(other.name) && has(ext, other.name)) {
        return { code: 'invalid-option-use', message: `${name}: option "--${os.printed ?? os.name}" cannot be used together with "--${other.printed ?? other.name}".`, start: o.flag.start, end: o.flag.end };
      }
    }
  }
  return undefined;
}

function has(ext: WrittenExtension, name: string): WrittenOption | undefined {
  for (const o of ext.options) if (o.name === name) return o;
  return undefined;
}

/** "option --x must be specified" when the extension has none of `group`. */
function missingOf(ext: WrittenExtension, group: readonly string[], name: string): FinalProblem | undefined {
  for (const g of group) if (has(ext, g)) return undefined;
  const which = group.length === 1 ? `option "--${group[0]}" must be specified` : `one of ${group.map((g) => `"--${g}"`).join(', ')} must be specified`;
  return { code: 'invalid-option-use', message: `${name}: ${which}`, start: ext.anchor.start, end: ext.anchor.end };
}

type OwnCheck = (ext: WrittenExtension, proto: string | undefined) => FinalProblem | undefined;

/** The extensions' own final checks, beyond what their specs say. */
const OWN_CHECKS: Readonly<Record<string, OwnCheck>> = {
  policy(ext) {
    const strict = has(ext, 'strict');
    const elements = ['reqid', 'spi', 'proto', 'mode', 'tunnel-src', 'tunnel-dst'];
    if (strict && !ext.options.some((o) => elements.includes(o.name))) {
      return { code: 'invalid-option-use', message: 'policy match: empty policy element in strict mode', start: strict.flag.start, end: strict.flag.end };
    }
    const tunnel = has(ext, 'tunnel-src') ?? has(ext, 'tunnel-dst');
    const mode = has(ext, 'mode');
    if (tunnel && mode?.args[0]?.value !== 'tunnel') {
      return { code: 'invalid-option-use', message: 'policy match: --tunnel-src/--tunnel-dst is only valid in tunnel mode', start: tunnel.flag.start, end: tunnel.flag.end };
    }
    return undefined;
  },
  statistic(ext) {
    const mode = has(ext, 'mode')?.args[0]?.value;
    const at = (has(ext, 'mode') ?? ext.options[0])?.flag ?? ext.anchor;
    const span = { start: at.start, end: at.end };
    if (mode === 'nth' && !(has(ext, 'every') && has(ext, 'packet'))) return { code: 'invalid-option-use', message: '--every and --packet must be specified when using nth mode', ...span };
    const every = has(ext, 'every')?.args[0]?.value;
    const packet = has(ext, 'packet');
    if (mode === 'nth' && every !== undefined && packet?.args[0] && Number(packet.args[0].value) >= Number(every)) {
      return { code: 'invalid-value', message: 'the --packet p must be 0 <= p <= n-1', start: packet.args[0].start, end: packet.args[0].end };
    }
    if (mode === 'random' && !has(ext, 'probability')) return { code: 'invalid-option-use', message: '--probability must be specified when using random mode', ...span };
    return undefined;
  },
  time(ext) {
    const c = has(ext, 'contiguous');
    const start = has(ext, 'timestart')?.args[0]?.value;
    const stop = has(ext, 'timestop')?.args[0]?.value;
    const secs = (t: string | undefined): number => (t ?? '').split(':').reduce((a, p, i) => a + Number(p) * [3600, 60, 1][i], 0);
    if (c && !(start && stop && secs(stop) < secs(start))) {
      return { code: 'invalid-option-use', message: 'time: --contiguous only makes sense when stoptime is smaller than starttime', start: c.flag.start, end: c.flag.end };
    }
    return undefined;
  },
  connlabel(ext) {
    const o = has(ext, 'label');
    const v = o?.args[0]?.value;
    if (o && v !== undefined && /^\d+$/.test(v) && Number(v) > 127) {
      return { code: 'invalid-value', message: `connlabel: label bit ${v} is out of range (0-127)`, start: o.args[0].start, end: o.args[0].end };
    }
    return undefined;
  },
  cluster(ext) {
    const total = Number(has(ext, 'cluster-total-nodes')?.args[0]?.value);
    const node = has(ext, 'cluster-local-node');
    if (node && Number(node.args[0]?.value) > total) {
      return { code: 'invalid-value', message: 'cluster match: the local node number cannot be higher than the total number of nodes', start: node.flag.start, end: (node.args[0] ?? node.flag).end };
    }
    return undefined;
  },
  recent(ext) {
    if (!has(ext, 'set') && !has(ext, 'rcheck') && !has(ext, 'update') && !has(ext, 'remove')) {
      return { code: 'invalid-option-use', message: "recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'", start: ext.anchor.start, end: ext.anchor.end };
    }
    // The kernel refuses --seconds and --hitcount unless the rule checks or updates the list.
    // `--hitcount 0` is the same as none (1.8.9 here loads it).
    const hits = has(ext, 'hitcount');
    const timing = has(ext, 'seconds') ?? (hits && hits.args[0]?.value !== '0' ? hits : undefined);
    if (timing && !has(ext, 'rcheck') && !has(ext, 'update')) {
      return { code: 'invalid-option-use', message: `recent: --${timing.name} only works with --rcheck or --update (the kernel refuses the rule)`, start: timing.flag.start, end: timing.flag.end };
    }
    return undefined;
  },
  HMARK: hmark,
  hashlimit,
  set(ext) {
    if (has(ext, 'match-set')) return undefined;
    return { code: 'invalid-option-use', message: "You must specify `--match-set' with proper arguments", start: ext.anchor.start, end: ext.anchor.end };
  },
  SET: setTarget,
  NFQUEUE(ext) {
    // --queue-balance takes two queues, the first below the last (its range form reads the numbers).
    const o = has(ext, 'queue-balance');
    const arg = o?.args[0];
    if (!o || !arg) return undefined;
    const colon = arg.value.indexOf(':');
    const span = { start: arg.start, end: arg.end };
    if (colon < 0) return { code: 'invalid-value', message: `Bad range "${arg.value}"`, ...span };
    const first = arg.value.slice(0, colon);
    const last = arg.value.slice(colon + 1);
    const a = first === '' ? 0 : parseUint(first);
    const b = last === '' ? 65535 : parseUint(last);
    if (a !== undefined && b !== undefined && a >= b) return { code: 'invalid-value', message: `${a} should be less than ${b}`, ...span };
    return undefined;
  },
};

function hashlimit(ext: WrittenExtension): FinalProblem | undefined {
  const rateOption = has(ext, 'hashlimit-upto') ?? has(ext, 'hashlimit') ?? has(ext, 'hashlimit-above');
  if (!rateOption) return { code: 'invalid-option-use', message: 'You have to specify --hashlimit', start: ext.anchor.start, end: ext.anchor.end };
  const burstOption = has(ext, 'hashlimit-burst');
  const rate = readHashlimitRate(rateOption.args[0]?.value ?? '');
  const burst = readHashlimitBurst(burstOption?.args[0]?.value ?? '');
  if (!burstOption?.args[0] || typeof rate !== 'object' || !burst) return undefined;
  const span = { start: burstOption.args[0].start, end: burstOption.args[0].end };
  if (rate.bytes) {
    // A byte burst must hold at least one interval of the rate, as the kernel counts it.
    const least = hashlimitCostBytes(rate.perSecond);
    if (burst.value < least) return { code: 'invalid-value', message: `burst cannot be smaller than ${least}b`, ...span };
  } else if (burst.value > 1000000) {
    return { code: 'invalid-value', message: 'bad value for option "--hashlimit-burst", or out of range (1-1000000).', ...span };
  }
  return undefined;
}

/** The bytes one token of a byte rate stands for, as hashlimit's parser works it out (cost_to_bytes of bytes_to_cost). */
export function hashlimitCostBytes(bytesPerSecond: number): number {
  const UINT32_MAX = 4294967295;
  const r = Math.floor(bytesPerSecond / 16) % 4294967296;
  const cost = Math.floor(UINT32_MAX / (r + 1));
  return ((cost ? Math.floor(UINT32_MAX / cost) : UINT32_MAX) - 1) * 16;
}

function hmark(ext: WrittenExtension): FinalProblem | undefined {
  // --hmark-tuple marks the masks of the fields it names as given: naming one again after it is refused.
  const byTuple: Record<string, string> = { src: 'hmark-src-prefix', dst: 'hmark-dst-prefix', sport: 'hmark-sport-mask', dport: 'hmark-dport-mask', spi: 'hmark-spi-mask' };
  const marked = new Set<string>();
  for (const o of ext.options) {
    if (o.name === 'hmark-tuple') {
      for (const f of (o.args[0]?.value ?? '').split(',')) if (byTuple[f]) marked.add(byTuple[f]);
    } else if (marked.has(o.name)) {
      return { code: 'invalid-option-use', message: `HMARK: option "--${o.name}" can only be used once.`, start: o.flag.start, end: o.flag.end };
    }
  }
  // The SPI takes the place of the ports: masks exclude masks, values exclude values.
  for (const [spiName, portNames] of [['hmark-spi-mask', ['hmark-sport-mask', 'hmark-dport-mask']], ['hmark-spi', ['hmark-sport', 'hmark-dport']]] as const) {
    const spi = has(ext, spiName);
    const port = portNames.map((n) => has(ext, n)).find((o) => o);
    if (spi && port) {
      return { code: 'invalid-option-use', message: `HMARK: option "--${spi.name}" cannot be used together with "--${port.name}".`, start: spi.flag.start, end: spi.flag.end };
    }
  }
  return undefined;
}

/** SET's own final check (revision 3): which set options it needs, and what the flags need. */
function setTarget(ext: WrittenExtension): FinalProblem | undefined {
  const at = (o: WrittenOption | undefined): Span => (o ? { start: o.flag.start, end: o.flag.end } : { start: ext.anchor.start, end: ext.anchor.end });
  const refuse = (message: string, o?: WrittenOption): FinalProblem => ({ code: 'invalid-option-use', message, ...at(o) });
  const map = has(ext, 'map-set');
  if (!has(ext, 'add-set') && !has(ext, 'del-set') && !map) return refuse("You must specify either `--add-set' or `--del-set' or `--map-set'");
  if (!has(ext, 'add-set')) {
    const exist = has(ext, 'exist');
    if (exist) return refuse("Flag `--exist' can be used with `--add-set' only", exist);
    const timeout = has(ext, 'timeout');
    if (timeout) return refuse("Option `--timeout' can be used with `--add-set' only", timeout);
  }
  const mapFlags = ['map-mark', 'map-prio', 'map-queue'];
  if (!map) {
    for (const f of mapFlags) {
      const o = has(ext, f);
      if (o) return refuse(`Flag \`--${f}' can be used with \`--map-set' only`, o);
    }
    return undefined;
  }
  // iptables's words as it prints them, quotes and all.
  if (!mapFlags.some((f) => has(ext, f))) return refuse("You must specify flags `--map-mark' or '--map-prio` or `--map-queue'", map);
  return undefined;
}

/**
 * Checks an extension's parser makes as it reads one option, knowing the options read before it:
 * iptables's message, or undefined. They run once the option's value has passed.
 */
/** What an extension's parser refuses as it reads an option. */
export interface ParseProblem {
  code: 'invalid-option-use' | 'invalid-value';
  message: string;
}
const misuse = (message: string): ParseProblem => ({ code: 'invalid-option-use', message });

export const PARSE_CHECKS: Readonly<Record<string, (o: WrittenOption, before: readonly WrittenOption[]) => ParseProblem | undefined>> = {
  rt(o, before) {
    if (o.name === 'rt-0-res' || o.name === 'rt-0-addrs') {
      // The type-0 options need `--rt-type 0`, not negated, before them.
      const type = before.find((b) => b.name === 'rt-type');
      const zero = type && !type.negation && type.args[0] !== undefined && Number(type.args[0].value) === 0;
      return zero ? undefined : misuse(`\`--rt-type 0' required before \`--${o.name}'`);
    }
    if (o.name === 'rt-0-not-strict' && !before.some((b) => b.name === 'rt-0-addrs')) return misuse("`--rt-0-addr ...' required before `--rt-0-not-strict'");
    return undefined;
  },
  TCPOPTSTRIP(o) {
    const seen = new Set<number>();
    for (const item of (o.args[0]?.value ?? '').split(',')) {
      const n = TCP_OPTION_NUMBERS.get(item) ?? parseUint(item);
      if (n === undefined) return undefined;
      if (n < 2) return { code: 'invalid-value', message: 'Option value may not be 0 or 1' };
      if (seen.has(n)) return { code: 'invalid-value', message: `Option "${item}" already specified` };
      seen.add(n);
    }
    return undefined;
  },
  owner(o, before) {
    // 1.8.9 reads --suppl-groups as a change to the --gid-owner before it.
    if (o.name !== 'suppl-groups' || before.some((b) => b.name === 'gid-owner')) return undefined;
    return misuse('owner: Bad value for "--suppl-groups" option: "you need to use --gid-owner first"');
  },
};
