// The files a run reads: as given, or found in folders by name and first line. A folder's files are
// told apart by their first 200 bytes at most, and only regular files are looked at.
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { decodeText, isRulesFileName, MAX_TEXT_LENGTH, RULES_FIRST_LINE } from '../core';
import { describeError } from '../io/errors';
import { readHead, readRegularFile, readStdin, type FileBytes } from '../io/read';

/** The most a run reads of one input: the same limit as the language server's. */
export const MAX_INPUT_BYTES = MAX_TEXT_LENGTH;

export type Input = { file: string } | { file: string; error: string };

function isRulesFile(p: string): boolean {
  if (isRulesFileName(path.basename(p))) return true;
  const head = readHead(p, 200);
  return head !== undefined && RULES_FIRST_LINE.test(head.toString('utf8').split('\n', 1)[0]);
}

/** Files to lint: a file as given, a folder searched (not through links, not into node_modules or dot-folders). */
export function expand(input: string): Input[] {
  if (input === '-') return [{ file: '-' }];
  let isDir: boolean;
  try {
    isDir = statSync(input).isDirectory();
  } catch (e) {
    return [{ file: input, error: describeError(input, e).message }];
  }
  if (!isDir) return [{ file: input }];
  const found: Input[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      // Names as bytes: one that is not UTF-8 cannot be named again as a string, so it is reported.
      entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }).map((e) => ({ entry: e, name: decodeText(e.name) }));
    } catch (e) {
      found.push({ file: dir, error: describeError(dir, e).message });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const { entry, name } of entries) {
      const p = path.join(dir, name);
      if (!Buffer.from(name).equals(entry.name)) {
        if (entry.isFile() || entry.isDirectory()) found.push({ file: p, error: `${p}: the name is not UTF-8, so it was not checked` });
        continue;
      }
      if (entry.isDirectory()) {
        if (name !== 'node_modules' && !name.startsWith('.')) walk(p);
      } else if (entry.isFile() && isRulesFile(p)) found.push({ file: p });
    }
  };
  walk(input);
  if (found.length === 0) return [{ file: input, error: `${input}: no rules files in this directory (firewall.rules, rules.v4, rules.v6, *.iptables, or a first line of iptables-save output)` }];
  return found;
}

/** An input's bytes, bounded; `stat` is undefined for standard input. */
export function readInput(file: string): { bytes: Buffer; stat?: FileBytes['stat'] } {
  if (file === '-') return { bytes: readStdin(MAX_INPUT_BYTES) };
  return readRegularFile(file, MAX_INPUT_BYTES, { followLinks: true });
}

