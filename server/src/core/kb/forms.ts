// Argument forms of iptables options and how iptables 1.8 reads each one. A checker returns the
// message iptables prints when it refuses the value, or undefined when it takes it.
import { isHostName, lookupHostOk, numericAddress, optionMaskOk, parseIPv4, parseIPv6, plainIPv4, rangeEnds, readAddress } from '../net/address';

export { plainIPv4 };
import { resolvePort } from '../net/ports';
import { resolveOptionProtocol, resolveProtocol } from './protocols';
import { DEFAULT_VERSION, holdsIn, type IptablesVersion, type Releases } from './releases';

export type Family = 'ipv4' | 'ipv6';

export type ArgForm =
  | { kind: 'flag' }
  | { kind: 'port' }
  /** `backwardsOk`: the releases that load a backwards range (`4:3`, which then matches nothing); others refuse it. */
  | { kind: 'port-range'; backwardsOk?: Releases }
  | { kind: 'port-list'; max: number }
  /** `shared`: the releases that read it with the NAT parser of libxt_NAT.c (the others: its own, older one). */
  | { kind: 'nat-ports'; shared?: Releases }
  | { kind: 'nat-range'; shared?: Releases }
  | { kind: 'address' }
  | { kind: 'host' }
  | { kind: 'address-list' }
  | { kind: 'address-range' }
  | { kind: 'prefix' }
  /** `emptyOk`: an empty name loads (an extension's interface option; `-i ""` and `-o ""` are refused). */
  | { kind: 'interface'; emptyOk?: boolean }
  /**
   * `message`: the parse function's own words for a value it refuses (`%s` the value), instead of
   * libxtables's "out of range"; `atoi`: read as atoi reads it (a number at the start, the rest
   * ignored, cut to a C int), as the parse functions that call it do.
   */
  /**
   * `keepsBits`: the kernel's field holds that many bits, and a larger number loads cut to them;
   * `clampsAt`: the kernel lowers a larger number to this one (number-wraps warns of both).
   */
  | { kind: 'number'; min: number; max: number; message?: string; atoi?: boolean; keepsBits?: number; clampsAt?: number }
  /**
   * A range libxtables reads (XTTYPE_UINT*RC). `backwardsOk`: the releases that load a backwards
   * range; `backwards`: what the extension's own check prints for one (`{first}`, `{last}`), else
   * the knowledge base's words; `tableMax`: the option table's max, which libxtables applies to a
   * range since 1.8.11; `ownParser`: the extension reads the range itself (a string option), so
   * libxtables's checks of ranges do not apply. `u64`: a 64-bit range (XTTYPE_UINT64RC), read up to
   * 2^64-1 whatever `max` says. `names`: names that stand for numbers, matched by case-insensitive
   * prefix (an exact name wins, else the first that starts so), as mh reads its types; `message`
   * (`%s`, the item): the extension's own words for a bad item.
   */
  | {
      kind: 'number-range';
      min: number;
      max: number;
      backwardsOk?: Releases;
      backwards?: string;
      tableMax?: number;
      ownParser?: boolean;
      u64?: boolean;
      names?: ReadonlyArray<readonly [string, number]>;
      message?: string;
    }
  /** A prefix length or a dotted mask, as connlimit groups hosts. */
  /**
   * A prefix length or a mask in address form (xtables' PLENMASK). `lengthOnly`: read as PLEN, the
   * extension keeps only the length, and a mask with holes gives 255 (hashlimit's masks).
   */
  | { kind: 'group-mask'; lengthOnly?: true }
  /**
   * `names`: the value may instead be one of these names, read from a file as libxtables's lmap
   * (devgroup's /etc/iproute2/group); then a value that is not a number is looked up whole.
   */
  | { kind: 'value-mask'; bits: number; names?: readonly string[] }
  | EnumForm
  | { kind: 'flag-list'; values: readonly string[]; args: 2 }
  /**
   * sctp's `--chunk-types all|any|only LIST`: `chunks` are the chunk names in the source's order,
   * each with the flag letters it takes; `releases`, those only some releases know.
   */
  | { kind: 'sctp-chunks'; chunks: ReadonlyArray<readonly [string, string]>; releases: Readonly<Record<string, Releases>> }
  /**
   * A string. iptables refuses one over `maxLength` bytes; over `keeps` bytes it loads, cut to
   * `keeps` (the size of the kernel's field, less its NUL), or to `keepsNft` with iptables-nft.
   * `savedBare`: iptables-save prints it without quotes, always or only when it is not empty
   * (saved-unquoted warns of a value with a blank, or an empty one it prints).
   */
  | { kind: 'string'; maxLength: number; minLength?: number; keeps?: number; keepsNft?: number; savedBare?: 'always' | 'nonEmpty'; longMessage?: string }
  /** An unsigned 64-bit number, read as xtables_strtoul reads it (base 0); `message` as for a number. */
  | { kind: 'u64'; message?: string }
  /** A floating-point number, read with strtod, within min and max (XTTYPE_DOUBLE). */
  | { kind: 'float'; min: number; max: number }
  /** hashlimit's rate: `N[/unit]` in packets, or `N[k|m]b/s` in bytes. */
  | { kind: 'hashlimit-rate' }
  /** hashlimit's burst: a number, or bytes with a `k`/`m` (or any other) letter after it. */
  | { kind: 'hashlimit-burst' }
  /** HMARK's --hmark-tuple: a comma list of the fields to hash, each any prefix of a name, in any case. */
  | { kind: 'hmark-tuple' }
  /**
   * `caseSensitive`: an extension's protocol option (XTTYPE_PROTOCOL), whose names are looked up as
   * written. `nonzero`: the releases that refuse protocol 0 (conntrack's --ctproto).
   */
  | { kind: 'protocol'; caseSensitive?: boolean; nonzero?: Releases }
  | { kind: 'rate' }
  | { kind: 'mac' }
  | { kind: 'time-of-day' }
  | { kind: 'date' }
  | { kind: 'set-flags' }
  | { kind: 'free'; args?: number; optional?: boolean };

/** A value from a list of names (or a comma list of them), as the extension's parse function reads it. */
export interface EnumForm {
  kind: 'enum';
  values: readonly string[];
  list?: boolean;
  ignoreCase?: boolean;
  /** The message for a value refused, `%s` the item (or, with `rest`, the list from that item on). */
  message: string;
  /** The message for an item refused before the last one of a list, where it differs (addrtype's). */
  listMessage?: string;
  /** The message names the rest of the list from the refused item on, as conntrack, state and addrtype print it. */
  rest?: boolean;
  /** The message names the whole argument (hashlimit's mode). */
  whole?: boolean;
  /** The message for a list that ends in an empty item (`NEW,`), where the parser has one of its own. */
  trailing?: string;
  /**
   * Names match by a case-insensitive prefix (strncasecmp over the item's length): `first`, the first
   * name it begins (conntrack, state, addrtype); `unique`, it must begin only one (icmp's names), else
   * `ambiguous` (`%s` the item, `%1` and `%2` the first two names).
   */
  prefix?: 'first' | 'unique';
  ambiguous?: string;
  /** The list is cut with strtok at these characters: empty items are skipped (dccp, hashlimit's mode). */
  tokens?: string;
  /** Read by the time match's own day parser. */
  days?: 'week' | 'month';
  numeric?: { min: number; max: number; slash?: boolean };
  /** Values that only some releases know, with those releases (the rest refuse them with `message`). */
  releases?: Readonly<Record<string, Releases>>;
  /**
   * The values are ICMP (or ICMPv6) type names in the source's order, read as that release's parser
   * reads them (any unique case-insensitive prefix, or `type[/code]` in numbers).
   */
  icmp?: 'ICMP' | 'ICMPv6';
}

/** How many arguments an option takes: a count, or 'optional' (the next one unless it looks like an option). */
export function argCount(form: ArgForm): number | 'optional' {
  switch (form.kind) {
    case 'flag':
      return 0;
    case 'flag-list':
    case 'sctp-chunks':
    case 'set-flags':
      return 2;
    case 'free':
      return form.optional ? 'optional' : (form.args ?? 1);
    default:
      return 1;
  }
}

