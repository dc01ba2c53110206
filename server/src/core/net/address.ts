/** A network as iptables stores it: the address with the mask applied. */
export interface Network {
  family: 4 | 6;
  /** 4 bytes or 16 bytes. */
  bytes: number[];
  prefix: number;
}

export function parseIPv4(text: string): number[] | undefined {
  // Hand-rolled: this runs for every address of every rule.
  const bytes: number[] = [];
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255 || bytes.length === 4) return undefined;
      bytes.push(value);
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      value = value * 10 + (c - 48);
      digits++;
    } else {
      return undefined;
    }
  }
  return bytes.length === 4 ? bytes : undefined;
}

export function parseIPv6(text: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length > 45) return undefined;
  let body = text;
  let v4: number[] | undefined;
  if (text.includes('.')) {
    // An embedded IPv4 tail (::ffff:1.2.3.4) stands for the last two words.
    const cut = text.lastIndexOf(':');
    const tail = text.slice(cut + 1);
    v4 = parseIPv4(tail);
    // inet_pton, which ip6tables reads addresses with, refuses an octet with a leading zero there.
    if (!v4 || /(^|\.)0\d/.test(tail)) return undefined;
    body = text.slice(0, cut + 1) + '0:0';
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const words = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const w of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(w)) return undefined;
      out.push(parseInt(w, 16));
    }
    return out;
  };
  const left = words(halves[0]);
  const right = halves.length === 2 ? words(halves[1]) : [];
  if (!left || !right) return undefined;
  let all = left;
  if (halves.length === 2) {
    const fill = 8 - left.length - right.length;
    if (fill < 1) return undefined;
    all = [...left, ...new Array<number>(fill).fill(0), ...right];
  }
  if (all.length !== 8) return undefined;
  const bytes: number[] = [];
  for (const w of all) bytes.push(w >> 8, w & 0xff);
  if (v4) bytes.splice(12, 4, ...v4);
  return bytes;
}

function maskToPrefix(mask: number[]): number | undefined {
  let prefix = 0;
  let ended = false;
  for (const b of mask) {
    for (let bit = 7; bit >= 0; bit--) {
      const set = (b >> bit) & 1;
      if (set && ended) return undefined;
      if (set) prefix++;
      else ended = true;
    }
  }
  return prefix;
}

/** Parses `ADDR`, `ADDR/LEN` or `ADDR/DOTTED-MASK`; hostnames and bad input give undefined. */
export function parseNetwork(text: string): Network | undefined {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const maskText = slash < 0 ? undefined : text.slice(slash + 1);
  let bytes = parseIPv4(addrText);
  let family: 4 | 6 = 4;
  if (!bytes) {
    if (addrText === 'localhost') bytes = [127, 0, 0, 1];
    else {
      bytes = parseIPv6(addrText);
      family = 6;
    }
  }
  if (!bytes) return undefined;
  const bits = bytes.length * 8;
  let prefix = bits;
  if (maskText !== undefined) {
    if (/^\d{1,3}$/.test(maskText)) {
      prefix = Number(maskText);
      if (prefix > bits) return undefined;
    } else {
      const mask = family === 4 ? parseIPv4(maskText) : parseIPv6(maskText);
      const p = mask && maskToPrefix(mask);
      if (p === undefined) return undefined;
      prefix = p;
    }
  }
  return { family, bytes: applyPrefix(bytes, prefix), prefix };
}

function applyPrefix(bytes: number[], prefix: number): number[] {
  return bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    return keep === 8 ? b : b & ((0xff << (8 - keep)) & 0xff);
  });
}

/** Whether every address of `inner` lies in `outer`. */
export function networkWithin(inner: Network, outer: Network): boolean {
  if (inner.family !== outer.family || inner.prefix < outer.prefix) return false;
  // Compare the outer prefix's bits without building masked copies: the engine asks this a lot.
  for (let i = 0, bits = outer.prefix; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((inner.bytes[i] & mask) !== (outer.bytes[i] & mask)) return false;
  }
  return true;
}

