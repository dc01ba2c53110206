import { readFileSync } from 'node:fs';
import { SNIPPETS } from './paths';

export interface Snippet {
  name: string;
  prefix: string[];
  description: string;
  body: string[];
}

export function loadSnippets(): Snippet[] {
  const raw = JSON.parse(readFileSync(SNIPPETS, 'utf8')) as Record<string, Omit<Snippet, 'name'>>;
  return Object.entries(raw).map(([name, s]) => ({ name, ...s }));
}

/** What the editor inserts when the user accepts every default: `${1:x}` → x, `${1|a,b|}` → a, `$0` → nothing. */
export function expandSnippet(s: Snippet): string {
  return s.body
    .filter((line) => line !== '$0')
    .map((line) =>
      line
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '')
        .replace(/\\\$/g, '$'),
    )
    .join('\n');
}

/** A whole file from a snippet: whole-file snippets as they are, rule snippets inside a filter table. */
export function snippetAsFile(s: Snippet): string {
  const text = expandSnippet(s);
  if (/^\*filter$/m.test(text)) return text + '\n';
  return ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', text, 'COMMIT', ''].join('\n');
}