/** A short description of the form, for hovers and completion. */
export function describeForm(form: ArgForm): string {
  switch (form.kind) {
    case 'flag': return 'no argument';
    case 'port': return 'a port number or service name';
    case 'port-range': return 'a port or range `first:last`';
    case 'port-list': return `a comma list of up to ${form.max} ports or ranges`;
    case 'nat-ports': return 'a port or range `first-last`';
    case 'nat-range': return 'an address or range with optional ports, `addr[-addr][:port[-port]]`';
    case 'address': return 'an address with an optional mask, `addr[/mask]`';
    case 'host': return 'an address, without a mask';
    case 'address-list': return 'a comma list of addresses, each `addr[/mask]`';
    case 'address-range': return 'an address range `first-last`';
    case 'prefix': return 'a prefix `addr/length`';
    case 'interface': return 'an interface name under 16 characters; `+` at the end matches any suffix';
    case 'number': return `a number from ${form.min} to ${form.max}`;
    case 'number-range': return `a number or range \`min:max\` within ${form.min}-${form.max}`;
    case 'group-mask': return 'a prefix length, or a dotted mask (IPv4)';
    case 'value-mask': return `a ${form.bits}-bit value with an optional mask, \`value[/mask]\``;
    case 'enum': return `${form.list ? 'a comma list of' : 'one of'} ${form.values.join(', ')}`;
    case 'flag-list': return `two comma lists (mask, then set) of ${form.values.join(', ')}`;
    case 'sctp-chunks': return '`all`, `any` or `only`, then a comma list of chunk types (or ALL, NONE), each with optional `:flags`';
    case 'string': return form.keeps !== undefined ? `a string; the kernel keeps the first ${form.keeps} bytes` : `a string of at most ${form.maxLength} characters`;
    case 'u64': return 'a number from 0 to 18446744073709551615';
    case 'float': return `a number from ${form.min} to ${form.max}, such as 0.25`;
    case 'hashlimit-rate': return 'a rate `N/second` (`minute`, `hour`, `day`), or bytes `N[k|m]b/s`';
    case 'hashlimit-burst': return 'a number up to 1000000, or bytes such as `400kb` with a byte rate';
    case 'hmark-tuple': return `a comma list of ${HMARK_FIELDS.join(', ')}`;
    case 'protocol': return 'a protocol name or number';
    case 'rate': return 'a rate `N/second`, `N/minute`, `N/hour` or `N/day`';
    case 'mac': return 'a MAC address `XX:XX:XX:XX:XX:XX`';
    case 'time-of-day': return 'a time `hh:mm[:ss]`';
    case 'date': return 'a date `YYYY[-MM[-DD[Thh[:mm[:ss]]]]]`';
    case 'set-flags': return 'a set name, then a comma list of `src`/`dst`';
    case 'free': return 'free-form text';
  }
}

export interface FormContext {
  family: Family;
  /** Extension name, as iptables prefixes its messages. */
  ext: string;
  option: string;
  protocol: string | undefined;
  /** The iptables release the value is checked for (1.8.9 when absent). */
  release?: IptablesVersion;
  /** The option has a `!` before it. */
  negated?: boolean;
}

const NUMERIC = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/;

/** strtoumax with base 0, as xtables_strtoui reads numbers; undefined for garbage or a sign. */
export function parseUint(text: string): number | undefined {
  // The usual case, a plain decimal without a leading zero, is read without the pattern.
  const first = text.charCodeAt(0);
  if (first >= 49 && first <= 57 && text.length <= 15) {
    let n = 0;
    let i = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      n = n * 10 + c;
    }
    if (i === text.length) return n;
  }
  if (!NUMERIC.test(text)) return undefined;
  if (text.length > 1 && text[0] === '0' && text[1] !== 'x' && text[1] !== 'X') return parseInt(text, 8);
  return Number(text);
}

/**
 * A number as xtables_strtoul reads it, without what it skips: leading blanks, then a `+` before a
 * digit (`--length +5` loads as 5). The rest is read as before.
 */
export function strtoulText(text: string): string {
  let i = 0;
  while (i < text.length && ' \t\n\v\f\r'.includes(text[i])) i++;
  if (text[i] === '+' && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) i++;
  return i === 0 ? text : text.slice(i);
}

function outOfRange(ctx: FormContext, min: number | bigint, max: number | bigint, value?: string): string {
  const near = value !== undefined ? ` near "${value}"` : '';
  return `${ctx.ext}: bad value for option "--${ctx.option}"${near}, or out of range (${min}-${max}).`;
}

// udp and conntrack look service names up for any protocol (`-p udp --sport ssh` loads although
// /etc/services lists ssh for tcp only); tcp and sctp look them up for their own protocol.
const SERVICE_TABLES = ['tcp', 'udp', 'sctp'];
const ANY_PROTOCOL = new Set(['udp', 'conntrack']);

/** The extensions whose ports libxtables reads through getaddrinfo: a number wraps (servicePortNumber). */
export const WRAPPING_PORTS: ReadonlySet<string> = new Set(['udp', 'dccp', 'conntrack', 'TPROXY', 'ipvs']);

function checkPort(text: string, proto: string | undefined, wraps = false): boolean {
  if (text === '') return false;
  if (wraps) {
    if (servicePortNumber(text) !== undefined) return true;
    if (/^[\s+-]*[0-9]/.test(text)) return false;
    return (proto ? [proto] : SERVICE_TABLES).some((p) => resolvePort(text, p) !== undefined);
  }
  const n = parseUint(text);
  if (n !== undefined) return n <= 65535;
  return (proto ? [proto] : SERVICE_TABLES).some((p) => resolvePort(text, p) !== undefined);
}

/** An extension's address option (`--ctorigsrc 10.0.0.0/8`, recent's `--mask`), read as libxtables reads those. */
function checkOptionAddress(text: string, ctx: FormContext, withMask: boolean): string | undefined {
  if (ctx.family === 'ipv4' && plainIPv4(text, withMask)) return undefined;
  const family = ctx.family === 'ipv4' ? 4 : 6;
  const slash = withMask ? text.indexOf('/') : -1;
  const host = slash < 0 ? text : text.slice(0, slash);
  if (!lookupHostOk(host, family)) return `getaddrinfo: ${otherFamily(host, ctx.family) ? 'Address family for hostname not supported' : 'Name or service not known'}`;
  return slash < 0 || optionMaskOk(text.slice(slash + 1), family) ? undefined : badOptionMask(ctx);
}

const badOptionMask = (ctx: FormContext): string =>
  `${ctx.ext}: bad value for option "--${ctx.option}", neither a valid network mask nor valid CIDR (0-${ctx.family === 'ipv4' ? 32 : 128}).`;

/** An address of `-s`/`-d`, which iptables reads its own way (see readAddress). */
export function checkListedAddress(text: string, family: Family): string | undefined {
  return family === 'ipv4' && plainIPv4(text, true) ? undefined : readAddress(text, family === 'ipv4' ? 4 : 6).error;
}

/** The address check without the fast path (exported for the test that holds the two together). */
export function checkAddressFully(text: string, family: Family, withMask: boolean): string | undefined {
  const slash = text.indexOf('/');
  const host = slash >= 0 && withMask ? text.slice(0, slash) : text;
  const mask = slash >= 0 && withMask ? text.slice(slash + 1) : undefined;
  if (!hostOk(host, family)) return `host/network \`${host}' not found`;
  if (mask !== undefined && !maskOk(mask, family)) return `invalid mask \`${mask}' specified`;
  return undefined;
}


/** Whether iptables could read `host` in this family. Names are resolved at load time, so any name passes. */
export function hostOk(host: string, family: Family): boolean {
  if (host === '') return false;
  if (family === 'ipv4' ? parseIPv4(host) : parseIPv6(host)) return true;
  return isHostName(host, family === 'ipv4' ? 4 : 6);
}

function maskOk(mask: string, family: Family): boolean {
  if (/^\d+$/.test(mask)) return Number(mask) <= (family === 'ipv4' ? 32 : 128);
  return family === 'ipv4' ? parseIPv4(mask) !== undefined : parseIPv6(mask) !== undefined;
}

/** Whether a text is an address of the other family: the cause of a `host/network not found`. */
export function otherFamily(text: string, family: Family): boolean {
  const host = text.split('/')[0].split('-')[0].replace(/^\[|\]$/g, '');
  return family === 'ipv4' ? parseIPv6(host) !== undefined : parseIPv4(host) !== undefined;
}

// Since 1.8.11 libxtables reads a range with the table's min/max (a392cf0e "xtoptions: Respect
// min/max values when completing ranges") and the second number with the first as its least
// (30a7f112 "xtoptions: Assert ranges are monotonic increasing"), before the extension's own checks.
const XT_RANGE_CHECKS: Releases = { since: '1.8.11' };
/**
 * An address with an optional prefix length, as xtables reads HOSTMASK (DNPT, SNPT): the address by
 * getaddrinfo in the family (a name resolves at load time), the length by strtoul of any base up to
 * the family's bits, or a contiguous mask in address form. Without a length the address is whole.
 */
