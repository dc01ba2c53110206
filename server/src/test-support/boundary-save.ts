// "Loads, but not as written", found by the boundary suite: the value cases that load are loaded
// again together, each in a user chain of its own, and iptables-save says what the kernel holds.
// Where that differs in meaning from what the rule wrote, iptables changed the rule silently.
import { spawnSync } from 'node:child_process';
import { resolvePort } from '../core/net/ports';
import type { BoundaryCase } from './boundary';

/** The forms whose saved value can be held against the written one. */
const COMPARED = new Set(['number', 'number-range', 'u64', 'port', 'port-range', 'value-mask', 'string', 'group-mask']);

export function comparable(c: BoundaryCase): boolean {
  // iptables-save prints some names with a blank unquoted (hashlimit's, recent's): not comparable.
  return c.value !== undefined && COMPARED.has(c.value.form) && !c.value.written.includes(' ');
}

/** A line with long runs of one character shortened, for printing. */
export function shortened(text: string): string {
  return text.replace(/(.)\1{15,}/g, (run, ch: string) => `${ch}{${run.length}}`);
}

/** The words of a saved rule, with iptables-save's double quotes taken off. */
export function savedWords(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ') {
      i++;
      continue;
    }
    let word = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        word += line[i++];
      }
      i++;
    } else {
      while (i < line.length && line[i] !== ' ') word += line[i++];
    }
    out.push(word);
  }
  return out;
}

/** The value after `--option` following the case's `-m NAME` / `-j NAME` in a saved rule. */
export function savedValue(words: readonly string[], extension: string, option: string): string | undefined {
  const [flag, name] = extension.split(' ');
  let k = words.findIndex((w, j) => w === flag && words[j + 1] === name);
  if (k < 0) return undefined;
  for (k += 2; k < words.length; k++) {
    if (words[k] === '-m' || words[k] === '-j') return undefined;
    // An empty value prints as nothing: the next word is the next option.
    if (words[k] === `--${option}`) return words[k + 1]?.startsWith('--') ? '' : words[k + 1];
  }
  return undefined;
}

function number(text: string, form: string): number | undefined {
  if (form === 'port' || form === 'port-range') return resolvePort(text, 'udp') ?? resolvePort(text, 'tcp') ?? (/^\d+$/.test(text) ? Number(text) : undefined);
  const t = text.trim();
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  if (/^0[0-7]+$/.test(t)) return parseInt(t, 8);
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

/** The numbers a value names, with a range of one and an open end spelled out. */
function numbers(text: string, form: string, max: number): Array<number | undefined> {
  const sep = form === 'value-mask' ? '/' : ':';
  const parts = text.split(sep);
  if (form === 'value-mask') return parts.length === 1 ? [number(parts[0], form), max] : parts.map((p) => number(p, form));
  if (parts.length === 1) return [number(parts[0], form), number(parts[0], form)];
  return [parts[0] === '' ? 0 : number(parts[0], form), parts[1] === '' ? max : number(parts[1], form)];
}

/**
 * Whether what iptables-save printed means what the rule wrote. `max` is the top of the option's
 * range, what an open end (`5:`) stands for; iptables-save may print such a range as its start alone.
 */
export function sameMeaning(form: string, written: string, saved: string, max?: number): boolean {
  const unquoted = written.startsWith('"') && written.endsWith('"') ? written.slice(1, -1) : written;
  if (form === 'string') return unquoted === saved;
  const top = max ?? (form === 'value-mask' || form === 'number' || form === 'number-range' ? 0xffffffff : 65535);
  const a = numbers(unquoted, form, top);
  const b = numbers(saved, form, top);
  // A word we cannot read, or a name iptables-save prints for a number (a device group's): not judged.
  if (a.some((x) => x === undefined) || b.some((x) => x === undefined)) return true;
  if (unquoted.endsWith(':') && !saved.includes(':')) return a[0] === b[0];
  return a.length === b.length && a.every((x, k) => x === b[k]);
}

export interface SaveCheck {
  /** Per case index: what iptables-save printed for the option, or undefined when it printed none. */
  saved: Map<number, string | undefined>;
  /** Why the cases could not be loaded together, if they could not. */
  failed?: string;
}

/** Loads the cases together, each in a user chain `bN`, and reads each one's option back from iptables-save. */
export function saveCheck(ns: string, tool: 'iptables' | 'ip6tables', backend: 'nft' | 'legacy', cases: ReadonlyArray<[number, BoundaryCase]>): SaveCheck {
  const saved = new Map<number, string | undefined>();
  if (!cases.length) return { saved };
  const table = cases[0][1].table;
  const lines = [`*${table}`, ...cases.map(([k]) => `:b${k} - [0:0]`), ...cases.map(([k, c]) => `-A b${k} ${c.rule}`), 'COMMIT', ''];
  const load = spawnSync('ip', ['netns', 'exec', ns, `${tool}-${backend}-restore`], { input: lines.join('\n'), encoding: 'utf8', timeout: 60000 });
  if (load.status !== 0) return { saved, failed: load.stderr.trim().split('\n')[0] };
  const save = spawnSync('ip', ['netns', 'exec', ns, `${tool}-${backend}-save`, '-t', table], { encoding: 'utf8', timeout: 60000 });
  const byChain = new Map<string, string>();
  for (const line of save.stdout.split('\n')) {
    const m = /^-A (b\d+) /.exec(line);
    if (m) byChain.set(m[1], line);
  }
  for (const [k, c] of cases) {
    const line = byChain.get(`b${k}`);
    saved.set(k, line && c.value ? savedValue(savedWords(line), c.extension, c.value.option) : undefined);
  }
  return { saved };
}
