import { spanRange } from '../lint/edits';
import type { Check, CheckContext } from '../lint/check';
import { servicePortNumber, WRAPPING_PORTS } from '../kb/forms';
import type { OptionUse, RuleLine } from '../syntax/model';

const PORT_FORMS = new Set(['port', 'port-range']);

/** The port a number above 65535 (or below 0) loads as, or undefined for a port that loads as written. */
function wrapped(text: string): number | undefined {
  const port = servicePortNumber(text);
  if (port === undefined) return undefined;
  return /^[0-9]+$/.test(text) && Number(text) === port ? undefined : port;
}

export const portWraps: Check = {
  meta: {
    code: 'port-wraps',
    severity: 'warning',
    scope: 'line',
    title: 'Port number that wraps around',
    fixable: false,
    messages: {
      wraps: '--{option} {value} loads as {loaded}: {ext} reads a port number above 65535 modulo 65536 without a word (tcp refuses it).',
    },
    docs: {
      summary: 'A udp, dccp or conntrack port, or a TPROXY or ipvs port, written as a number above 65535.',
      why: [
        'tcp, sctp and multiport refuse a port above 65535. The ports of udp, dccp, conntrack, TPROXY and ipvs are',
        'read another way (through getaddrinfo), which keeps only the low 16 bits of the number: `-p udp --dport 70000`',
        'loads as port 4464, and the rule matches a port nobody meant. `iptables-save` then prints 4464.',
      ].join('\n'),
      bad: '*filter\n-A INPUT -p udp --dport 70000 -j ACCEPT\nCOMMIT\n',
      good: '*filter\n-A INPUT -p udp --dport 7000 -j ACCEPT\nCOMMIT\n',
      fix: 'Write the port you mean, from 0 to 65535. There is no quick fix: which port was meant is not clear.',
    },
  },
  matches: ['udp', 'dccp', 'conntrack', 'ipvs'],
  targets: ['TPROXY'],
  rule(ctx, line) {
    for (const m of line.rule.matches) for (const o of m.options) checkOption(ctx, line, o);
    for (const o of line.rule.target?.options ?? []) checkOption(ctx, line, o);
  },
};

function checkOption(ctx: CheckContext, line: RuleLine, o: OptionUse): void {
  const arg = o.args[0];
  if (!arg || !o.owner || !WRAPPING_PORTS.has(o.owner) || !o.spec || !PORT_FORMS.has(o.spec.form.kind)) return;
  const parts = o.spec.form.kind === 'port-range' ? arg.value.split(':') : [arg.value];
  if (parts.length > 2) return;
  const loaded = parts.map((p) => wrapped(p));
  if (loaded.every((p) => p === undefined)) return;
  ctx.report({
    range: spanRange(line.index, arg.start, arg.end),
    messageId: 'wraps',
    data: { option: o.name, value: arg.value, loaded: parts.map((p, i) => loaded[i] ?? p).join(':'), ext: o.owner },
  });
}