function checkHostmask(v: string, ctx: FormContext): string | undefined {
  const slash = v.indexOf('/');
  const host = slash < 0 ? v : v.slice(0, slash);
  const v6 = ctx.family === 'ipv6';
  if (!(v6 ? parseIPv6(host) : parseIPv4(host))) {
    if (v6 && parseIPv4(host)) return 'getaddrinfo: Address family for hostname not supported';
    if (host === '' || !isHostName(host, v6 ? 6 : 4)) return 'getaddrinfo: Name or service not known';
  }
  if (slash < 0 || hostmaskLength(v.slice(slash + 1), ctx.family) !== undefined) return undefined;
  return `${ctx.ext}: bad value for option "--${ctx.option}", neither a valid network mask nor valid CIDR (0-${v6 ? 128 : 32}).`;
}

/**
 * The prefix length xtables takes after a HOSTMASK's slash: a number of any base up to the family's
 * bits, or a mask in address form (-1 for one that is not contiguous: no length, the kernel sees 255).
 */
export function hostmaskLength(mask: string, family: Family): number | undefined {
  const bits = family === 'ipv6' ? 128 : 32;
  // strtoul takes a sign: a plus is read, a minus refused.
  const n = parseUint(mask.startsWith('+') ? mask.slice(1) : mask);
  if (n !== undefined) return n <= bits ? n : undefined;
  const bytes = family === 'ipv6' ? parseIPv6(mask) : parseIPv4(mask);
  if (!bytes) return undefined;
  let len = 0;
  while (len < bits && bytes[len >> 3] & (0x80 >> (len & 7))) len++;
  for (let bit = len; bit < bits; bit++) if (bytes[bit >> 3] & (0x80 >> (bit & 7))) return -1;
  return len;
}

/** HMARK's tuple fields, in the order its parser tries them: an item names the first it begins. */
export const HMARK_FIELDS = ['ct', 'src', 'dst', 'sport', 'dport', 'proto', 'spi'] as const;

/** The fields a --hmark-tuple names (by prefix, in any case), or iptables's message for it. */
export function readHmarkTuple(v: string): { fields: string[] } | { error: string } {
  const fields: string[] = [];
  let rest = v;
  for (;;) {
    const comma = rest.indexOf(',');
    const item = comma < 0 ? rest : rest.slice(0, comma);
    // An empty last item (nothing, or a trailing comma) has its own message; elsewhere it is a bad type.
    if (comma < 0 && item === '') return { error: '"--hmark-tuple" requires a list of types with no spaces, e.g. src,dst,sport,dport,proto' };
    const field = item === '' ? undefined : enumByPrefix(item, HMARK_FIELDS);
    if (!field) return { error: `Bad type "${rest}"` };
    fields.push(field);
    if (comma < 0) return { fields };
    rest = rest.slice(comma + 1);
  }
}

function checkHmarkTuple(v: string): string | undefined {
  const r = readHmarkTuple(v);
  return 'error' in r ? r.error : undefined;
}

function checkRange(text: string, form: Extract<ArgForm, { kind: 'number-range' }>, ctx: FormContext): string | undefined {
  if (form.u64) return checkU64Range(text, ctx);
  const release = ctx.release ?? DEFAULT_VERSION;
  const xt = !form.ownParser && holdsIn(XT_RANGE_CHECKS, release);
  const max = xt && form.tableMax !== undefined ? form.tableMax : form.max;
  let least = form.min;
  const colon = text.indexOf(':');
  const parts = colon < 0 ? [text] : [text.slice(0, colon), text.slice(colon + 1)];
  const values: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === '' && colon >= 0) {
      values.push(i === 0 ? least : max);
      continue;
    }
    const n = (form.names && namedNumber(p, form.names)) ?? parseUint(strtoulText(p));
    if (n === undefined || n < least || n > max) return form.message !== undefined ? form.message.replace('%s', () => p) : outOfRange(ctx, least, max, p);
    values.push(n);
    if (xt) least = n;
  }
  if (values.length < 2 || values[0] <= values[1]) return undefined;
  if (holdsIn(form.backwardsOk, release)) return undefined;
  if (form.backwards !== undefined) return form.backwards.replace('{first}', String(values[0])).replace('{last}', String(values[1]));
  return `${ctx.ext}: range "${text}" is backwards (${values[0]} > ${values[1]})`;
}

/**
 * A 64-bit range `[from][:[to]]` (XTTYPE_UINT64RC: connbytes's only): each number up to 2^64-1, the
 * first no more than the last, as connbytes's parser words it.
 */
function checkU64Range(text: string, ctx: FormContext): string | undefined {
  const colon = text.indexOf(':');
  const parts = colon < 0 ? [text] : [text.slice(0, colon), text.slice(colon + 1)];
  const values: bigint[] = [];
  for (const [i, p] of parts.entries()) {
    const v = p === '' && colon >= 0 ? (i === 0 ? 0n : U64_MAX) : readU64(p);
    // Since 1.8.11 libxtables reads the second number with the first as its least.
    const least = i === 1 && values.length === 1 && holdsIn(XT_RANGE_CHECKS, ctx.release ?? DEFAULT_VERSION) ? values[0] : 0n;
    if (v === undefined || v < least) return outOfRange(ctx, least, U64_MAX, p);
    values.push(v);
  }
  return values.length === 2 && values[1] < values[0] ? `${values[0]} should be less than ${values[1]}` : undefined;
}

/** The number a name stands for: the exact name, else the first that starts with `text` (any case). */
function namedNumber(text: string, names: ReadonlyArray<readonly [string, number]>): number | undefined {
  const lower = text.toLowerCase();
  let found: number | undefined;
  for (const [name, n] of names) {
    if (!name.startsWith(lower)) continue;
    if (name.length === lower.length) return n;
    found ??= n;
  }
  return found;
}

const RATE_UNITS = ['second', 'minute', 'hour', 'day'];
const RATE_SECONDS = [1, 60, 3600, 86400];
const LIMIT_SCALE = 10000;

/**
 * limit's rate as its parser reads it: the unit any case-insensitive prefix of second, minute, hour
 * or day; the number as atoi reads it, taken as 32 bits unsigned; then the kernel's average, the
 * scale (10000 a second) times the unit over the number, which must not round to 0 ("too fast").
 */
export function readLimitRate(text: string): { avg: number } | 'bad' | 'too-fast' {
  const slash = text.indexOf('/');
  let mult = 1;
  if (slash >= 0) {
    const unit = text.slice(slash + 1).toLowerCase();
    const k = unit === '' ? -1 : RATE_UNITS.findIndex((u) => u.startsWith(unit));
    if (k < 0) return 'bad';
    mult = RATE_SECONDS[k];
  }
  const r = atoi(text) >>> 0;
  if (r === 0) return 'bad';
  const avg = Math.floor((LIMIT_SCALE * mult) / r);
  return avg === 0 ? 'too-fast' : { avg };
}

/** atoi: blanks, a sign and decimal digits at the start (the rest ignored), as a C int; 0 without digits. */
export function atoi(text: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d*)/.exec(text) as RegExpExecArray;
  if (m[2] === '') return 0;
  // strtol saturates at the long's bounds; the int is its low 32 bits.
  const LONG = 1n << 63n;
  let v = BigInt(m[2]);
  if (m[1] === '-') v = -v;
  if (v >= LONG) v = LONG - 1n;
  if (v < -LONG) v = -LONG;
  return Number(BigInt.asIntN(32, v));
}

// The NAT parser SNAT, DNAT, MASQUERADE and REDIRECT share since 1.8.9 (DNAT and REDIRECT since
// 1.8.8: upstream 14d77c8a "Merge IPv4 and IPv6 DNAT targets", 72d542b6 "Merge REDIRECT into DNAT",
// f30c5edc "Merge SNAT, DNAT, REDIRECT and MASQUERADE"). 1.8.8's DNAT named the whole argument in
// "Bad IP address" where 1.8.9 names the address (c3432977 "DNAT: Fix bad IP address error reporting").
const NAT_BAD_ADDRESS_FIXED: Releases = { since: '1.8.9' };

/**
 * What the NAT parsers (the shared one and those before it) say of ports in a rule whose -p, read so
 * far, names no protocol with ports: they check it as they read the option, so a -p after it is too late.
 */
export const NAT_PORTS_NEED_PROTOCOL = 'Need TCP, UDP, SCTP or DCCP with port specification';

/** The protocols NAT takes ports with (its `portok`): tcp, udp, sctp, dccp and icmp, not udplite. */
export function natPortOk(protocol: string | undefined): boolean {
  const n = protocol === undefined ? undefined : resolveProtocol(protocol);
  return n === 6 || n === 17 || n === 132 || n === 33 || n === 1;
}