export const LOOPBACK_V4: Network = { family: 4, bytes: [127, 0, 0, 0], prefix: 8 };
export const LOOPBACK_V6: Network = { family: 6, bytes: [...new Array<number>(15).fill(0), 1], prefix: 128 };

export function isLoopbackNetwork(n: Network): boolean {
  return networkWithin(n, n.family === 4 ? LOOPBACK_V4 : LOOPBACK_V6);
}

const MULTICAST_V4: Network = { family: 4, bytes: [224, 0, 0, 0], prefix: 4 };
const MULTICAST_V6: Network = { family: 6, bytes: [0xff, ...new Array<number>(15).fill(0)], prefix: 8 };
const LIMITED_BROADCAST: Network = { family: 4, bytes: [255, 255, 255, 255], prefix: 32 };
/** 0.0.0.0/8 ("this network", which routing refuses as either address) and `::`. */
const UNSPECIFIED_V4: Network = { family: 4, bytes: [0, 0, 0, 0], prefix: 8 };
const UNSPECIFIED_V6: Network = { family: 6, bytes: new Array<number>(16).fill(0), prefix: 128 };

/** Every address of `n` is a multicast group (224.0.0.0/4, ff00::/8). */
export function isMulticastNetwork(n: Network): boolean {
  return networkWithin(n, n.family === 4 ? MULTICAST_V4 : MULTICAST_V6);
}

/** `n` holds some multicast group. */
export function holdsMulticast(n: Network): boolean {
  return networkWithin(n.family === 4 ? MULTICAST_V4 : MULTICAST_V6, n);
}

/**
 * No address of `n` can be either end of a unicast packet between two hosts: every one is a
 * multicast group, the limited broadcast 255.255.255.255, or unspecified (0.0.0.0/8, `::`).
 */
export function isNeverUnicastNetwork(n: Network): boolean {
  if (isMulticastNetwork(n)) return true;
  if (n.family === 6) return networkWithin(n, UNSPECIFIED_V6);
  return networkWithin(n, LIMITED_BROADCAST) || networkWithin(n, UNSPECIFIED_V4);
}

export function isAnyNetwork(n: Network): boolean {
  return n.prefix === 0;
}

/** The network iptables stores for `10.1.2.3/8` (`10.0.0.0/8`), or undefined when no host bits are set. */
export function hostBitsNetwork(text: string, family: 'ipv4' | 'ipv6'): string | undefined {
  const slash = text.lastIndexOf('/');
  if (slash < 0) return undefined;
  // A full-length mask cannot leave host bits: the common `/32` is settled without a copy.
  if (text.endsWith(family === 'ipv4' ? '/32' : '/128')) return undefined;
  const read = readAddress(text, family === 'ipv4' ? 4 : 6);
  if (!read.bytes || !read.written || read.bytes.every((b, i) => b === read.written?.[i])) return undefined;
  return storedText(read, true);
}

// Where `-s` and `-d` are read (libxtables' xtables_ipparse_multiple), iptables does not read
// addresses as inet_pton does: an IPv4 number may be hex or octal (`010.0.0.1` is 8.0.0.1), parts
// may be missing (`10.1` is 10.1.0.0), a mask may be a number in any of those bases or a dotted
// mask, and a mask of zeros makes the host text be ignored (`any/0`).

/** One `-s`/`-d` address as iptables reads it: what it refuses it with, or what it stores. */
export interface ReadAddress {
  /** The message iptables stops with. */
  error?: string;
  /** The address with the mask applied; undefined for a host name, looked up at load time. */
  bytes?: number[];
  /** The address as written, before the mask, where it is one (under a mask of zeros iptables ignores it). */
  written?: number[];
  mask?: number[];
}

