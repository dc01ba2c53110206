// Packet and connection marks: the `value[/mask]` the mark match and the MARK and CONNMARK targets
// take, and what those targets do to a mark (32-bit unsigned arithmetic, as the kernel's).
import type { OptionUse } from '../syntax/model';

export interface MarkValue {
  value: number;
  mask: number;
}

const ALL = 0xffffffff;

/** A 32-bit number as iptables reads it: decimal, 0x hexadecimal or 0 octal; undefined otherwise. */
function u32(text: string): number | undefined {
  let n: number;
  if (/^0x[0-9a-f]{1,8}$/i.test(text)) n = parseInt(text.slice(2), 16);
  else if (/^0[0-7]{1,11}$/.test(text)) n = parseInt(text, 8);
  else if (/^[0-9]{1,10}$/.test(text)) n = parseInt(text, 10);
  else return undefined;
  return n <= ALL ? n : undefined;
}

/** `value` or `value/mask` (the mask defaults to all ones). */
export function parseMark(text: string): MarkValue | undefined {
  const slash = text.indexOf('/');
  const value = u32(slash < 0 ? text : text.slice(0, slash));
  const mask = slash < 0 ? ALL : u32(text.slice(slash + 1));
  if (value === undefined || mask === undefined) return undefined;
  return { value, mask };
}

const option = (options: readonly OptionUse[], name: string): string | undefined => options.find((o) => o.name === name)?.args[0]?.value;

/**
 * What a MARK (or CONNMARK's own mark operations) makes of `mark`; undefined when the mark, or the
 * option's value, is not known. `set` is false for a target that changes nothing here.
 */
export function markAfter(options: readonly OptionUse[], mark: number | undefined): { set: boolean; mark: number | undefined } {
  const ops: Array<[string, (m: number, v: MarkValue) => number]> = [
    ['set-xmark', (m, v) => ((m & ~v.mask) ^ v.value) >>> 0],
    ['set-mark', (m, v) => ((m & ~v.mask) | v.value) >>> 0],
    ['and-mark', (m, v) => (m & v.value) >>> 0],
    ['or-mark', (m, v) => (m | v.value) >>> 0],
    ['xor-mark', (m, v) => (m ^ v.value) >>> 0],
  ];
  for (const [name, apply] of ops) {
    const text = option(options, name);
    if (text === undefined) continue;
    const v = parseMark(text);
    return { set: true, mark: v && mark !== undefined ? apply(mark, v) : undefined };
  }
  return { set: false, mark };
}

/** CONNMARK `--save-mark` (packet mark into the connection's) and `--restore-mark` (the other way), with their masks. */
export function connmarkCopy(options: readonly OptionUse[], mark: number | undefined, ctmark: number | undefined): { mark: number | undefined; ctmark: number | undefined } | undefined {
  const save = options.some((o) => o.name === 'save-mark');
  const restore = options.some((o) => o.name === 'restore-mark');
  if (!save && !restore) return undefined;
  const both = option(options, 'mask');
  const nf = u32(option(options, 'nfmask') ?? both ?? '0xffffffff');
  const ct = u32(option(options, 'ctmask') ?? both ?? '0xffffffff');
  if (nf === undefined || ct === undefined) return save ? { mark, ctmark: undefined } : { mark: undefined, ctmark };
  if (save) return { mark, ctmark: ctmark === undefined || mark === undefined ? undefined : ((ctmark & ~ct) ^ (mark & nf)) >>> 0 };
  return { mark: mark === undefined || ctmark === undefined ? undefined : ((mark & ~nf) ^ (ctmark & ct)) >>> 0, ctmark };
}