/** A port as the NAT parser reads one: a number 0-255.. at the start, else a whole service name of any protocol. */
function natPort(text: string, least: number): { value: number; end: number } | undefined {
  const n = leadingNumber(text, 0);
  if (n !== undefined && n.value >= least && n.value <= 65535) return n;
  const service = resolveAny(text, undefined);
  return service === undefined || parseUint(text) !== undefined ? undefined : { value: service, end: text.length };
}

/** `port[-port[/base]]` as the shared NAT parser reads it: its message, or undefined. */
function natPortsProblem(text: string): string | undefined {
  const first = natPort(text, 0);
  if (first === undefined) return `Port \`${text}' not valid`;
  const after = text.slice(first.end);
  if (after === '') return undefined;
  if (after[0] === ':') return 'Invalid port:port syntax - use dash';
  if (after[0] !== '-') return `Garbage after port value: \`${after}'`;
  const rest = after.slice(1);
  // No service name after the dash.
  const last = leadingNumber(rest, 0);
  if (last === undefined || last.value > 65535) return `Port \`${rest}' not valid`;
  if (last.value < first.value) return `Port range \`${rest}' funky`;
  const tail = rest.slice(last.end);
  if (tail === '') return undefined;
  if (tail[0] !== '/') return `Garbage after port range: \`${tail}'`;
  // The base: 1-65535 or a service name; what follows a number is not read.
  return natPort(tail.slice(1), 1) === undefined ? `Port \`${tail.slice(1)}' not valid` : undefined;
}

/** `--to-source`/`--to-destination` as the shared NAT parser reads it: its message, or undefined. */
function natToProblem(text: string, family: Family, protocol: string | undefined, wholeInMessage: boolean): string | undefined {
  let address = text;
  let colon = -1;
  const open = text.indexOf('[');
  if (open >= 0) {
    const close = text.indexOf(']', open + 1);
    if (close < 0 || family === 'ipv4') return 'Invalid address format';
    address = text.slice(open + 1, close);
    colon = text.indexOf(':', close + 1);
  } else {
    // One colon is a port; more make an IPv6 address.
    colon = text.indexOf(':');
    if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) colon = -1;
    if (colon >= 0) address = text.slice(0, colon);
  }
  if (colon >= 0) {
    // The -p read so far must name a protocol with ports (parse_ports refuses them first).
    if (!natPortOk(protocol)) return NAT_PORTS_NEED_PROTOCOL;
    const problem = natPortsProblem(text.slice(colon + 1));
    if (problem !== undefined) return problem;
    // `:80` and `[]:80` name no address; the parser then reads none (so `ab:80` loads too).
    if (colon === 0 || colon === 2) return undefined;
  }
  const dash = address.indexOf('-');
  const low = dash < 0 ? address : address.slice(0, dash);
  const read = (a: string): boolean => (family === 'ipv4' ? parseIPv4(a) : parseIPv6(a)) !== undefined;
  if (!read(low)) return `Bad IP address "${wholeInMessage ? text.slice(0, open >= 0 ? open + 1 + low.length : low.length) : low}"`;
  if (dash >= 0 && !read(address.slice(dash + 1))) return `Bad IP address "${address.slice(dash + 1)}"`;
  return undefined;
}

/**
 * `--to-source`/`--to-destination` as the SNAT and DNAT of each family read them before the shared
 * parser (1.8.7's, and 1.8.8's SNAT): ports by atoi (so `80x` is 80; 0 and names are refused), a base
 * port after a range for DNAT only. `start` of the port text is what their messages name.
 */
function oldNatToProblem(text: string, family: Family, protocol: string | undefined, base: boolean): string | undefined {
  let address = text;
  let colon: number;
  const open = family === 'ipv6' ? text.indexOf('[') : -1;
  if (open >= 0) {
    const close = text.indexOf(']', open + 1);
    if (close < 0) return 'Invalid address format';
    address = text.slice(open + 1, close);
    colon = text.indexOf(':', close + 1);
  } else {
    colon = text.indexOf(':');
    if (family === 'ipv6' && colon >= 0 && text.indexOf(':', colon + 1) >= 0) colon = -1;
    if (colon >= 0) address = text.slice(0, colon);
  }
  if (colon >= 0) {
    if (!natPortOk(protocol)) return NAT_PORTS_NEED_PROTOCOL;
    const problem = oldNatPortText(text.slice(colon + 1), base);
    if (problem !== undefined) return problem;
    if (colon === 0 || (family === 'ipv6' && colon === 2)) return undefined;
  }
  const dash = address.indexOf('-');
  const low = dash < 0 ? address : address.slice(0, dash);
  const read = (a: string): boolean => (family === 'ipv4' ? parseIPv4(a) : parseIPv6(a)) !== undefined;
  if (!read(low)) return `Bad IP address "${low}"`;
  if (dash >= 0 && !read(address.slice(dash + 1))) return `Bad IP address "${address.slice(dash + 1)}"`;
  return undefined;
}

function oldNatPortText(ports: string, base: boolean): string | undefined {
  const valid = (n: number): boolean => n > 0 && n <= 65535;
  const port = atoi(ports);
  if (!valid(port)) return `Port \`${ports}' not valid`;
  if (ports.includes(':')) return 'Invalid port:port syntax - use dash';
  const dash = ports.indexOf('-');
  if (dash < 0) return undefined;
  const max = atoi(ports.slice(dash + 1));
  if (!valid(max)) return `Port \`${ports.slice(dash + 1)}' not valid`;
  if (max < port) return `Port range \`${ports}' funky`;
  const slash = ports.indexOf('/', dash);
  if (!base || slash < 0) return undefined;
  return valid(atoi(ports.slice(slash + 1))) ? undefined : `Port \`${ports.slice(slash + 1)}' not valid`;
}

/** `--to-ports` as MASQUERADE (numbers only) and REDIRECT (numbers or service names) read it before the shared parser. */
function oldNatPortsProblem(text: string, ext: string): string | undefined {
  const services = ext === 'REDIRECT';
  const bad = `${ext}: Bad value for "--to-ports" option: "${text}"`;
  const whole = (t: string): number | undefined => {
    const n = leadingNumber(t, 0);
    if (n !== undefined) return n.end === t.length && n.value <= 65535 ? n.value : undefined;
    return services ? resolveAny(t, undefined) : undefined;
  };
  let first = leadingNumber(text, 0);
  if (first !== undefined && first.value > 65535) first = undefined;
  if (first === undefined) {
    const service = services ? resolveAny(text, undefined) : undefined;
    return service === undefined ? bad : undefined;
  }
  if (first.end === text.length) return undefined;
  if (text[first.end] !== '-') return bad;
  const last = whole(text.slice(first.end + 1));
  return last === undefined || last < first.value ? bad : undefined;
}

// Split by hand rather than with nested optional groups: every pattern here stays flat.
const ONE_OR_TWO_DIGITS = /^\d{1,2}$/;

function checkTime(text: string): boolean {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => ONE_OR_TWO_DIGITS.test(p))) return false;
  const [h, m, sec] = parts.map(Number);
  return h <= 23 && m <= 59 && (sec === undefined || sec <= 59);
}

function checkDate(text: string): boolean {
  const [day, time, extra] = text.split('T');
  if (extra !== undefined || day === undefined) return false;
  const dateParts = day.split('-');
  const timeParts = time === undefined ? [] : time.split(':');
  if (!/^\d{4}$/.test(dateParts[0]) || dateParts.length > 3 || timeParts.length > 3) return false;
  // A time needs the full date before it.
  if (time !== undefined && dateParts.length !== 3) return false;
  if (![...dateParts.slice(1), ...timeParts].every((p) => ONE_OR_TWO_DIGITS.test(p))) return false;
  const [y, mo, d] = dateParts.map(Number);
  const [h, mi, s] = timeParts.map(Number);
  if (y < 1970 || y > 2038) return false;
  return (mo === undefined || (mo >= 1 && mo <= 12)) && (d === undefined || (d >= 1 && d <= 31)) &&
    (h === undefined || h <= 23) && (mi === undefined || mi <= 59) && (s === undefined || s <= 59);
}

/** Checks the arguments of one option; returns iptables' message for a value it refuses. */
export function checkForm(form: ArgForm, args: readonly string[], given: FormContext): string | undefined {
  const protocol = ANY_PROTOCOL.has(given.ext) ? undefined : (given.protocol ?? 'tcp');
  // Only the NAT forms read the protocol from the context (as written: they tell a missing -p): the
  // rest are given it, and a big file then makes no context per option.
  return (FORM_CHECKERS[form.kind] as AnyFormChecker)(form, args[0] ?? '', given, protocol, args);
}

