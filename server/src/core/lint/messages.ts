// Messages as data (eslint's meta.messages): a check reports a template's id and the values its
// `{name}` placeholders stand for; the engine renders the text. A line of the file is a value too,
// `{ line: <0-based index> }`, shown 1-based: whoever moves the line moves the value, not the text.
import type { LineRef, MessageData, MessagePart, MessageValue } from './diagnostic';

const PLACEHOLDER = /\{(\w+)\}/g;

/** A check's templates by message id. */
export type Messages = Readonly<Record<string, string>>;

export function isLineRef(v: MessageValue): v is LineRef {
  return typeof v === 'object' && 'line' in v;
}

export function isMessagePart(v: MessageValue): v is MessagePart {
  return typeof v === 'object' && 'messageId' in v;
}

/** The names a template's placeholders use, each once, in order. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The template of `messageId` in `messages`, if it declares one. */
export function templateOf(messages: Messages, messageId: string): string | undefined {
  return Object.hasOwn(messages, messageId) ? messages[messageId] : undefined;
}

/**
 * The template with each `{name}` replaced by its value, a phrase rendered from `messages`; a name
 * without a value stays as written.
 */
export function renderMessage(template: string, data: MessageData = {}, messages: Messages = {}): string {
  return template.replace(PLACEHOLDER, (all, name: string) => {
    const v = Object.hasOwn(data, name) ? data[name] : undefined;
    if (v === undefined) return all;
    if (isLineRef(v)) return String(v.line + 1);
    if (isMessagePart(v)) return renderFrom(messages, v.messageId, v.data);
    return String(v);
  });
}

/** A check's template `messageId` filled in; an id it does not declare shows as itself (a test catches it). */
export function renderFrom(messages: Messages, messageId: string, data: MessageData = {}): string {
  const template = templateOf(messages, messageId);
  return template === undefined ? messageId : renderMessage(template, data, messages);
}

/** The lines the data names, in it or in its phrases. */
export function linesOf(data: MessageData): number[] {
  return Object.values(data).flatMap((v) => (isLineRef(v) ? [v.line] : isMessagePart(v) ? linesOf(v.data ?? {}) : []));
}

/** The data with every line reference, in it or in its phrases, passed through `move`. */
export function moveLines(data: MessageData, move: (line: number) => number): MessageData {
  const out: Record<string, MessageValue> = {};
  for (const [k, v] of Object.entries(data)) {
    if (isLineRef(v)) out[k] = { line: move(v.line) };
    else if (isMessagePart(v)) out[k] = { messageId: v.messageId, data: moveLines(v.data ?? {}, move) };
    else out[k] = v;
  }
  return out;
}
