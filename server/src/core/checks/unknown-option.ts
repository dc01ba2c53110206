import { extensionsWithOption } from '../kb';
import { PROTOCOL_MATCHES } from '../kb/protocols';
import { findingCheck } from '../lint/finding-check';
import { passFindings } from '../analysis/block-pass';
import { READ_MESSAGES } from '../analysis/rule-problems';
import { afterChain, insertAt, ruleLine } from '../lint/fixes';

export const unknownOption = findingCheck(
  {
    code: 'unknown-option',
    severity: 'error',
    scope: 'line',
    title: 'Option iptables does not know here',
    messages: READ_MESSAGES,
    fixable: true,
    docs: {
      summary: 'An option that no loaded match or target defines, such as `--dport` without `-p tcp`, or an option missing its argument.',
      why: [
        'iptables only knows an extension\'s options once the extension is loaded: `-p tcp` loads the tcp match,',
        '`-m conntrack` loads conntrack. Until then `--dport` or `--ctstate` means nothing, and iptables-restore',
        'stops the whole file with `unknown option "--dport"`. Order matters too: `--dport 22 -p tcp` fails,',
        'because the option comes before the protocol that defines it.',
      ].join('\n'),
      bad: '*filter\n-A INPUT --dport 22 -j ACCEPT\nCOMMIT\n',
      good: '*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n',
      fix: 'Load what defines the option before it. The quick fix inserts `-p tcp` (for port options) or `-m NAME` (for an option only one match has) before the option.',
    },
  },
  (file) => passFindings(file, 'unknown-option'),
  (f, ctx) => {
    const line = ruleLine(ctx.file, f.line);
    const name = f.subject;
    if (!line || !name) return [];
    const owners = extensionsWithOption(name, ctx.file.family).filter((l) => l.spec.kind === 'match');
    const hasProto = line.rule.core.some((o) => o.name === 'protocol');
    const proto = owners.find((o) => PROTOCOL_MATCHES.has(o.spec.name));
    if (proto && !hasProto) {
      const p = proto.spec.name === 'icmp6' ? 'icmpv6' : proto.spec.name;
      return [{ title: `Add -p ${p} before --${name}`, isPreferred: true, edits: [insertAt(f.line, afterChain(line), ` -p ${p}`)] }];
    }
    if (owners.length === 1 && !proto) {
      const m = owners[0].spec.name;
      return [{ title: `Load the ${m} match: -m ${m} --${name}`, isPreferred: true, edits: [insertAt(f.line, f.start, `-m ${m} `)] }];
    }
    return [];
  },
);