/**
 * The checker of one form: its first argument `v`, the context, the protocol the ports are looked
 * up for (undefined: any), and all its arguments for the forms that take two.
 */
type FormChecker<K extends ArgForm['kind']> = (
  form: Extract<ArgForm, { kind: K }>,
  v: string,
  ctx: FormContext,
  protocol: string | undefined,
  args: readonly string[],
) => string | undefined;
type AnyFormChecker = (form: ArgForm, v: string, ctx: FormContext, protocol: string | undefined, args: readonly string[]) => string | undefined;

const FORM_CHECKERS: { readonly [K in ArgForm['kind']]: FormChecker<K> } = {
  flag: () => undefined,
  free: () => undefined,
  port: (_form, v, ctx, protocol) => {
    const wraps = WRAPPING_PORTS.has(ctx.ext);
    return checkPort(v, protocol, wraps) ? undefined : wraps ? unresolvedPort(v) : badPort(v);
  },
  'port-range': (form, v, ctx, protocol) => checkPortRange(v, form, ctx, protocol),
  'port-list': (form, v, _ctx, protocol) => checkPortList(v, form.max, protocol),
  'nat-ports': (form, v, ctx) => {
    // (`protocol` is tcp where -p names none: the NAT parser needs the -p as written, as read so far)
    if (!natPortOk(ctx.protocol)) return NAT_PORTS_NEED_PROTOCOL;
    return holdsIn(form.shared, ctx.release ?? DEFAULT_VERSION) ? natPortsProblem(v) : oldNatPortsProblem(v, ctx.ext);
  },
  'nat-range': (form, v, ctx) => {
    const release = ctx.release ?? DEFAULT_VERSION;
    if (holdsIn(form.shared, release)) return natToProblem(v, ctx.family, ctx.protocol, !holdsIn(NAT_BAD_ADDRESS_FIXED, release));
    return oldNatToProblem(v, ctx.family, ctx.protocol, ctx.ext === 'DNAT');
  },
  address: (_form, v, ctx) => checkOptionAddress(v, ctx, true),
  host: (_form, v, ctx) => checkOptionAddress(v, ctx, false),
  'address-list': (_form, v, ctx) => checkAddressList(v, ctx.family),
  'address-range': (_form, v, ctx) => checkAddressRange(v, ctx),
  prefix: (_form, v, ctx) => checkHostmask(v, ctx),
  interface: (form, v) => {
    if (v.length > 15) return `interface name \`${v}' must be shorter than IFNAMSIZ (15)`;
    return v === '' && !form.emptyOk ? `Empty interface is likely to be undesired` : undefined;
  },
  number: (form, v, ctx) => {
    const n = form.atoi ? atoi(v) : parseUint(strtoulText(v));
    if (n !== undefined && n >= form.min && n <= form.max) return undefined;
    return form.message !== undefined ? form.message.replace('%s', () => v) : outOfRange(ctx, form.min, form.max);
  },
  'group-mask': (_form, v, ctx) => (optionMaskOk(v, ctx.family === 'ipv4' ? 4 : 6) ? undefined : badOptionMask(ctx)),
  'number-range': (form, v, ctx) => checkRange(v, form, ctx),
  'value-mask': (form, v, ctx) => checkValueMask(v, form.bits, ctx, form.names),
  enum: (form, v, ctx) => checkEnum(form, v, ctx.release ?? DEFAULT_VERSION),
  'flag-list': (form, _v, ctx, _protocol, args) => checkFlagLists(args, form.values, ctx),
  'sctp-chunks': (form, _v, ctx, _protocol, args) => checkSctpChunks(args, form, ctx),
  string: (form, v, ctx) => {
    const bytes = utf8Length(v);
    if (form.minLength !== undefined && bytes < form.minLength) {
      // libxtables's own check of a string's length, as 1.8.9 prints it.
      return form.keeps !== undefined ? `Argument must have a minimum length of ${form.minLength} characters` : `${ctx.ext}: "--${ctx.option}" must not be empty`;
    }
    if (bytes <= form.maxLength) return undefined;
    // `longMessage`: the extension's own words (`%s`, the value).
    return form.longMessage !== undefined ? form.longMessage.replace('%s', () => v) : `${ctx.ext}: argument to "--${ctx.option}" is too long (max ${form.maxLength} characters)`;
  },
  u64: (form, v, ctx) => {
    if (readU64(strtoulText(v)) !== undefined) return undefined;
    return form.message !== undefined ? form.message.replace('%s', () => v) : `${ctx.ext}: bad value for option "--${ctx.option}", or out of range (0-${U64_MAX}).`;
  },
  float: (form, v, ctx) => {
    const x = readDouble(v);
    // NaN passes, as it does in C: no comparison with it is true.
    return x === undefined || x < form.min || x > form.max ? `${ctx.ext}: bad value for option "--${ctx.option}", or out of range (${form.min}-${form.max}).` : undefined;
  },
  'hashlimit-rate': (_form, v, ctx) => checkHashlimitRate(v, ctx),
  'hashlimit-burst': (_form, v) => (readHashlimitBurst(v) === undefined ? HASHLIMIT_BURST_ERROR : undefined),
  'hmark-tuple': (_form, v) => checkHmarkTuple(v),
  protocol: (form, v, ctx) => {
    const n = form.caseSensitive ? resolveOptionProtocol(v) : resolveProtocol(v);
    if (n === undefined) return `unknown protocol "${v}" specified`;
    // conntrack since 1.8.10 (2e704f6d "Fix checking of conntrack --ctproto 0"): 0 never matches, `! 0` always does.
    if (n !== 0 || !holdsIn(form.nonzero, ctx.release ?? DEFAULT_VERSION)) return undefined;
    return `${ctx.ext}: ${ctx.negated ? 'condition would always match protocol' : 'rule would never match protocol'}`;
  },
  rate: (_form, v) => {
    const r = readLimitRate(v);
    return r === 'bad' ? `bad rate "${v}"'` : r === 'too-fast' ? `Rate too fast "${v}"` : undefined;
  },
  mac: (_form, v) => (v.split(':').length === 6 && v.split(':').every((b) => /^[0-9a-fA-F]{1,2}$/.test(b)) ? undefined : 'Invalid MAC address specified.'),
  'time-of-day': (_form, v) => (checkTime(v) ? undefined : `invalid time "${v}" specified, should be hh:mm[:ss] format and within the boundaries`),
  date: (_form, v) => (checkDate(v) ? undefined : `Invalid date "${v}" specified. Should be YYYY[-MM[-DD[Thh[:mm[:ss]]]]]`),
  'set-flags': (_form, _v, ctx, _protocol, args) => checkSetFlags(args, ctx),
};

function checkPortRange(v: string, form: Extract<ArgForm, { kind: 'port-range' }>, ctx: FormContext, protocol: string | undefined): string | undefined {
  const colon = v.indexOf(':');
  const parts = colon < 0 ? [v] : [v.slice(0, colon), v.slice(colon + 1)];
  const wraps = WRAPPING_PORTS.has(ctx.ext);
  for (const p of parts) if (p !== '' && !checkPort(p, protocol, wraps)) return wraps ? unresolvedPort(p) : badPort(p);
  if (colon < 0 && v === '') return `invalid port/service \`' specified`;
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') {
    let a = resolveAny(parts[0], protocol);
    let b = resolveAny(parts[1], protocol);
    // libxtables's ports come through a 16-bit port field: 70000 is 4464 when 1.8.11 checks the order.
    if (wraps && a !== undefined && b !== undefined) [a, b] = [a & 0xffff, b & 0xffff];
    if (a !== undefined && b !== undefined && a > b) return backwardPorts(a, b, form, ctx);
  }
  return undefined;
}

/**
 * A backwards port range: tcp and sctp refuse it in every release; the ranges libxtables reads
 * (udp, dccp, conntrack) load in the releases of `backwardsOk` (the rule then matches nothing).
 */
function backwardPorts(a: number, b: number, form: Extract<ArgForm, { kind: 'port-range' }>, ctx: FormContext): string | undefined {
  if (form.backwardsOk === undefined) return 'invalid portrange (min > max)';
  return holdsIn(form.backwardsOk, ctx.release ?? DEFAULT_VERSION) ? undefined : `Port range ${a}-${b} is negative.`;
}

