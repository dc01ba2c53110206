import { spanRange } from '../lint/edits';
import type { Check, CheckContext } from '../lint/check';
import { eachOptionUse, extensionsWith } from '../lint/option-uses';
import { MATCHES, TARGETS, type ArgForm } from '../kb';
import { utf8Length as utf8Bytes, utf8Prefix as firstBytes } from '../kb/forms';
import type { OptionUse, RuleLine } from '../syntax/model';
import { detectBackend } from '../syntax/backend';

type StringForm = Extract<ArgForm, { kind: 'string' }>;

// LOG's prefix has a check of its own (log-prefix-too-long).
const OWN_CHECK = new Set(['LOG']);
const cutting = (specs: typeof MATCHES): string[] =>
  extensionsWith(specs, (form) => form.kind === 'string' && form.keeps !== undefined).filter((name) => !OWN_CHECK.has(name));

export const stringTruncated: Check = {
  meta: {
    code: 'string-truncated',
    severity: 'warning',
    scope: 'line',
    title: 'String longer than the kernel keeps',
    fixable: true,
    safeFix: true,
    messages: {
      cut: '--{option} is {length} bytes; iptables loads only the first {max}: "{kept}".',
      cutInside: '--{option} is {length} bytes; iptables loads only the first {max}, which cut a character in two: "{kept}" and the first bytes of the next.',
      cutBackend: '--{option} is {length} bytes; iptables-{backend} loads only the first {max}: "{kept}".',
      cutUnknown: '--{option} is {length} bytes; iptables-legacy loads only the first {max} (iptables-nft {nft}): "{kept}".',
    },
    docs: {
      summary: 'A `--comment`, `--nflog-prefix` or other string longer than the field the kernel keeps it in.',
      why: [
        'iptables copies such a string into a field of fixed size and cuts what does not fit, without a word:',
        'a comment keeps 255 bytes, an NFLOG prefix 63 (127 with iptables-nft). The rule loads, but',
        '`iptables-save` prints the shorter text, and log searches or tools keyed on the full text miss it.',
        'LOG prefixes have their own check, `log-prefix-too-long`.',
      ].join('\n'),
      bad: `*filter\n-A INPUT -j NFLOG --nflog-prefix "${'x'.repeat(70)}"\nCOMMIT\n`,
      good: '*filter\n-A INPUT -j NFLOG --nflog-prefix "dropped inbound"\nCOMMIT\n',
      fix: 'Shorten the string. The quick fix cuts it to what the kernel keeps.',
    },
  },
  matches: cutting(MATCHES),
  targets: cutting(TARGETS),
  rule(ctx, line) {
    eachOptionUse(line, (o) => checkOption(ctx, line, o));
  },
};

function checkOption(ctx: CheckContext, line: RuleLine, o: OptionUse): void {
  const form = o.spec?.form;
  const arg = o.args[0];
  if (!arg || form?.kind !== 'string' || form.keeps === undefined || (o.owner !== undefined && OWN_CHECK.has(o.owner))) return;
  // Most strings are short: their length in characters bounds their bytes from below, and no more is worked out.
  if (arg.value.length <= form.keeps) {
    if (utf8Bytes(arg.value) <= form.keeps) return;
  }
  const length = utf8Bytes(arg.value);
  const { max, messageId, backend } = limitOf(form, form.keepsNft === undefined ? undefined : detectBackend(ctx.text, ctx.options.backend));
  if (length <= max) return;
  const kept = firstBytes(arg.value, max);
  const range = spanRange(line.index, arg.start, arg.end);
  ctx.report({
    range,
    messageId: messageId === 'cut' && utf8Bytes(kept) < max ? 'cutInside' : messageId,
    data: { option: o.name, length, max, kept, backend, nft: form.keepsNft ?? max },
    fixes: [{ title: `Cut it to ${max} bytes`, isPreferred: true, edits: [{ range, newText: `"${kept.replace(/(["\\])/g, '\\$1')}"` }] }],
  });
}

/** What the back end keeps: with an unknown back end, the smaller field, and a word on the other. */
function limitOf(form: StringForm, backend: 'nft' | 'legacy' | undefined): { max: number; messageId: string; backend: string } {
  const keeps = form.keeps as number;
  if (form.keepsNft === undefined) return { max: keeps, messageId: 'cut', backend: 'legacy' };
  if (backend === 'nft') return { max: form.keepsNft, messageId: 'cutBackend', backend };
  if (backend === 'legacy') return { max: keeps, messageId: 'cutBackend', backend };
  return { max: keeps, messageId: 'cutUnknown', backend: 'legacy' };
}
