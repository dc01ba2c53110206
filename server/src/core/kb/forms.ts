// Argument forms of iptables options and how iptables 1.8 reads each one. A checker returns the
// message iptables prints when it refuses the value, or undefined when it takes it.
import { isHostName, lookupHostOk, numericAddress, optionMaskOk, parseIPv4, parseIPv6, plainIPv4, rangeEnds, readAddress } from '../net/address';

export { plainIPv4 };
import { resolvePort } from '../net/ports';
import { resolveProtocol } from './protocols';
import { checkNatPortSpec, checkNatTo, natPortsAllowed } from './nat-forms';
import { DEFAULT_VERSION, holdsIn, type IptablesVersion, type Releases } from './releases';

export type Family = 'ipv4' | 'ipv6';

export type ArgForm =
  | { kind: 'flag' }
  | { kind: 'port' }
  /** `backwardsOk`: the releases that load a backwards range (`4:3`, which then matches nothing); others refuse it. */
  | { kind: 'port-range'; backwardsOk?: Releases }
  | { kind: 'port-list'; max: number }
  | { kind: 'nat-ports' }
  | { kind: 'nat-range' }
  | { kind: 'address' }
  | { kind: 'host' }
  | { kind: 'address-list' }
  | { kind: 'address-range' }
  | { kind: 'prefix' }
  | { kind: 'interface' }
  /** `message`: the extension's own words for a value it refuses (`%s`, the value), where libxtables's are not used. */
  | { kind: 'number'; min: number; max: number; message?: string }
  /** `backwardsOk`: the releases that load a backwards range; since 1.8.11 libxtables refuses it for these. */
  /**
   * `names`: names that stand for numbers, matched by case-insensitive prefix (an exact name wins,
   * else the first that starts so), as mh reads its types; `message` (`%s`, the item) and
   * `backwardsMessage` are the extension's own words for a bad item and a backwards range.
   */
  | { kind: 'number-range'; min: number; max: number; backwardsOk?: Releases; names?: ReadonlyArray<readonly [string, number]>; message?: string; backwardsMessage?: string }
  /** A prefix length or a dotted mask, as connlimit groups hosts. */
  | { kind: 'group-mask' }
  /**
   * `names`: the value may instead be one of these names, read from a file as libxtables's lmap
   * (devgroup's /etc/iproute2/group); then a value that is not a number is looked up whole.
   */
  | { kind: 'value-mask'; bits: number; names?: readonly string[] }
  /** `releases`: values that only some releases know, with those releases (the rest refuse them with `message`). */
  | { kind: 'enum'; values: readonly string[]; list?: boolean; ignoreCase?: boolean; message: string; numeric?: { min: number; max: number; slash?: boolean }; releases?: Readonly<Record<string, Releases>> }
  | { kind: 'flag-list'; values: readonly string[]; args: 2 }
  /**
   * A string. iptables refuses one over `maxLength` bytes; over `keeps` bytes it loads, cut to
   * `keeps` (the size of the kernel's field, less its NUL), or to `keepsNft` with iptables-nft.
   */
  | { kind: 'string'; maxLength: number; minLength?: number; keeps?: number; keepsNft?: number; longMessage?: string }
  /** An unsigned 64-bit number, read as xtables_strtoul reads it (base 0); `message` as for a number. */
  | { kind: 'u64'; message?: string }
  /** A floating-point number, read with strtod, within min and max (XTTYPE_DOUBLE). */
  | { kind: 'float'; min: number; max: number }
  /** hashlimit's rate: `N[/unit]` in packets, or `N[k|m]b/s` in bytes. */
  | { kind: 'hashlimit-rate' }
  /** hashlimit's burst: a number, or bytes with a `k`/`m` (or any other) letter after it. */
  | { kind: 'hashlimit-burst' }
  | { kind: 'protocol'; nonzero?: boolean }
  | { kind: 'rate' }
  | { kind: 'mac' }
  | { kind: 'time-of-day' }
  | { kind: 'date' }
  | { kind: 'set-flags' }
  | { kind: 'free'; args?: number; optional?: boolean };