/** multiport's list of ports and ranges, read in place: a list of plain numbers costs no strings and no lists. */
function checkPortList(v: string, max: number, protocol: string | undefined): string | undefined {
  let count = 0;
  for (let start = 0; ; ) {
    let comma = v.indexOf(',', start);
    if (comma < 0) comma = v.length;
    const colon = v.indexOf(':', start);
    if (colon >= 0 && colon < comma) {
      const a = portIn(v, start, colon, protocol);
      if (a < 0) return badPort(v.slice(start, colon));
      const b = portIn(v, colon + 1, comma, protocol);
      if (b < 0) return badPort(v.slice(colon + 1, comma));
      // multiport wants a range to go up: `3:3` is refused too.
      if (a >= b) return 'invalid portrange specified';
      count += 2;
    } else {
      if (portIn(v, start, comma, protocol) < 0) return badPort(v.slice(start, comma));
      count++;
    }
    if (comma === v.length) break;
    start = comma + 1;
  }
  return count > max ? 'too many ports specified' : undefined;
}

function checkAddressList(v: string, family: Family): string | undefined {
  if (!v.includes(',')) return checkListedAddress(v, family);
  for (const a of v.split(',')) {
    const err = checkListedAddress(a, family);
    if (err) return err;
  }
  return undefined;
}

function checkAddressRange(v: string, ctx: FormContext): string | undefined {
  const [first, last] = rangeEnds(v);
  for (const p of first === last ? [first] : [first, last]) {
    if (!numericAddress(p, ctx.family === 'ipv4' ? 4 : 6)) return `${ctx.ext}: Bad value for "--${ctx.option}" option: "${p}"`;
  }
  return undefined;
}

/**
 * `value[/mask]` as libxtables reads a mark and its mask (xtables_parse_val_mask): each part a number
 * in any base up to 2^bits - 1; the value may end at a slash, the mask at the end of the argument.
 */
function checkValueMask(v: string, bits: number, ctx: FormContext, names?: readonly string[]): string | undefined {
  const max = bits === 32 ? 0xffffffff : 2 ** bits - 1;
  const bad = `${ctx.ext}: bad integer value for option "--${ctx.option}", or out of range.`;
  const garbage = `${ctx.ext}: trailing garbage after value for option "--${ctx.option}".`;
  // With a list of names, what is not a number (then a slash) is a name, the whole argument.
  const byName = (): string | undefined => (names?.includes(v) ? undefined : `${ctx.ext}: could not map name ${v} to an integer value for option "--${ctx.option}".`);
  const value = uintPrefix(v, 0);
  if (!value || value.n > max) return names ? byName() : bad;
  if (value.end === v.length) return undefined;
  if (v[value.end] !== '/') return names ? byName() : garbage;
  const mask = uintPrefix(v, value.end + 1);
  if (!mask || mask.n > max) return bad;
  return mask.end === v.length ? undefined : garbage;
}

/**
 * The number at `from` as strtoull reads it in base 0 (blanks, a sign, `0x` hex, a leading 0 octal),
 * and where it stops; undefined when there is no digit. A minus sign makes it huge, as strtoull does.
 */
export function uintPrefix(s: string, from: number): { n: number; end: number } | undefined {
  let i = from;
  while (s[i] === ' ' || s[i] === '\t') i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') negative = s[i++] === '-';
  let base = 10;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && isDigitIn(s[i + 2], 16)) {
    base = 16;
    i += 2;
  } else if (s[i] === '0') base = 8;
  const start = i;
  let n = 0;
  while (i < s.length && isDigitIn(s[i], base)) n = n * base + parseInt(s[i++], base);
  if (i === start) return undefined;
  return { n: negative && n !== 0 ? Number.MAX_SAFE_INTEGER : n, end: i };
}

function isDigitIn(c: string | undefined, base: number): boolean {
  if (c === undefined) return false;
  const d = parseInt(c, base);
  return !Number.isNaN(d) && d < base;
}

/** tcp's `--tcp-flags MASK SET`: two comma lists of flag names. */
function checkFlagLists(args: readonly string[], values: readonly string[], ctx: FormContext): string | undefined {
  if (args.length < 2) return `--${ctx.option} requires two args.`;
  for (const list of args.slice(0, 2)) {
    for (const f of list.split(',')) {
      if (!values.includes(f.toUpperCase())) return `Unknown TCP flag \`${f}'`;
    }
  }
  return undefined;
}

/** How many chunk types may carry flags in one rule (XT_NUM_SCTP_FLAGS). */
const SCTP_FLAGGED_CHUNKS = 4;

/** sctp's `--chunk-types MODE LIST`, as its parser reads it in the release of `ctx`. */
function checkSctpChunks(args: readonly string[], form: Extract<ArgForm, { kind: 'sctp-chunks' }>, ctx: FormContext): string | undefined {
  if (args.length < 2) return `--${ctx.option} requires two args`;
  const mode = args[0].toLowerCase();
  if (mode !== 'any' && mode !== 'all' && mode !== 'only') return 'Match type has to be one of "ALL", "ANY" or "ONLY"';
  const list = args[1];
  if (list.toUpperCase() === 'ALL' || list.toUpperCase() === 'NONE') return undefined;
  const release = ctx.release ?? DEFAULT_VERSION;
  // The chunk names this release knows, in its table's order: the index is what "Invalid flags" names.
  const known = form.chunks.filter(([name]) => form.releases[name] === undefined || holdsIn(form.releases[name], release));
  const flagged = new Set<number>();
  for (const item of list.split(',')) {
    if (item === '') continue;
    const colon = item.indexOf(':');
    const name = colon < 0 ? item : item.slice(0, colon);
    const index = known.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (index < 0) return `Unknown sctp chunk \`${name}'`;
    if (colon < 0) continue;
    for (const letter of item.slice(colon + 1)) {
      // The letters of the chunk's flags, the '-' of its unused bits among them.
      if (!known[index][1].includes(letter.toUpperCase())) return `Invalid flags for chunk type ${index}`;
      if (!flagged.has(index) && flagged.size === SCTP_FLAGGED_CHUNKS) {
        return 'Number of chunk types with flags exceeds currently allowed limit. Increasing this limit involves changing IPT_NUM_SCTP_FLAGS and recompiling both the kernel space and user space modules';
      }
      flagged.add(index);
    }
  }
  return undefined;
}

/**
 * set's `--match-set NAME FLAGS` (and SET's `--add-set`...): up to six flags, each read by its first
 * three letters (`src`, `dst`; `srcx` is `src`), in the order ipset's parser reads them; its words
 * keep its spelling ("spefify").
 */
function checkSetFlags(args: readonly string[], ctx: FormContext): string | undefined {
  if (args.length < 2 || args[1].startsWith('-') || args[1].startsWith('!')) return `--${ctx.option} requires two args.`;
  const flags = args[1].split(',');
  for (const f of flags.slice(0, 6)) if (!f.startsWith('src') && !f.startsWith('dst')) return "You must spefify (the comma separated list of) 'src' or 'dst'.";
  if (flags.length > 6) return "Can't be more src/dst options than 6.";
  return undefined;
}

/** An enum's value, read as its extension's parser reads it: iptables's message, or undefined. */
function checkEnum(form: EnumForm, v: string, release: IptablesVersion): string | undefined {
  if (form.icmp) return checkIcmp(v, form, form.icmp, release);
  if (form.days) return form.days === 'week' ? checkWeekdays(v) : checkMonthdays(v);
  if (form.tokens !== undefined) {
    // strtok: the separators only part the names, and an empty item is no item.
    for (const item of tokens(v, form.tokens)) {
      const r = enumItem(item, form, release);
      if (r !== true) return r || form.message.replace('%s', () => (form.whole ? v : item));
    }
    return undefined;
  }
  if (!form.list) {
    const r = enumItem(v, form, release);
    return r === true ? undefined : r || (v === '' && form.trailing) || form.message.replace('%s', () => v);
  }
  for (let start = 0; ; ) {
    const comma = v.indexOf(',', start);
    const item = comma < 0 ? v.slice(start) : v.slice(start, comma);
    if (comma < 0 && item === '' && form.trailing) return form.trailing;
    const r = enumItem(item, form, release);
    if (r !== true) {
      const template = comma >= 0 && form.listMessage ? form.listMessage : form.message;
      return r || template.replace('%s', () => (form.rest ? v.slice(start) : item));
    }
    if (comma < 0) return undefined;
    start = comma + 1;
  }
}

/** strtok's items: the text between the separators, empty ones left out. */
function tokens(v: string, separators: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= v.length; i++) {
    if (i < v.length && !separators.includes(v[i])) continue;
    if (i > start) out.push(v.slice(start, i));
    start = i + 1;
  }
  return out;
}

