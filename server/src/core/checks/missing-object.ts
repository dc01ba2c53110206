import { spanRange } from '../lint/edits';
import type { Check, CheckContext } from '../lint/check';
import { eachOptionUse, extensionsWith } from '../lint/option-uses';
import { MATCHES, TARGETS } from '../kb';
import { utf8Prefix } from '../kb/forms';
import type { HostObjectKind } from '../kb/types';
import type { OptionUse, ParsedFile, RuleLine } from '../syntax/model';

// The extensions with an option that names an object of the host (kb: OptionSpec.object).
const naming = (specs: typeof MATCHES): string[] => extensionsWith(specs, (_form, o) => o.object !== undefined);

/** ipset and nfacct look a name up by its first 31 bytes (IPSET_MAXNAMELEN, NFACCT_NAME_MAX less the NUL). */
const KEPT = 31;

/** What the settings call each kind's list. */
const SETTING: Readonly<Record<HostObjectKind, string>> = { ipset: 'ipsets', nfacct: 'nfacctObjects', connlabel: 'connlabels' };

/** A label libxt_connlabel reads as a bit number (strtoul of any base, the whole text) needs no name. */
const LABEL_NUMBER = /^\s*[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)$/;

export const missingObject: Check = {
  meta: {
    code: 'missing-object',
    severity: 'error',
    scope: 'line',
    title: 'Object the host does not have',
    fixable: false,
    messages: {
      ipset: 'Set {name} is not among the sets firewallRules.{setting} lists: iptables-restore stops with "Set {name} doesn\'t exist."',
      ipsetFamily: 'Set {name} is an {setFamily} set, and this is an {fileFamily} file: iptables-restore stops with "The protocol family of set {name} is {setFamily}, which is not applicable."',
      nfacct: 'nfacct object {name} is not among those firewallRules.{setting} lists: the kernel refuses the rule and iptables-restore stops with "RULE_APPEND failed (No such file or directory)".',
      connlabel: 'Label {name} is not among the names firewallRules.{setting} lists (those of /etc/xtables/connlabel.conf): iptables-restore stops with "label \'{name}\' not found or invalid value".',
    },
    docs: {
      summary: 'A rule that names an ipset set, an nfacct object or a connlabel name the host does not have, where the settings list what the host has.',
      why: [
        'These objects live outside the rules file: `ipset create` makes the sets, `nfacct add` the accounting',
        'objects, and /etc/xtables/connlabel.conf holds the label names. iptables-restore looks each one up as it',
        'reads the rule, and stops at the first it cannot find, so a typo in a set name, or sets created after the',
        'firewall at boot, leave the host without its rules. The file alone cannot say what exists, so this check',
        'runs only for the kinds the settings list: `firewallRules.ipsets` (a name, or a name and its family,',
        '`blocklist inet6`), `firewallRules.nfacctObjects` and `firewallRules.connlabels`. An empty list means the',
        'host has none. Label bit numbers (`--label 40`) need no name.',
      ].join('\n'),
      bad: '*filter\n-A INPUT -m set --match-set blocklsit src -j DROP\nCOMMIT\n',
      good: '*filter\n-A INPUT -m set --match-set blocklist src -j DROP\nCOMMIT\n',
      fix: 'Name an object the host has, or create it before the rules load (for ipset, `ipset restore` before `iptables-restore`) and add it to the setting.',
      examplesWith: { settings: '{ "ipsets": ["blocklist"] }', options: { hostObjects: { ipset: ['blocklist'] } } },
    },
  },
  // A file check, run in its place among the others: iptables looks an ipset set or a label up as it
  // reads the option, so this comes before the extensions' final checks on the same option.
  file(ctx) {
    if (Object.keys(ctx.options.hostObjects).length === 0) return;
    for (const line of linesNaming(ctx.file)) eachOptionUse(line, (o) => checkOption(ctx, line, o));
  },
};

const MATCHES_NAMING = naming(MATCHES);
const TARGETS_NAMING = naming(TARGETS);

/** The rule lines that use an extension naming a host object, in file order. */
function linesNaming(file: ParsedFile): RuleLine[] {
  const lines = new Set<RuleLine>();
  for (const m of MATCHES_NAMING) for (const l of file.byMatch.get(m) ?? []) lines.add(l);
  for (const t of TARGETS_NAMING) for (const l of file.byTarget.get(t) ?? []) lines.add(l);
  return [...lines].sort((a, b) => a.index - b.index);
}

/**
 * Whether iptables stops before it looks the object up: the kernel looks an nfacct object up once
 * the whole rule has been read, iptables an ipset set or a label once the option's own value has.
 */
function stopsBefore(line: RuleLine, o: OptionUse, kind: HostObjectKind, end: number): boolean {
  if (kind === 'nfacct') return line.rule.problems.length > 0;
  return line.rule.problems.some((p) => p.start >= o.flag.start && p.start < end);
}

function checkOption(ctx: CheckContext, line: RuleLine, o: OptionUse): void {
  const kind = o.spec?.object;
  const arg = o.args[0];
  const listed = kind ? ctx.options.hostObjects[kind] : undefined;
  if (!kind || !arg || !listed) return;
  if (kind === 'connlabel' && LABEL_NUMBER.test(arg.value)) return;
  if (stopsBefore(line, o, kind, arg.end)) return;
  const name = kind === 'connlabel' ? arg.value : utf8Prefix(arg.value, KEPT);
  // From the option on: iptables looks the object up as it reads the option, before any later check.
  const range = spanRange(line.index, o.flag.start, arg.end);
  const setting = SETTING[kind];
  const entry = indexOf(listed, kind).get(name);
  if (!entry) {
    ctx.report({ range, messageId: kind, data: { name, setting } });
    return;
  }
  const fileFamily = ctx.file.family === 'ipv6' ? 'IPv6' : 'IPv4';
  if (kind === 'ipset' && entry.family && entry.family !== fileFamily) {
    ctx.report({ range, messageId: 'ipsetFamily', data: { name, setFamily: entry.family, fileFamily } });
  }
}

interface Entry {
  name: string;
  family?: 'IPv4' | 'IPv6';
}

/** The listed objects by the name they are looked up by, made once per list (a list may hold thousands). */
const INDEX = new WeakMap<readonly string[], Map<HostObjectKind, ReadonlyMap<string, Entry>>>();

function indexOf(listed: readonly string[], kind: HostObjectKind): ReadonlyMap<string, Entry> {
  let byKind = INDEX.get(listed);
  if (!byKind) INDEX.set(listed, (byKind = new Map()));
  let index = byKind.get(kind);
  if (!index) {
    const map = new Map<string, Entry>();
    for (const e of listed.map(readEntry)) {
      const key = kind === 'connlabel' ? e.name : utf8Prefix(e.name, KEPT);
      if (!map.has(key)) map.set(key, e);
    }
    byKind.set(kind, (index = map));
  }
  return index;
}

/** A listed object: its name, and for an ipset set the family `inet`/`inet6` after it, if given. */
function readEntry(text: string): Entry {
  const m = /^(\S+)\s+(inet6?)$/.exec(text.trim());
  if (!m) return { name: text.trim() };
  return { name: m[1], family: m[2] === 'inet6' ? 'IPv6' : 'IPv4' };
}
