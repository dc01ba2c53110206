import type { LintRule } from './rule';

const SEVERITY_WORDS = { error: 'Error: the file will not load', warning: 'Warning', information: 'Information', hint: 'Hint' };

/** The published doc page of a rule: `docs/rules/<code>.md` is this text, generated. */
export function renderRuleDoc(rule: LintRule): string {
  const { meta } = rule;
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
