import { spanRange } from '../lint/edits';
import type { Check, CheckContext } from '../lint/check';
import { eachOptionUse, extensionsWith } from '../lint/option-uses';
import { MATCHES, TARGETS } from '../kb';
import { maskLoadsAs } from '../net/address';
import type { OptionUse, RuleLine } from '../syntax/model';

// The extensions with a prefix length that may also be written as a mask (xtables' PLENMASK).
const plenmask = (specs: typeof MATCHES): string[] => extensionsWith(specs, (form) => form.kind === 'group-mask');

export const maskAsAddress: Check = {
  meta: {
    code: 'mask-as-address',
    severity: 'warning',
    scope: 'line',
    title: 'Prefix length read as a mask',
    fixable: false,
    messages: {
      number: '--{option} {value} loads as {loaded}: a length above 32 is read as a mask in address form ({address}).',
      numberHoles: '--{option} {value} loads as {loaded}: a length above 32 is read as a mask in address form ({address}), and one with holes is taken as the whole address.',
      holes: '--{option} {value} loads as {loaded}: a mask with holes is taken as the whole address.',
    },
    docs: {
      summary: 'An HMARK `--hmark-src-prefix`/`--hmark-dst-prefix`, connlimit `--connlimit-mask` or hashlimit `--hashlimit-srcmask`/`--hashlimit-dstmask` above 32 in IPv4, or a mask with holes.',
      why: [
        'These options take a prefix length or a mask. iptables reads a number above 32 (IPv4) as an address, as',
        'inet_aton does: `33` is the mask 0.0.0.33. A mask that is not one run of ones from the left is taken as',
        'the whole address, so `--hmark-src-prefix 33` or `255.0.255.0` loads as 32, and `iptables-save` prints 32.',
        'hashlimit keeps only the length: a mask with holes is a length of 255, which the kernel refuses (an error, not this warning),',
        'and a number that is a mask without holes loads as its length (`4294967040` is 255.255.255.0, so 24).',
      ].join('\n'),
      bad: '*mangle\n-A PREROUTING -j HMARK --hmark-mod 4 --hmark-rnd 1 --hmark-src-prefix 33\nCOMMIT\n',
      good: '*mangle\n-A PREROUTING -j HMARK --hmark-mod 4 --hmark-rnd 1 --hmark-src-prefix 24\nCOMMIT\n',
      fix: 'Write a prefix length from 0 to 32 (128 in IPv6), or a mask of one run of ones. There is no quick fix: which length was meant is not clear.',
    },
  },
  matches: plenmask(MATCHES),
  targets: plenmask(TARGETS),
  rule(ctx, line) {
    eachOptionUse(line, (o) => checkOption(ctx, line, o));
  },
};

function checkOption(ctx: CheckContext, line: RuleLine, o: OptionUse): void {
  const arg = o.args[0];
  if (!arg || o.spec?.form.kind !== 'group-mask') return;
  const r = maskLoadsAs(arg.value, ctx.file.family);
  // Where only the length is kept (hashlimit), a mask with holes is a length of 255: the kernel refuses it.
  if (!r || (r.holes && o.spec.form.lengthOnly)) return;
  const range = spanRange(line.index, arg.start, arg.end);
  if (r.address === undefined) {
    ctx.report({ range, messageId: 'holes', data: { option: o.name, value: arg.value, loaded: r.loaded } });
    return;
  }
  ctx.report({ range, messageId: r.holes ? 'numberHoles' : 'number', data: { option: o.name, value: arg.value, loaded: r.loaded, address: r.address } });
}
