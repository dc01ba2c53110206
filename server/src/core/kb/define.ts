// Short constructors that keep the knowledge base readable as a table.
import type { ArgForm, EnumForm } from './forms';
import type { OptionSpec } from './types';

export const FLAG: ArgForm = { kind: 'flag' };
export const PORT: ArgForm = { kind: 'port' };
export const PORT_RANGE: ArgForm = { kind: 'port-range' };
export const ADDRESS: ArgForm = { kind: 'address' };
export const IFACE: ArgForm = { kind: 'interface' };
export const PROTO: ArgForm = { kind: 'protocol' };
export const FREE: ArgForm = { kind: 'free' };
export const MARK: ArgForm = { kind: 'value-mask', bits: 32 };
export const num = (min: number, max: number): ArgForm => ({ kind: 'number', min, max });
export const range = (min: number, max: number): ArgForm => ({ kind: 'number-range', min, max });
export const U8 = num(0, 255);
export const U16 = num(0, 65535);
export const U32 = num(0, 4294967295);
export const str = (maxLength: number, minLength?: number): ArgForm => ({ kind: 'string', maxLength, minLength });
export const oneOf = (
  values: readonly string[],
  message: string,
  extra: Omit<EnumForm, 'kind' | 'values' | 'message'> = {},
): ArgForm =>
  ({ kind: 'enum', values, message, ...extra });

/**
 * `names` is `[!]name[,alias...][*]`: a leading `!` means it can be negated, a trailing `*` that it
 * may repeat.
 */
export function opt(names: string, form: ArgForm, help: string, extra: Partial<OptionSpec> = {}): OptionSpec {
  let spec = names;
  const invert = spec.startsWith('!');
  if (invert) spec = spec.slice(1);
  const multi = spec.endsWith('*');
  if (multi) spec = spec.slice(0, -1);
  const [name, ...aliases] = spec.split(',');
  return { name, aliases, form, invert, multi, excl: [], also: [], help, ...extra };
}
