// What the checks that keep SSH open share (ssh-lockout, no-default-deny, missing-established):
// the ports sshd listens on, the rule that accepts them, a commented-out one a file may carry, and
// the rules that show sshd listening on another port.
import type { LintOptions } from './check';
import { DESTINATION_OR_EITHER_PORT_OPTIONS } from '../kb/port-options';
import { parsePortList, portInItems, type PortItem } from '../net/ports';
import { matchRule, synTo } from '../reach/evaluate';
import type { CommentLine, ParsedFile, RuleLine, TableBlock } from '../syntax/model';
import type { TableModel } from '../syntax/ruleset';
import { parseRuleTokens } from '../syntax/rule-parser';
import { tokenize } from '../syntax/tokenize';

/** The port sshd listens on unless told otherwise. */
export const DEFAULT_SSH_PORT = 22;

/** The SSH ports of the settings (`firewallRules.sshPorts`, `--ssh-port`), or 22. */
export function sshPortsOf(options: Pick<LintOptions, 'sshPorts'>): number[] {
  return options.sshPorts.length ? options.sshPorts : [DEFAULT_SSH_PORT];
}

/** The INPUT rule that accepts new connections to the SSH ports. */
export function sshAcceptLine(ports: readonly number[]): string {
  return ports.length === 1
    ? `-A INPUT -p tcp -m tcp --dport ${ports[0]} -j ACCEPT`
    : `-A INPUT -p tcp -m multiport --dports ${ports.join(',')} -j ACCEPT`;
}

/** A comment that holds an INPUT rule accepting one of the SSH ports, e.g. `#-A INPUT -p tcp --dport 22 -j ACCEPT`. */
export function findCommentedSshRule(block: TableBlock, ports: readonly number[]): CommentLine | undefined {
  for (const line of block.lines) {
    if (line.kind !== 'comment') continue;
    const body = line.text.replace(/^#+\s*/, '');
    if (!/^-(A|I|-append|-insert)\s/.test(body)) continue;
    const rule = parseRuleTokens(tokenize(body));
    if (rule.command?.chain?.value !== 'INPUT' || rule.target?.name?.value !== 'ACCEPT') continue;
    const portOptions = rule.matches.flatMap((m) => m.options).filter((o) => DESTINATION_OR_EITHER_PORT_OPTIONS.has(o.name) && !o.negation);
    const namesSshPort = portOptions.some((o) => {
      const items = parsePortList(o.args[0]?.value ?? '');
      return items !== undefined && ports.some((p) => portInItems(p, items));
    });
    if (namesSshPort && ports.some((port) => matchRule(rule, synTo(port)) !== 'no')) return line;
  }
  return undefined;
}

/** A comment about SSH: `# open ssh`, `--comment "sshd"`, `OpenSSH`; not `sshguard` or `SSH_BRUTE`. */
const SSH_WORDS = /\b(?:ssh|sshd|openssh)\b/i;

/** A rule that accepts a port other than the SSH ports, and says it is for SSH. */
export interface SshElsewhere {
  rule: RuleLine;
  port: number;
  /** The comment that says so (the `#` line just above, or `-m comment`); undefined: the port is written `ssh`. */
  comment: string | undefined;
}

/** The text of the rule's `-m comment --comment`, or of the `#` line just above it, when it speaks of SSH. */
function sshComment(file: ParsedFile, rule: RuleLine): string | undefined {
  for (const m of rule.rule.matches) {
    if (m.module !== 'comment') continue;
    const said = m.options.find((o) => o.name === 'comment')?.args[0]?.value;
    if (said !== undefined && SSH_WORDS.test(said)) return said.trim();
  }
  const above = file.lines[rule.index - 1];
  if (above?.kind !== 'comment') return undefined;
  const body = above.text.replace(/^#+\s*/, '').trim();
  // A commented-out rule is not a comment about this one.
  return !body.startsWith('-') && SSH_WORDS.test(body) ? body : undefined;
}

/** What one accepting rule shows of sshd elsewhere, if anything. */
function elsewhereIn(file: ParsedFile, rule: RuleLine, ports: readonly number[]): SshElsewhere | undefined {
  const items: PortItem[] = [];
  for (const m of rule.rule.matches) {
    for (const o of m.options) {
      if (!DESTINATION_OR_EITHER_PORT_OPTIONS.has(o.name)) continue;
      const parsed = o.negation ? undefined : parsePortList(o.args[0]?.value ?? '');
      if (!parsed) return undefined;
      items.push(...parsed);
    }
  }
  // A rule that also accepts an SSH port is about that one.
  if (items.length === 0 || ports.some((p) => portInItems(p, items))) return undefined;
  const named = items.find((i) => i.text === 'ssh');
  let found: SshElsewhere | undefined;
  if (named) found = { rule, port: named.low, comment: undefined };
  else if (items.length === 1 && items[0].low === items[0].high) {
    const comment = sshComment(file, rule);
    if (comment !== undefined) found = { rule, port: items[0].low, comment };
  }
  return found && matchRule(rule.rule, synTo(found.port)) !== 'no' ? found : undefined;
}

/**
 * Rules of the filter table that accept a new TCP connection to one port other than the SSH ports
 * and say it is for SSH: a comment naming ssh, sshd or OpenSSH (the `#` line just above, or
 * `-m comment`), or the port written as the service name `ssh` while 22 is not among them. A list or
 * a range of ports names no one port, so it is not read.
 */
export function findSshElsewhere(file: ParsedFile, table: TableModel, ports: readonly number[]): SshElsewhere[] {
  const found: SshElsewhere[] = [];
  for (const chain of table.chains.values()) {
    if (chain.builtin && chain.name !== 'INPUT') continue;
    for (const rule of chain.rules) {
      if (rule.rule.target?.name?.value !== 'ACCEPT') continue;
      const f = elsewhereIn(file, rule, ports);
      if (f) found.push(f);
    }
  }
  return found.sort((a, b) => a.rule.index - b.rule.index);
}
