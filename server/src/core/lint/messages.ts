// Messages as data (eslint's meta.messages): a check reports a template's id and the values its
// `{name}` placeholders stand for; the engine renders the text. A line of the file is a value too,
// `{ line: <0-based index> }`, shown 1-based: whoever moves the line moves the value, not the text.
import type { LineRef, MessageData, MessageValue } from './diagnostic';

const PLACEHOLDER = /\{(\w+)\}/g;

export function isLineRef(v: MessageValue): v is LineRef {
  return typeof v === 'object';
}

/** The names a template's placeholders use, each once, in order. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The template with each `{name}` replaced by its value; a name without a value stays as written. */
export function renderMessage(template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (all, name: string) => {
    const v = Object.hasOwn(data, name) ? data[name] : undefined;
    if (v === undefined) return all;
    return isLineRef(v) ? String(v.line + 1) : String(v);
  });
}

/** A check's template `messageId` filled in; an id it does not declare shows as itself (a test catches it). */
export function renderFrom(messages: Readonly<Record<string, string>>, messageId: string, data: MessageData = {}): string {
  const template = Object.hasOwn(messages, messageId) ? messages[messageId] : undefined;
  return template === undefined ? messageId : renderMessage(template, data);
}

/** The data with every line reference passed through `move`. */
export function moveLines(data: MessageData, move: (line: number) => number): MessageData {
  const out: Record<string, MessageValue> = {};
  for (const [k, v] of Object.entries(data)) out[k] = isLineRef(v) ? { line: move(v.line) } : v;
  return out;
}
