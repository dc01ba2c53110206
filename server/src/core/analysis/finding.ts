import type { ParsedFile } from '../syntax/model';

/** Something iptables-restore or the kernel refuses (or stores other than written), at a place in the file. */
export interface Finding {
  code: string;
  line: number;
  start: number;
  end: number;
  message: string;
  /** A related line (the declaration that comes too late, the first copy...). */
  relatedLine?: number;
  /** What the related line is, when not a declaration. */
  relatedMessage?: string;
  /** A chain name the fix should declare, or the like. */
  subject?: string;
}

/** A finding of one rule, before it is placed on its line. */
export type RuleFinding = Omit<Finding, 'line'>;

/** Findings by code, worked out once per parsed file by `compute`. */
export function findingsByCode(cache: WeakMap<ParsedFile, Map<string, Finding[]>>, file: ParsedFile, compute: (file: ParsedFile, out: Finding[]) => void): Map<string, Finding[]> {
  let map = cache.get(file);
  if (!map) {
    const all: Finding[] = [];
    compute(file, all);
    map = new Map();
    for (const f of all) {
      const list = map.get(f.code);
      if (list) list.push(f);
      else map.set(f.code, [f]);
    }
    cache.set(file, map);
  }
  return map;
}

export const NO_FINDINGS: readonly Finding[] = [];