/** Whether an item names a value: true, false, or the message of an ambiguous prefix. */
function enumItem(item: string, form: EnumForm, release: IptablesVersion): boolean | string {
  if (form.numeric && numericItem(item, form.numeric)) return true;
  if (form.prefix) return prefixItem(item, form, release);
  let name: string | undefined;
  if (form.prefix) name = enumByPrefix(item, form.values);
  else if (!form.ignoreCase) name = form.values.includes(item) ? item : undefined;
  else {
    const lower = item.toLowerCase();
    for (const x of form.values) {
      if (x.toLowerCase() === lower) {
        name = x;
        break;
      }
    }
  }
  return name !== undefined && knownIn(name, form, release);
}

/** A value that some releases added (or dropped) is known in those only. */
function knownIn(name: string, form: EnumForm, release: IptablesVersion): boolean {
  const releases = form.releases?.[name];
  return releases === undefined || holdsIn(releases, release);
}

/** strncasecmp(item, name, strlen(item)) over the names in order, as conntrack, addrtype and icmp read them. */
function prefixItem(item: string, form: EnumForm, release: IptablesVersion): boolean | string {
  // conntrack, state and addrtype refuse an empty item before they look; icmp finds every name in it.
  if (item === '' && form.prefix === 'first') return false;
  const lower = item.toLowerCase();
  let found: string | undefined;
  for (const x of form.values) {
    if (!x.toLowerCase().startsWith(lower) || !knownIn(x, form, release)) continue;
    if (form.prefix === 'first') return true;
    if (found !== undefined) return (form.ambiguous ?? form.message).replace('%s', item).replace('%1', found).replace('%2', x);
    found = x;
  }
  return found !== undefined;
}

/**
 * C's strtoul with base 0 over the start of `text`: the value cut to an unsigned int (32 bits), and
 * how many characters it read (0 when there is no number).
 */
function cStrtoul(text: string): { value: number; end: number } {
  let i = 0;
  while (i < text.length && ' \t\n\v\f\r'.includes(text[i])) i++;
  const negative = text[i] === '-';
  if (text[i] === '-' || text[i] === '+') i++;
  let base = 10;
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
    base = 16;
    i += 2;
  } else if (text[i] === '0') base = 8;
  const from = i;
  let v = 0n;
  for (; i < text.length; i++) {
    const d = parseInt(text[i], base);
    if (Number.isNaN(d)) break;
    v = v * BigInt(base) + BigInt(d);
  }
  if (i === from) return { value: 0, end: 0 };
  const ULONG = 1n << 64n;
  v = v >= ULONG ? ULONG - 1n : negative ? (ULONG - v) % ULONG : v;
  return { value: Number(v & 0xffffffffn), end: i };
}

/** The time match's comma segments (my_strseg): each cut to `keep` characters; nothing after a last comma. */
function daySegments(v: string, keep: number): string[] {
  const out: string[] = [];
  for (let start = 0; start < v.length; ) {
    const comma = v.indexOf(',', start);
    out.push(v.slice(start, comma < 0 ? v.length : Math.min(comma, start + keep)).slice(0, keep));
    if (comma < 0) break;
    start = comma + 1;
  }
  return out;
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** time's --weekdays: a number (not 0, no upper bound) or a name by its first two letters, case and all. */
function checkWeekdays(v: string): string | undefined {
  for (const day of daySegments(v, 3)) {
    const n = cStrtoul(day);
    if (n.end === day.length) {
      if (n.value === 0) return 'No, the week does NOT begin with Sunday.';
      continue;
    }
    if (day.length < 2 || !WEEKDAY_NAMES.some((w) => w.slice(0, 2) === day.slice(0, 2))) return `${day} is not a valid day specifier`;
  }
  return undefined;
}

/** time's --monthdays: numbers up to 31, each read from the first two characters of its item. */
function checkMonthdays(v: string): string | undefined {
  for (const day of daySegments(v, 2)) {
    const n = cStrtoul(day);
    if (n.end < day.length || n.value > 31) return `${day} is not a valid day for --monthdays`;
  }
  return undefined;
}

/** The first of `values` that `item` begins, in any case; undefined for none. */
export function enumByPrefix(item: string, values: readonly string[]): string | undefined {
  const lower = item.toLowerCase();
  for (const x of values) if (x.toLowerCase().startsWith(lower)) return x;
  return undefined;
}

// The ICMP parser iptables 1.8.9 shares between icmp and icmp6 (upstream be8c6056 "extensions:
// Unify ICMP parser into libxt_icmp.h") reads `type[:type][/code[:code]]`, each number followed by
// what comes next; 1.8.7 and 1.8.8 read one whole number on each side of the slash.
const SHARED_ICMP_PARSER: Releases = { since: '1.8.9' };

/** An ICMP type as `--icmp-type`/`--icmpv6-type` reads it in `release`: iptables's message, or undefined. */
function checkIcmp(v: string, form: Extract<ArgForm, { kind: 'enum' }>, label: string, release: IptablesVersion): string | undefined {
  const lower = v.toLowerCase();
  let match: string | undefined;
  for (const name of form.values) {
    const releases = form.releases?.[name];
    if ((releases !== undefined && !holdsIn(releases, release)) || !name.toLowerCase().startsWith(lower)) continue;
    if (match !== undefined) return `Ambiguous ${label} type \`${v}': \`${match}' or \`${name}'?`;
    match = name;
  }
  if (match !== undefined) return undefined;
  if (!holdsIn(SHARED_ICMP_PARSER, release)) {
    const slash = v.indexOf('/');
    const type = slash < 0 ? v : v.slice(0, slash);
    if (wholeByte(type) === undefined) return `Invalid ${label} type \`${type}'`;
    return slash < 0 || wholeByte(v.slice(slash + 1)) !== undefined ? undefined : `Invalid ${label} code \`${v.slice(slash + 1)}'`;
  }
  const types = byteRange(v, 0);
  if (types === undefined) return `Unknown ${label} type \`${v}'`;
  let at = types.end;
  if (v[at] === '/') {
    const codes = byteRange(v, at + 1);
    if (codes === undefined) return `Unknown ${label} code \`${v}'`;
    at = codes.end;
  }
  if (at < v.length) return `unknown character ${v[at]}`;
  return types.first === types.last ? undefined : `${label} type range not supported`;
}

/** A number 0-255 making up all of `text`, read as strtoumax reads it with base 0. */
function wholeByte(text: string): number | undefined {
  const n = leadingNumber(text, 0);
  return n !== undefined && n.end === text.length && n.value <= 255 ? n.value : undefined;
}

/** `a[:b]` from `from`, each 0-255: the two numbers and where reading stopped (undefined: no number, or out of range). */
function byteRange(text: string, from: number): { first: number; last: number; end: number } | undefined {
  const a = leadingNumber(text, from);
  if (a === undefined || a.value > 255) return undefined;
  if (text[a.end] !== ':') return { first: a.value, last: a.value, end: a.end };
  const b = leadingNumber(text, a.end + 1);
  return b === undefined || b.value > 255 ? undefined : { first: a.value, last: b.value, end: b.end };
}

/** The number strtoumax (base 0) reads at `from`, and where it stops; undefined where it reads none. */
function leadingNumber(text: string, from: number): { value: number; end: number } | undefined {
  const digit = (c: string, base: number): number => {
    const d = parseInt(c, 16);
    return Number.isNaN(d) || d >= base ? -1 : d;
  };
  let base = 10;
  let i = from;
  if (text[i] === '0') {
    if ((text[i + 1] === 'x' || text[i + 1] === 'X') && digit(text[i + 2] ?? '', 16) >= 0) {
      base = 16;
      i += 2;
    } else base = 8;
  }
  let value = 0;
  const start = i;
  for (; i < text.length && digit(text[i], base) >= 0; i++) value = value * base + digit(text[i], base);
  return i === start ? undefined : { value, end: i };
}

/**
 * The port that `text.slice(from, to)` names, or -1 where iptables refuses it. A plain decimal
 * number is read in place; anything else goes through checkPort.
 */
function portIn(text: string, from: number, to: number, proto: string | undefined): number {
  if (from >= to) return -1;
  let plain = text.charCodeAt(from) !== 48 || to - from === 1;
  let n = 0;
  for (let i = from; plain && i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) plain = false;
    else n = n * 10 + (c - 48);
  }
  if (plain) return n <= 65535 ? n : -1;
  const p = text.slice(from, to);
  return checkPort(p, proto) ? (resolveAny(p, proto) ?? 0) : -1;
}

