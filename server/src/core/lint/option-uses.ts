// What the checks that look at one option's value share: the extensions they are dispatched for, and
// a walk over the options a rule gives its matches and its target.
import type { ArgForm, ExtensionSpec, OptionSpec } from '../kb';
import type { OptionUse, RuleLine } from '../syntax/model';

/** The names of the extensions with an option `has` picks (by its form, or the whole option): a check's `matches`/`targets`. */
export function extensionsWith(specs: readonly ExtensionSpec[], has: (form: ArgForm, option: OptionSpec) => boolean): string[] {
  return specs.filter((s) => s.options.some((o) => has(o.form, o))).map((s) => s.name);
}

/** Each option the rule gives its matches, then its target, in order. */
export function eachOptionUse(line: RuleLine, fn: (o: OptionUse) => void): void {
  for (const m of line.rule.matches) for (const o of m.options) fn(o);
  for (const o of line.rule.target?.options ?? []) fn(o);
}
