// Reads iptables's own extension tests (`*.t`, format in ../shared/conformance/README.md) into
// one-rule files in the right table, chain and family.
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

export interface ConformanceCase {
  file: string;
  line: number;
  rule: string;
  expect: 'OK' | 'FAIL';
  family: 'ipv4' | 'ipv6';
  /** One file per chain the line is tested in. */
  texts: string[];
  /**
   * The objects the host has when the line is tested, as its .t file declares them: the nfacct
   * objects and ipset sets its `@` commands made (`@nfacct add test`), and no connlabel names.
   */
  hostObjects: { ipset: string[]; nfacct: string[]; connlabel: string[] };
}

/** The release the .t files come from: the conformance test checks them for it. */
export const CONFORMANCE_RELEASE = '1.8.11';

export interface ConformanceSet {
  /** Every line counted, those of RELEASE_DIFFERENCES too. */
  cases: ConformanceCase[];
  skipped: Record<string, number>;
  /** The lines whose verdict the installed iptables gives differently (listed in RELEASE_DIFFERENCES). */
  releaseDifferences: ConformanceCase[];
}

/**
 * What a rule needs that no rules file holds, by kind: the ipset sets it names, an nfacct object, a
 * connlabel name (read from the machine's connlabel.conf). iptables refuses the rule where the object
 * is missing, as on the machine the .t files ran on; a linter of the file alone cannot know.
 */
export function outsideObject(rule: string): string | undefined {
  const words = rule.split(/\s+/);
  const after = (flag: string): string | undefined => {
    const i = words.indexOf(flag);
    return i < 0 ? undefined : (words[i + 1] ?? '').replace(/^"|"$/g, '');
  };
  if (['--match-set', '--add-set', '--del-set', '--map-set'].some((f) => words.includes(f))) return 'an ipset set';
  if (words.includes('--nfacct-name')) return 'an nfacct object';
  const label = words.includes('connlabel') ? after('--label') : undefined;
  if (label !== undefined && !/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(label)) return 'a connlabel name';
  return undefined;
}

/**
 * Lines of the .t files (iptables 1.8.11) that iptables 1.8.9, the release on these machines and in
 * Debian 12, answers the other way. The knowledge base says which releases each fact holds for
 * (kb/releases.ts): checked for 1.8.11 these lines agree with the .t files, checked for 1.8.9 with
 * the installed binary, which the conformance test verifies when it can.
 */
export const RELEASE_DIFFERENCES: ReadonlyArray<{ file: string; rule: string; installed: 'OK' | 'FAIL'; why: string }> = [
  ...['query', 'report', 'done', 'reduction'].map((t) => ({
    file: 'libip6t_icmp6.t', rule: `-p ipv6-icmp -m icmp6 --icmpv6-type mld-listener-${t}`, installed: 'FAIL' as const, why: 'MLD type names came in 1.8.10',
  })),
  ...([
    ['libxt_udp.t', '-p udp -m udp --sport 4:3'],
    ['libxt_udp.t', '-p udp -m udp --dport 4:3'],
    ['libxt_conntrack.t', '-m conntrack --ctexpire 4:3'],
    ...['ctorigsrcport', 'ctreplsrcport', 'ctorigdstport', 'ctrepldstport'].map((o) => ['libxt_conntrack.t', `-m conntrack --${o} 4:3`]),
    ['libxt_dccp.t', '-p dccp -m dccp --sport 4:3'],
    ['libxt_dccp.t', '-p dccp -m dccp --dport 4:3'],
    ['libip6t_ah.t', '-m ah --ahspi 4:3'],
    ['libipt_ah.t', '-p ah -m ah --ahspi 4:3'],
    ['libxt_esp.t', '-p esp -m esp --espspi 4:3'],
    ['libxt_ipcomp.t', '-p ipcomp -m ipcomp --ipcompspi 4:3'],
  ] as Array<[string, string]>).map(([file, rule]) => ({ file, rule, installed: 'OK' as const, why: 'ranges may run backwards before 1.8.11' })),
  ...['-m conntrack --ctproto 0', '-m conntrack ! --ctproto 0'].map((rule) => ({
    file: 'libxt_conntrack.t', rule, installed: 'OK' as const, why: 'conntrack refuses --ctproto 0 since 1.8.10',
  })),
];

/** What an `@`/`%` command of a .t file makes or removes on the host: nfacct objects and ipset sets. */
function hostCommand(command: string, made: { ipset: Set<string>; nfacct: Set<string> }): void {
  const [tool, verb, name] = command.trim().split(/\s+/);
  const kind = tool === 'nfacct' ? made.nfacct : tool === 'ipset' ? made.ipset : undefined;
  if (!kind || !name) return;
  if (verb === 'add' && tool === 'nfacct') kind.add(name);
  else if ((verb === 'create' || verb === '-N') && tool === 'ipset') kind.add(name);
  else if (verb === 'del' || verb === 'destroy' || verb === '-X') kind.delete(name);
}

export function readConformance(dir: string): ConformanceSet {
  const cases: ConformanceCase[] = [];
  const releaseDifferences: ConformanceCase[] = [];
  const skipped: Record<string, number> = {};
  const skip = (why: string): void => {
    skipped[why] = (skipped[why] ?? 0) + 1;
  };
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.t')).sort()) {
    const family = name.startsWith('libip6t_') ? 'ipv6' : 'ipv4';
    let chains: string[] = [];
    let table = 'filter';
    const made = { ipset: new Set<string>(), nfacct: new Set<string>() };
    readFileSync(path.join(dir, name), 'utf8').split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      if (line.startsWith(':')) {
        chains = line.slice(1).split(',');
        return;
      }
      if (line.startsWith('*')) {
        table = line.slice(1);
        return;
      }
      if (line.startsWith('@') || line.startsWith('%')) {
        hostCommand(line.slice(1), made);
        skip('external command');
        return;
      }
      const fields = line.split(';');
      const [rule, , result, backend] = fields;
      if (backend === 'NFT' || backend === 'LEGACY') {
        skip('backend-specific');
        return;
      }
      if (result === 'NOMATCH') {
        skip('NOMATCH');
        return;
      }
      if (result !== 'OK' && result !== 'FAIL') {
        skip('unreadable');
        return;
      }
      const texts = chains.map((chain) => {
        const builtin = ['INPUT', 'OUTPUT', 'FORWARD', 'PREROUTING', 'POSTROUTING'].includes(chain);
        return [`*${table}`, ...(builtin ? [] : [`:${chain} - [0:0]`]), `-A ${chain} ${rule}`, 'COMMIT', ''].join('\n');
      });
      const hostObjects = { ipset: [...made.ipset], nfacct: [...made.nfacct], connlabel: [] };
      const c: ConformanceCase = { file: name, line: i + 1, rule, expect: result, family, texts, hostObjects };
      cases.push(c);
      if (RELEASE_DIFFERENCES.some((d) => d.file === name && d.rule === rule)) releaseDifferences.push(c);
    });
  }
  return { cases, skipped, releaseDifferences };
}