const badPort = (p: string): string => `invalid port/service \`${p}' specified`;
/** libxtables's message for a port getaddrinfo cannot read. */
const unresolvedPort = (p: string): string => `Port "${p}" does not resolve to anything.`;

function numericItem(item: string, spec: { min: number; max: number; slash?: boolean }): boolean {
  const parts = spec.slash ? item.split('/') : [item];
  if (parts.length > 2) return false;
  // ICMP codes may be a range, as in 255/0:255.
  if (parts.length === 2 && parts[1].includes(':')) parts.splice(1, 1, ...parts[1].split(':'));
  if (parts.length > 3) return false;
  return parts.every((p) => {
    const n = parseUint(p);
    return n !== undefined && n >= spec.min && n <= spec.max;
  });
}

function resolveAny(text: string, proto: string | undefined): number | undefined {
  const n = parseUint(text);
  if (n !== undefined) return n;
  for (const p of proto ? [proto] : SERVICE_TABLES) {
    const port = resolvePort(text, p);
    if (port !== undefined) return port;
  }
  return undefined;
}

/** The first `max` bytes of `s` in UTF-8, ending on a whole character. */
/** What the kernel keeps of a string option's value: all of it, or the bytes its field holds. */
export function keptString(form: ArgForm | undefined, value: string): string {
  return form?.kind === 'string' && form.keeps !== undefined ? utf8Prefix(value, form.keeps) : value;
}

export function utf8Prefix(s: string, max: number): string {
  let bytes = 0;
  let i = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (bytes + n > max) break;
    bytes += n;
    i += ch.length;
  }
  return s.slice(0, i);
}

/** The length of `s` in UTF-8 bytes, as the kernel counts a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

const U64_MAX = 18446744073709551615n;

/** xtables_strtoul over the whole text (base 0, no sign) up to 2^64-1, as a bigint; undefined where refused. */
export function readU64(text: string): bigint | undefined {
  if (!NUMERIC.test(text)) return undefined;
  const v = text.length > 1 && text[0] === '0' && text[1] !== 'x' && text[1] !== 'X' ? BigInt(`0o${text.slice(1)}`) : BigInt(text);
  return v <= U64_MAX ? v : undefined;
}

const SPECIAL_FLOAT = /^[+-]?(?:inf|infinity|nan)$/i;

/** Whether text is a decimal number as strtod reads it whole: sign, digits with one point, an exponent. Scanned, not matched. */
function decimalFloat(text: string): boolean {
  let i = text[0] === '+' || text[0] === '-' ? 1 : 0;
  let digits = 0;
  const isDigit = (k: number): boolean => text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57;
  while (isDigit(i)) (i++, digits++);
  if (text[i] === '.') i++;
  while (isDigit(i)) (i++, digits++);
  if (digits === 0) return false;
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    const from = i;
    while (isDigit(i)) i++;
    if (i === from) return false;
  }
  return i === text.length;
}

/** A hexadecimal number as strtod reads it whole (`0x1`, `0x.8p1`): its value, or undefined. */
function hexFloat(text: string): number | undefined {
  let i = text[0] === '+' || text[0] === '-' ? 1 : 0;
  const sign = text[0] === '-' ? -1 : 1;
  if (text[i] !== '0' || (text[i + 1] !== 'x' && text[i + 1] !== 'X')) return undefined;
  i += 2;
  let value = 0;
  let scale = 0;
  let digits = 0;
  let point = false;
  for (; i < text.length; i++) {
    const d = parseInt(text[i], 16);
    if (text[i] === '.' && !point) point = true;
    else if (Number.isNaN(d)) break;
    else {
      value = value * 16 + d;
      if (point) scale -= 4;
      digits++;
    }
  }
  if (digits === 0) return undefined;
  if (text[i] === 'p' || text[i] === 'P') {
    const exp = text.slice(i + 1);
    if (!decimalFloat(exp) || exp.includes('.') || /[eE]/.test(exp)) return undefined;
    return sign * value * 2 ** (scale + Number(exp));
  }
  return i === text.length ? sign * value * 2 ** scale : undefined;
}

/** strtod over the whole text (decimal, hexadecimal, inf, nan); undefined where it leaves something unread. */
export function readDouble(text: string): number | undefined {
  if (decimalFloat(text)) return Number(text);
  const hex = hexFloat(text);
  if (hex !== undefined) return hex;
  if (!SPECIAL_FLOAT.test(text)) return undefined;
  const lower = text.toLowerCase();
  return lower.includes('nan') ? NaN : lower.startsWith('-') ? -Infinity : Infinity;
}

/**
 * A service given as a number, as getaddrinfo reads it for libxtables's port types (udp's, dccp's
 * and conntrack's ports, TPROXY's and ipvs's): strtoul in base 10, cut to a C int; a negative int is
 * looked up as a name instead, and no name is all digits. The port is the int's low 16 bits, so
 * 70000 loads as 4464. Undefined when the text is no such number.
 */
export function servicePortNumber(text: string): number | undefined {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  const negative = text[i] === '-';
  if (text[i] === '-' || text[i] === '+') i++;
  const digits = text.slice(i);
  if (digits === '' || !/^[0-9]+$/.test(digits)) return undefined;
  const ULONG = 1n << 64n;
  let v = BigInt(digits);
  // strtoul gives ULONG_MAX on overflow, and negates the rest modulo 2^64.
  v = v >= ULONG ? ULONG - 1n : negative ? (ULONG - v) % ULONG : v;
  const int = Number(v & 0xffffffffn) | 0;
  return int < 0 ? undefined : int & 0xffff;
}

const HASHLIMIT_BURST_MAX = 1000000;
const HASHLIMIT_BURST_ERROR = `bad value for option "--hashlimit-burst", or out of range (1-${HASHLIMIT_BURST_MAX}).`;

/**
 * hashlimit's burst as its parser reads it: a number of 1 or more (base 0); with nothing after it, at
 * most 1000000; with anything after it, multiplied by 1024 for `k`, 1048576 for `m` (the first letter
 * only) and 1 for the rest. `bytes` says whether a letter followed. Undefined where refused.
 */
export function readHashlimitBurst(text: string): { value: number; bytes: boolean } | undefined {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)(.*)$/.exec(text);
  if (!m) return undefined;
  const n = parseUint(m[1]);
  if (n === undefined || n < 1) return undefined;
  if (m[2] === '') return n > HASHLIMIT_BURST_MAX ? undefined : { value: n, bytes: false };
  const factor = m[2][0] === 'k' ? 1024 : m[2][0] === 'm' ? 1048576 : 1;
  return { value: n * factor, bytes: true };
}

/** atoll: leading blanks, a sign and digits; 0 where there are none. */
function atoll(text: string): number {
  const m = /^\s*([+-]?\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

/** hashlimit's rate as revision 3 reads it: bytes per second (`b/s` after a letter or digit), or packets per unit. */
export function readHashlimitRate(text: string): { bytes: boolean; perSecond: number; avg?: number; mult?: number } | 'bad' | 'too-fast' {
  const b = text.indexOf('b/s');
  if (b > 0 && atoll(text) > 0) {
    const factor = text[b - 1] === 'k' ? 1024 : text[b - 1] === 'm' ? 1048576 : 1;
    return { bytes: true, perSecond: atoll(text) * factor };
  }
  const slash = text.indexOf('/');
  let mult = 1;
  if (slash >= 0) {
    const unit = text.slice(slash + 1).toLowerCase();
    const found = unit === '' ? undefined : HASHLIMIT_UNITS.find(([name]) => name.startsWith(unit));
    if (!found) return 'bad';
    mult = found[1];
  }
  const r = atoll(text);
  if (r === 0) return 'bad';
  // The kernel's scale is 10^6 per second: a faster rate rounds to no interval at all (a negative
  // number is a huge one to the unsigned reading).
  if (r < 0 || Math.floor((1e6 * mult) / r) === 0) return 'too-fast';
  // `avg` is what the kernel gets: the scale times the unit's seconds over the number.
  return { bytes: false, perSecond: r / mult, avg: Math.floor((1e6 * mult) / r), mult };
}

const HASHLIMIT_UNITS: ReadonlyArray<readonly [string, number]> = [['second', 1], ['minute', 60], ['hour', 3600], ['day', 86400]];

function checkHashlimitRate(v: string, ctx: FormContext): string | undefined {
  const r = readHashlimitRate(v);
  const option = ctx.option === 'hashlimit' ? 'hashlimit-upto' : ctx.option;
  if (r === 'bad') return `hashlimit: Bad value for "--${option}" option: "${v}"`;
  if (r === 'too-fast') return `Rate too fast "${v}"`;
  return undefined;
}
