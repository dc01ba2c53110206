// `--fix`: the safe fixes, applied to the file's bytes so that nothing outside the edited ranges
// changes, and only to text that reads as iptables-restore input.
import { ALL_CHECKS, applyEditsToBytes, decodeText, lint, looksLikeRules, safeFixEdits, type LintOptions } from '../core';

export type FixResult = { bytes: Uint8Array; text: string; changed: boolean } | { refused: string };

/** Rounds of the safe fixes until none is left (ten at most: a fix can reveal another). */
export function fixBytes(original: Uint8Array, options: Partial<LintOptions>): FixResult {
  let text = decodeText(original);
  if (!looksLikeRules(text)) return { refused: 'does not look like an iptables rules file; not fixed' };
  let bytes = original;
  for (let round = 0; round < 10; round++) {
    const edits = safeFixEdits(lint(text, options), ALL_CHECKS);
    if (edits.length === 0) break;
    bytes = applyEditsToBytes(bytes, edits);
    text = decodeText(bytes);
  }
  return { bytes, text, changed: !sameBytes(bytes, original) };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
