import { spanRange } from '../lint/edits';
import type { Check, CheckContext } from '../lint/check';
import { eachOptionUse, extensionsWith } from '../lint/option-uses';
import { MATCHES, TARGETS } from '../kb';
import { keptString } from '../kb/forms';
import type { OptionUse, RuleLine } from '../syntax/model';

// The extensions with a string iptables-save prints without quotes.
const bare = (specs: typeof MATCHES): string[] => extensionsWith(specs, (form) => form.kind === 'string' && form.savedBare !== undefined);

/** What iptables-restore splits words at, or reads as a quote, in a value printed bare. */
const SPLITS = /[ \t"]/;

export const savedUnquoted: Check = {
  meta: {
    code: 'saved-unquoted',
    severity: 'warning',
    scope: 'line',
    title: 'String iptables-save prints without quotes',
    fixable: false,
    messages: {
      blank: '--{option} "{value}" loads as written, but iptables-save prints it without quotes, "--{option} {value}": the saved rules do not load again as written.',
      empty: '--{option} "" loads as an empty name, but iptables-save prints "--{option} " with nothing after it: the saved rules do not load again as written.',
    },
    docs: {
      summary: 'A RATEEST `--rateest-name`, IDLETIMER `--label` or TEE `--oif` that is empty or holds a blank or a double quote.',
      why: [
        'These strings load as written, but `iptables-save` prints them as they are, without quotes:',
        '`--rateest-name "my rate"` is saved as `--rateest-name my rate`, and an empty name as `--rateest-name`',
        'followed by the next option. `iptables-restore` then reads the saved file otherwise (`Bad argument`),',
        'so a backup made with `iptables-save` does not restore.',
      ].join('\n'),
      bad: '*filter\n-A INPUT -j RATEEST --rateest-name "in rate" --rateest-interval 250ms --rateest-ewmalog 1s\nCOMMIT\n',
      good: '*filter\n-A INPUT -j RATEEST --rateest-name in-rate --rateest-interval 250ms --rateest-ewmalog 1s\nCOMMIT\n',
      fix: 'Write the name without blanks or double quotes, and not empty. There is no quick fix: a rateest match may name the estimator too.',
    },
  },
  matches: bare(MATCHES),
  targets: bare(TARGETS),
  rule(ctx, line) {
    eachOptionUse(line, (o) => checkOption(ctx, line, o));
  },
};

function checkOption(ctx: CheckContext, line: RuleLine, o: OptionUse): void {
  const form = o.spec?.form;
  const arg = o.args[0];
  if (!arg || form?.kind !== 'string' || form.savedBare === undefined) return;
  // What the kernel keeps is what iptables-save prints.
  const kept = keptString(form, arg.value);
  const messageId = kept === '' ? (form.savedBare === 'always' ? 'empty' : undefined) : SPLITS.test(kept) ? 'blank' : undefined;
  if (!messageId) return;
  ctx.report({ range: spanRange(line.index, arg.start, arg.end), messageId, data: { option: o.name, value: kept } });
}
