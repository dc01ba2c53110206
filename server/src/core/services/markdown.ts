// Markdown built from file text. Hover shows markdown, and a chain named `![a](https://x/y.png)`
// must read as those characters, not render as an image or a link: every piece of file text is
// escaped, by construction, through `md`.

/**
 * File text as literal markdown: each character that can open a construct (emphasis, code, links,
 * images, HTML, entities, tables, strikethrough, headings) is backslash-escaped, and so are `.` and
 * `:`, which GFM's bare `www.` and `https:` autolinks need. Control characters (a lone `\r` ends a
 * line too) become spaces. File text never starts a line here, so `-` and `+` cannot open a list.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#!|~&.:]/g, '\\$&').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/** Markdown the product wrote itself (the knowledge base's docs), which `md` passes through. */
export interface Trusted {
  readonly markdown: string;
}

export function trusted(markdown: string): Trusted {
  return { markdown };
}

/** A markdown template: each value is escaped, unless it is `trusted(...)`. */
export function md(strings: TemplateStringsArray, ...values: ReadonlyArray<string | number | Trusted>): string {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += (typeof v === 'object' ? v.markdown : escapeMarkdown(String(v))) + strings[i + 1];
  }
  return out;
}
