import type { ParsedFile } from '../syntax/model';

/**
 * The values a message's placeholders stand for: text, a number, or a line of the file as
 * `{ line: <0-based index> }` (the shape of lint's MessageData, which the analysis cannot import).
 */
export type FindingData = Readonly<Record<string, string | number | { readonly line: number }>>;

/**
 * Something iptables-restore or the kernel refuses (or stores other than written), at a place in the
 * file: the check that reports its code holds the template `messageId` names, filled in with `data`.
 */
export interface Finding {
  code: string;
  line: number;
  start: number;
  end: number;
  messageId: string;
  data: FindingData;
  /** A related line (the declaration that comes too late, the first copy...), with its message. */
  related?: { line: number; messageId: string };
  /** A chain name the fix should declare, or the like. */
  subject?: string;
  /** Refused by iptables-legacy's kernel match only (iptables-nft loads it as nft's own). */
  onlyWith?: 'legacy';
}

/** A finding of one rule, before it is placed on its line. */
export type RuleFinding = Omit<Finding, 'line'>;

/** Findings by code, of the findings `all` works out, once per parsed file. */
export function findingsByCode(cache: WeakMap<ParsedFile, Map<string, Finding[]>>, file: ParsedFile, all: (file: ParsedFile) => readonly Finding[]): Map<string, Finding[]> {
  let map = cache.get(file);
  if (!map) {
    map = new Map();
    for (const f of all(file)) {
      const list = map.get(f.code);
      if (list) list.push(f);
      else map.set(f.code, [f]);
    }
    cache.set(file, map);
  }
  return map;
}

export const NO_FINDINGS: readonly Finding[] = [];
