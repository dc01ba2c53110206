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
    v4 = parseIPv4(text.slice(cut + 1));
    if (!v4) return undefined;
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

export function isAnyNetwork(n: Network): boolean {
  return n.prefix === 0;
}

/** The network iptables stores for `10.1.2.3/8` (`10.0.0.0/8`), or undefined when no host bits are set. */
export function hostBitsNetwork(text: string, family: 'ipv4' | 'ipv6'): string | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  // A full-length mask cannot leave host bits: the common `/32` is settled without a copy.
  if (text.endsWith(family === 'ipv4' ? '/32' : '/128')) return undefined;
  const mask = text.slice(slash + 1);
  if (!/^\d+$/.test(mask)) return undefined;
  const prefix = Number(mask);
  const bytes = family === 'ipv4' ? parseIPv4(text.slice(0, slash)) : parseIPv6(text.slice(0, slash));
  if (!bytes) return undefined;
  const net = bytes.map((b, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    return b & ((0xff << (8 - bits)) & 0xff);
  });
  if (net.every((b, i) => b === bytes[i])) return undefined;
  if (family === 'ipv4') return `${net.join('.')}/${prefix}`;
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((net[i] << 8) | net[i + 1]).toString(16));
  return `${words.join(':').replace(/(^|:)0(:0)+(:|$)/, '::')}/${prefix}`;
}