/** How many arguments an option takes: a count, or 'optional' (the next one unless it looks like an option). */
export function argCount(form: ArgForm): number | 'optional' {
  switch (form.kind) {
    case 'flag':
      return 0;
    case 'flag-list':
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
    case 'string': return form.keeps !== undefined ? `a string; the kernel keeps the first ${form.keeps} bytes` : `a string of at most ${form.maxLength} characters`;
    case 'u64': return 'a number from 0 to 18446744073709551615';
    case 'float': return `a number from ${form.min} to ${form.max}, such as 0.25`;
    case 'hashlimit-rate': return 'a rate `N/second` (`minute`, `hour`, `day`), or bytes `N[k|m]b/s`';
    case 'hashlimit-burst': return 'a number up to 1000000, or bytes such as `400kb` with a byte rate';
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

function outOfRange(ctx: FormContext, min: number, max: number, value?: string): string {
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

function checkAddress(text: string, family: Family, withMask: boolean): string | undefined {
  return family === 'ipv4' && plainIPv4(text, withMask) ? undefined : checkAddressFully(text, family, withMask);
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

function checkRange(text: string, form: Extract<ArgForm, { kind: 'number-range' }>, ctx: FormContext): string | undefined {
  const { min, max } = form;
  const colon = text.indexOf(':');
  const parts = colon < 0 ? [text] : [text.slice(0, colon), text.slice(colon + 1)];
  const values: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === '' && colon >= 0) {
      values.push(i === 0 ? min : max);
      continue;
    }
    const n = (form.names && namedNumber(p, form.names)) ?? parseUint(strtoulText(p));
    if (n === undefined || n < min || n > max) return form.message !== undefined ? form.message.replace('%s', () => p) : outOfRange(ctx, min, max, p);
    values.push(n);
  }
  if (values.length < 2 || values[0] <= values[1]) return undefined;
  if (form.backwardsMessage !== undefined) return form.backwardsMessage;
  if (form.backwardsOk === undefined) return `${ctx.ext}: range "${text}" is backwards (${values[0]} > ${values[1]})`;
  if (holdsIn(form.backwardsOk, ctx.release ?? DEFAULT_VERSION)) return undefined;
  // libxtables reads the second number with the first as its least value.
  return outOfRange(ctx, values[0], max, parts[1]);
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

function checkRate(text: string): boolean {
  const slash = text.indexOf('/');
  const num = slash < 0 ? text : text.slice(0, slash);
  const unit = slash < 0 ? undefined : text.slice(slash + 1).toLowerCase();
  if (!/^\d+$/.test(num) || Number(num) === 0) return false;
  if (unit === undefined) return true;
  return unit.length > 0 && RATE_UNITS.some((u) => u.startsWith(unit));
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
  // Only a NAT range reads the protocol from the context: the rest are given it, and a big file
  // then makes no context per option.
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
  // The rule's `-p` as read so far decides whether ports may be given (libxt_NAT.c).
  'nat-ports': (_form, v, ctx) => checkNatPortSpec(v, natPortsAllowed(ctx.protocol, resolveProtocol)),
  'nat-range': (_form, v, ctx) => checkNatTo(v, ctx.family === 'ipv6', natPortsAllowed(ctx.protocol, resolveProtocol)),
  address: (_form, v, ctx) => checkOptionAddress(v, ctx, true),
  host: (_form, v, ctx) => checkOptionAddress(v, ctx, false),
  'address-list': (_form, v, ctx) => checkAddressList(v, ctx.family),
  'address-range': (_form, v, ctx) => checkAddressRange(v, ctx),
  prefix: (_form, v, ctx) => (v.indexOf('/') < 0 ? `${ctx.ext}: Bad value for "--${ctx.option}" option: "${v}"` : checkAddress(v, ctx.family, true)),
  interface: (_form, v) => {
    if (v.length > 15) return `interface name \`${v}' must be shorter than IFNAMSIZ (15)`;
    return v === '' ? `Empty interface is likely to be undesired` : undefined;
  },
  number: (form, v, ctx) => {
    const n = parseUint(strtoulText(v));
    if (n !== undefined && n >= form.min && n <= form.max) return undefined;
    return form.message !== undefined ? form.message.replace('%s', () => v) : outOfRange(ctx, form.min, form.max);
  },
  'group-mask': (_form, v, ctx) => (optionMaskOk(v, ctx.family === 'ipv4' ? 4 : 6) ? undefined : badOptionMask(ctx)),
  'number-range': (form, v, ctx) => checkRange(v, form, ctx),
  'value-mask': (form, v, ctx) => checkValueMask(v, form.bits, ctx, form.names),
  enum: (form, v, ctx) => {
    const release = ctx.release ?? DEFAULT_VERSION;
    if (!form.list || !v.includes(',')) return enumItemOk(v, form, release) ? undefined : form.message.replace('%s', () => v);
    for (const item of v.split(',')) if (!enumItemOk(item, form, release)) return form.message.replace('%s', () => item);
    return undefined;
  },
  'flag-list': (form, _v, ctx, _protocol, args) => checkFlagLists(args, form.values, ctx),
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
  protocol: (form, v, ctx) => {
    const n = resolveProtocol(v);
    if (n === undefined) return `unknown protocol "${v}" specified`;
    return form.nonzero && n === 0 ? `${ctx.ext}: protocol 0 cannot be matched; leave out --${ctx.option} instead` : undefined;
  },
  rate: (_form, v) => (checkRate(v) ? undefined : `bad rate "${v}"'`),
  mac: (_form, v) => (v.split(':').length === 6 && v.split(':').every((b) => /^[0-9a-fA-F]{1,2}$/.test(b)) ? undefined : 'Invalid MAC address specified.'),
  'time-of-day': (_form, v) => (checkTime(v) ? undefined : `invalid time "${v}" specified, should be hh:mm[:ss] format and within the boundaries`),
  date: (_form, v) => (checkDate(v) ? undefined : `invalid date "${v}" specified, should be YYYY[-MM[-DD[Thh[:mm[:ss]]]]] format`),
  'set-flags': (_form, _v, ctx, _protocol, args) => checkSetFlags(args, ctx),
};

function checkPortRange(v: string, form: Extract<ArgForm, { kind: 'port-range' }>, ctx: FormContext, protocol: string | undefined): string | undefined {
  const colon = v.indexOf(':');
  const parts = colon < 0 ? [v] : [v.slice(0, colon), v.slice(colon + 1)];
  const wraps = WRAPPING_PORTS.has(ctx.ext);
  for (const p of parts) if (p !== '' && !checkPort(p, protocol, wraps)) return wraps ? unresolvedPort(p) : badPort(p);
  if (colon < 0 && v === '') return `invalid port/service \`' specified`;
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') {
    const a = resolveAny(parts[0], protocol);
    const b = resolveAny(parts[1], protocol);
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
      if (a > b) return 'invalid portrange specified';
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
  if (args.length < 2) return `--${ctx.option} requires two args`;
  for (const list of args.slice(0, 2)) {
    for (const f of list.split(',')) {
      if (!values.includes(f.toUpperCase())) return `Unknown TCP flag \`${f}'`;
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

function enumItemOk(item: string, form: Extract<ArgForm, { kind: 'enum' }>, release: IptablesVersion): boolean {
  if (form.numeric && numericItem(item, form.numeric)) return true;
  let name: string | undefined;
  if (!form.ignoreCase) name = form.values.includes(item) ? item : undefined;
  else {
    const lower = item.toLowerCase();
    for (const x of form.values) {
      if (x.toLowerCase() === lower) {
        name = x;
        break;
      }
    }
  }
  // A value some releases added (or dropped) is known in those only.
  const releases = name === undefined ? undefined : form.releases?.[name];
  return name !== undefined && (releases === undefined || holdsIn(releases, release));
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
export function readHashlimitRate(text: string): { bytes: boolean; perSecond: number } | 'bad' | 'too-fast' {
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
  return { bytes: false, perSecond: r / mult };
}

const HASHLIMIT_UNITS: ReadonlyArray<readonly [string, number]> = [['second', 1], ['minute', 60], ['hour', 3600], ['day', 86400]];

function checkHashlimitRate(v: string, ctx: FormContext): string | undefined {
  const r = readHashlimitRate(v);
  const option = ctx.option === 'hashlimit' ? 'hashlimit-upto' : ctx.option;
  if (r === 'bad') return `hashlimit: Bad value for "--${option}" option: "${v}"`;
  if (r === 'too-fast') return `Rate too fast "${v}"`;
  return undefined;
}