export function readAddress(item: string, family: 4 | 6): ReadAddress {
  const size = family === 4 ? 4 : 16;
  // The last slash: in `10.0.0.1/32/1` the host is `10.0.0.1/32`. The mask is read first.
  const slash = item.lastIndexOf('/');
  const host = slash < 0 ? item : item.slice(0, slash);
  let mask: number[] | undefined = new Array<number>(size).fill(0xff);
  if (slash >= 0) {
    const text = item.slice(slash + 1);
    mask = family === 4 ? xtablesIPv4(text, true) ?? prefixMask(xtablesNumber(text, 32), 4) : parseIPv6(text) ?? prefixMask(xtablesNumber(text, 128), 16);
    if (!mask) return { error: `invalid mask \`${text}' specified` };
  }
  const written = family === 4 ? (xtablesIPv4(host, false) ?? inetAton(host)) : parseIPv6(host);
  if (mask.every((b) => b === 0)) return { bytes: mask.slice(), written, mask };
  if (written) return { bytes: written.map((b, i) => b & (mask as number[])[i]), written, mask };
  if (isHostName(host, family)) return { mask };
  return { error: `host/network \`${host}' not found` };
}

/** The network iptables stores for one `-s`/`-d` address; undefined for names, errors and masks with gaps. */
export function addressNetwork(item: string): Network | undefined {
  // The usual spelling reads the same either way, without the arrays of the full reading.
  if (plainIPv4(item, true)) return parseNetwork(item);
  const family = item.includes(':') ? 6 : 4;
  const read = readAddress(item, family);
  if (!read.bytes || !read.mask) return undefined;
  const prefix = maskToPrefix(read.mask);
  return prefix === undefined ? undefined : { family, bytes: read.bytes, prefix };
}

/**
 * `10.1.2.3` or `10.1.2.3/32`, read in place: the common address needs no slices, lists or regular
 * expressions. False sends anything else (names, dotted masks, errors, and numbers with a leading
 * zero, which iptables may read as octal) to the full check.
 */
export function plainIPv4(text: string, withMask: boolean): boolean {
  let octets = 0;
  let value = 0;
  let digits = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 3 || (digits === 2 && value === 0)) return false;
      value = value * 10 + (c - 48);
    } else if (c === 46 || c === 47) {
      if (digits === 0 || value > 255) return false;
      octets++;
      value = 0;
      digits = 0;
      if (c === 47) break;
    } else return false;
  }
  if (i === text.length) return octets === 3 && digits > 0 && value <= 255;
  // A `/` after the fourth octet: a prefix length of digits, at most 32.
  if (!withMask || octets !== 4 || i === text.length - 1) return false;
  let mask = 0;
  if (text.charCodeAt(i + 1) === 48 && i + 2 < text.length) return false;
  for (let k = i + 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) return false;
    mask = mask * 10 + (c - 48);
    if (mask > 32) return false;
  }
  return true;
}

/**
 * An address with a number iptables reads as octal (`192.168.001.010` is 192.168.1.8): the same text
 * in plain decimal, what iptables stores, and what the decimal text would store. Undefined when no
 * leading zero changes a value, or when iptables refuses the address anyway.
 */
export function octalMisreading(item: string, family: 'ipv4' | 'ipv6'): { text: string; stored: string; decimal: string } | undefined {
  if (!hasLeadingZero(item)) return undefined;
  // The IPv4 parts of an address and every dotted mask, and the prefix length in either family.
  const slash = item.lastIndexOf('/');
  const decimalParts = (s: string): string => s.replace(/\d+/g, (n) => String(Number(n)));
  const text = family === 'ipv4' ? decimalParts(item) : slash < 0 ? item : item.slice(0, slash + 1) + decimalParts(item.slice(slash + 1));
  if (text === item || !digitsAndDots(family === 'ipv4' ? item : item.slice(slash < 0 ? item.length : slash + 1), family === 'ipv4')) return undefined;
  const size = family === 'ipv4' ? 4 : 6;
  const stored = storedText(readAddress(item, size), true);
  const decimal = storedText(readAddress(text, size), true);
  if (stored === undefined || decimal === undefined || stored === decimal) return undefined;
  return { text, stored, decimal };
}

