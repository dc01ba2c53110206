import { SCTP_SERVICES, TCP_SERVICES, UDP_SERVICES } from './services';

/** One port or range from a port option, with where it sits inside the option's value. */
export interface PortItem {
  low: number;
  high: number;
  /** Offsets inside the argument's value. */
  start: number;
  end: number;
  text: string;
}

const SERVICES: Record<string, Readonly<Record<string, number>>> = {
  tcp: TCP_SERVICES,
  udp: UDP_SERVICES,
  sctp: SCTP_SERVICES,
};

/** Resolves a port number or a service name (as getservbyname would for the protocol). */
export function resolvePort(text: string, protocol = 'tcp'): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n <= 65535 ? n : undefined;
  }
  const table = SERVICES[protocol] ?? TCP_SERVICES;
  return Object.prototype.hasOwnProperty.call(table, text) ? table[text] : undefined;
}

/** Parses `22`, `ssh`, `1024:65535`, `:1024` or `1024:`; undefined when iptables would refuse it. */
export function parsePortRange(text: string, protocol = 'tcp', offset = 0): PortItem | undefined {
  const colon = text.indexOf(':');
  if (colon < 0) {
    const p = resolvePort(text, protocol);
    return p === undefined ? undefined : { low: p, high: p, start: offset, end: offset + text.length, text };
  }
  const a = text.slice(0, colon);
  const b = text.slice(colon + 1);
  const low = a === '' ? 0 : resolvePort(a, protocol);
  const high = b === '' ? 65535 : resolvePort(b, protocol);
  if (low === undefined || high === undefined || low > high) return undefined;
  return { low, high, start: offset, end: offset + text.length, text };
}

/** Parses a comma list (multiport) or a single port/range; undefined if any item is invalid. */
export function parsePortList(text: string, protocol = 'tcp'): PortItem[] | undefined {
  const items: PortItem[] = [];
  let offset = 0;
  for (const part of text.split(',')) {
    const item = parsePortRange(part, protocol, offset);
    if (!item) return undefined;
    items.push(item);
    offset += part.length + 1;
  }
  return items;
}

export function portInItems(port: number, items: readonly PortItem[]): boolean {
  return items.some((i) => port >= i.low && port <= i.high);
}

/**
 * Whether a numeric port list (`25,587`, `1024:65535`) surely leaves out every port in `ports`,
 * worked out without building items. Service names or odd text answer false: parse those.
 */
export function numericListMisses(text: string, ports: readonly number[]): boolean {
  let low = -1;
  let value = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c >= 48 && c <= 57) {
      value = (value < 0 ? 0 : value * 10) + (c - 48);
      if (value > 65535) return false;
    } else if (c === 58 && low < 0) {
      low = value < 0 ? 0 : value;
      value = -1;
    } else if (c === 44) {
      const lo = low >= 0 ? low : value;
      const hi = low >= 0 ? (value < 0 ? 65535 : value) : value;
      if (lo < 0) return false;
      for (const p of ports) if (p >= lo && p <= hi) return false;
      low = -1;
      value = -1;
    } else return false;
  }
  return true;
}

/**
 * Marks in `named` every port of a numeric port list (`25,587`, `1024:65535`, `:1024`); false, with
 * nothing marked, for service names or odd text, which need parsing.
 */
export function markNumericList(text: string, named: Uint8Array): boolean {
  if (!numericListMisses(text, NO_PORTS)) return false;
  let low = -1;
  let value = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c >= 48 && c <= 57) value = (value < 0 ? 0 : value * 10) + (c - 48);
    else if (c === 58 && low < 0) {
      low = value < 0 ? 0 : value;
      value = -1;
    } else if (c === 44) {
      const lo = low >= 0 ? low : value;
      const hi = low >= 0 ? (value < 0 ? 65535 : value) : value;
      if (lo === hi) named[lo] = 1;
      else named.fill(1, lo, hi + 1);
      low = -1;
      value = -1;
    }
  }
  return true;
}
const NO_PORTS: readonly number[] = [];

/** A string of plain digits (up to 15) as its number, or -1: read without a regular expression. */
export function digitsValue(v: string): number {
  if (v.length === 0 || v.length > 15) return -1;
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}
