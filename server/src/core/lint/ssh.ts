// What the checks that keep SSH open share (ssh-lockout, no-default-deny, missing-established):
// the ports sshd listens on, the rule that accepts them, and a commented-out one a file may carry.
import type { LintOptions } from './check';
import { DESTINATION_OR_EITHER_PORT_OPTIONS } from '../kb/port-options';
import { parsePortList, portInItems } from '../net/ports';
import { matchRule, synTo } from '../reach/evaluate';
import type { CommentLine, TableBlock } from '../syntax/model';
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
