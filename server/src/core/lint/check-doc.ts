import type { Check } from './check';

const SEVERITY_WORDS = { error: 'Error: the file will not load', warning: 'Warning', information: 'Information', hint: 'Hint' };

/** The published doc page of a check: `docs/rules/<code>.md` is this text, generated. */
export function renderCheckDoc(check: Check): string {
  const { meta } = check;
  const d = meta.docs;
  return [
    `# ${meta.code}: ${meta.title}`,
    '',
    `${SEVERITY_WORDS[meta.severity]}. ${meta.fixable ? 'Has a quick fix.' : 'No quick fix.'}`,
    '',
    '## What it catches',
    '',
    d.summary,
    '',
    '## Why it matters',
    '',
    d.why,
    '',
    ...(d.examplesWith ? [`The examples are checked with these settings (\`.firewall-rules.json\`): \`${d.examplesWith.settings}\`.`, ''] : []),
    '## Bad',
    '',
    '```iptables',
    d.bad.trimEnd(),
    '```',
    '',
    '## Good',
    '',
    '```iptables',
    d.good.trimEnd(),
    '```',
    '',
    '## Fix',
    '',
    d.fix,
    '',
    '<!-- Generated from the rule source by `npm run docs`; edit the rule, not this file. -->',
    '',
  ].join('\n');
}

/** The project's home: package.json's `repository` (a test holds the two together). */
export const REPOSITORY_URL = 'https://github.com/firewall-rules/firewall-rules';
/** Where the doc pages are published. */
export const DOCS_BASE_URL = `${REPOSITORY_URL}/blob/main/docs/rules/`;

/** The published page of a check, an `https:` address that does not depend on where the tool is installed. */
export function docUrl(code: string): string {
  return `${DOCS_BASE_URL}${encodeURIComponent(code)}.md`;
}