/** Only digits and dots, with one slash at most where `slashOk` (hex and names are left alone). */
function digitsAndDots(v: string, slashOk: boolean): boolean {
  let slashes = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 47 && slashOk && ++slashes === 1) continue;
    if (!(c === 46 || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** A `0` that starts a number and is followed by a digit. */
function hasLeadingZero(v: string): boolean {
  for (let i = v.indexOf('0'); i >= 0; i = v.indexOf('0', i + 1)) {
    const before = i === 0 ? 46 : v.charCodeAt(i - 1);
    const after = v.charCodeAt(i + 1);
    if ((before === 46 || before === 47) && after >= 48 && after <= 57) return true;
  }
  return false;
}

// The options libxtables parses for extensions (conntrack --ctorigsrc, policy --tunnel-src, recent
// --mask, connlimit --connlimit-mask) read a host with getaddrinfo, so inet_aton's forms (`10.1` is
// 10.0.0.1 there) or a name, split a mask at the first slash, and read a mask as a number of any
// base (any 32-bit one for IPv4, up to 128 for IPv6) or as an address.

/** A host as an extension's option reads one (getaddrinfo): an address of the family, or a name. */
export function lookupHostOk(text: string, family: 4 | 6): boolean {
  return (family === 4 ? inetAton(text) : parseIPv6(text)) !== undefined || isHostName(text, family);
}

/** A mask as an extension's option reads one: a prefix length of any base, or an address. */
export function optionMaskOk(text: string, family: 4 | 6): boolean {
  return xtablesNumber(text, family === 4 ? 0xffffffff : 128) !== undefined || (family === 4 ? inetAton(text) : parseIPv6(text)) !== undefined;
}

/** Negative, zero or positive as address `a` comes before, at or after `b` (bytes of one family). */
export function compareAddresses(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** What libxtables reads as a plain number address (iprange's ends): IPv4 in its own way, IPv6 as inet_pton. */
export function numericAddress(text: string, family: 4 | 6): number[] | undefined {
  return family === 4 ? xtablesIPv4(text, false) : parseIPv6(text);
}

/** iprange's `first-last`, split where libxt_iprange splits it (the first dash); one address is both ends. */
export function rangeEnds(text: string): [string, string] {
  const dash = text.indexOf('-');
  return dash < 0 ? [text, text] : [text.slice(0, dash), text.slice(dash + 1)];
}

/** A network's address as text (`10.0.0.0`, `2001:db8::`). */
export const addressText = (n: Network): string => (n.family === 4 ? n.bytes.join('.') : formatIPv6(n.bytes));

/**
 * How iptables-save writes a stored address: `10.0.0.0/8`, `10.0.0.0/255.0.255.0`; for the whole
 * space '' (it writes no `-s`), or `0.0.0.0/0` / `::/0` where `spelled`.
 */
export function storedText(read: ReadAddress, spelled = false): string | undefined {
  if (!read.bytes || !read.mask) return undefined;
  const prefix = maskToPrefix(read.mask);
  const v4 = read.bytes.length === 4;
  if (prefix === 0) return spelled ? (v4 ? '0.0.0.0/0' : '::/0') : '';
  const text = (bytes: number[]): string => (v4 ? bytes.join('.') : formatIPv6(bytes));
  return `${text(read.bytes)}/${prefix ?? text(read.mask)}`;
}

/** IPv6 as inet_ntop writes it: lower-case words, the longest run of two or more zero words as `::`. */
export function formatIPv6(bytes: number[]): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((bytes[i] << 8) | bytes[i + 1]);
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = (from: number, to: number): string => words.slice(from, to).map((w) => w.toString(16)).join(':');
  if (best < 0) return hex(0, 8);
  // An IPv4-mapped address keeps its IPv4 tail.
  if (best === 0 && bestLength === 5 && words[5] === 0xffff) return `::ffff:${bytes.slice(12).join('.')}`;
  return `${hex(0, best)}::${hex(best + bestLength, 8)}`;
}

function prefixMask(bits: number | undefined, size: number): number[] | undefined {
  if (bits === undefined) return undefined;
  const mask: number[] = [];
  for (let i = 0; i < size; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    mask.push((0xff << (8 - keep)) & 0xff);
  }
  return mask;
}

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/**
 * C's strtoul with base 0 over `text[from, to)`: `0x` hex, a leading `0` octal, else decimal. The
 * value, or -1 unless all of it is one number of at most 32 bits.
 */
function cNumber(text: string, from: number, to: number): number {
  let i = from;
  let base = 10;
  if (text.charCodeAt(i) === 48) {
    if ((text.charCodeAt(i + 1) | 32) === 120 && hexDigit(text.charCodeAt(i + 2)) >= 0) {
      base = 16;
      i += 2;
    } else base = 8;
  }
  if (i >= to) return -1;
  let value = 0;
  for (; i < to; i++) {
    const d = hexDigit(text.charCodeAt(i));
    if (d < 0 || d >= base) return -1;
    value = value * base + d;
    if (value > 0xffffffff) return -1;
  }
  return value;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** A number as libxtables reads one (xtables_strtoui): blanks and a `+` may lead; at most `max`. */
export function xtablesNumber(text: string, max: number): number | undefined {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 43) i++;
  const n = cNumber(text, i, text.length);
  return n < 0 || n > max ? undefined : n;
}

/**
 * libxtables' own reading of an IPv4 number (or mask): up to four parts, each a number of any base;
 * an address may stop early, its missing parts zero. It reads only the first 19 characters.
 */
function xtablesIPv4(text: string, isMask: boolean): number[] | undefined {
  const parts = (text.length > 19 ? text.slice(0, 19) : text).split('.');
  if (parts.length > 4 || (isMask && parts.length !== 4)) return undefined;
  const bytes = [0, 0, 0, 0];
  for (let i = 0; i < parts.length; i++) {
    const n = xtablesNumber(parts[i], 255);
    if (n === undefined) return undefined;
    bytes[i] = n;
  }
  return bytes;
}

/** glibc's inet_aton, exact (what getaddrinfo tries before a lookup): `a`, `a.b`, `a.b.c`, `a.b.c.d`, the last part filling the rest. */
export function inetAton(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length > 4) return undefined;
  const values: number[] = [];
  for (const p of parts) {
    const c = p.charCodeAt(0);
    if (!(c >= 48 && c <= 57)) return undefined;
    const n = cNumber(p, 0, p.length);
    if (n < 0) return undefined;
    values.push(n);
  }
  const last = values.length - 1;
  for (let i = 0; i < last; i++) if (values[i] > 255) return undefined;
  const lastBytes = 4 - last;
  if (values[last] >= 2 ** (8 * lastBytes)) return undefined;
  const bytes = values.slice(0, last);
  for (let k = lastBytes - 1; k >= 0; k--) bytes.push(Math.floor(values[last] / 2 ** (8 * k)) & 0xff);
  return bytes;
}

/** A text iptables would look up as a host name at load time (any such name passes here). */
export function isHostName(host: string, family: 4 | 6): boolean {
  if (family === 4) return !host.includes(':') && /[a-zA-Z]/.test(host) && /^[a-zA-Z0-9._-]+$/.test(host);
  return !/^[0-9.]+$/.test(host) && /^[a-zA-Z0-9._-]+$/.test(host) && /[g-zG-Z_-]/.test(host);
}

/** The prefix length a mask in address form stands for, or undefined for a mask with holes. */
function prefixOf(bytes: readonly number[]): number | undefined {
  const bits = bytes.length * 8;
  let len = 0;
  while (len < bits && bytes[len >> 3] & (0x80 >> (len & 7))) len++;
  for (let bit = len; bit < bits; bit++) if (bytes[bit >> 3] & (0x80 >> (bit & 7))) return undefined;
  return len;
}

/**
 * What a PLENMASK value loads as, where that is not what it says: a number above the family's bits
 * is read as an address (inet_aton: 33 is 0.0.0.33), and a mask with holes is taken as all ones.
 */
export function maskLoadsAs(text: string, family: 'ipv4' | 'ipv6'): { loaded: number; holes: boolean; address?: string } | undefined {
  const bits = family === 'ipv4' ? 32 : 128;
  if (xtablesNumber(text, bits) !== undefined) return undefined;
  const bytes = family === 'ipv4' ? inetAton(text) : parseIPv6(text);
  if (!bytes) return undefined;
  const len = prefixOf(bytes);
  // A mask in address form says its own length; a number read as an address does not.
  const number = /^[0-9]+$/.test(text);
  if (len !== undefined && !number) return undefined;
  return { loaded: len ?? bits, holes: len === undefined, address: number ? bytes.join('.') : undefined };
}
