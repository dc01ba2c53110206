import { insertLinesAfter, insertLinesBefore, lineRange, spanRange } from '../lint/edits';
import type { Line, ParsedFile } from '../syntax/model';
import { isStatement } from '../syntax/parser';
import type { Check, CheckContext } from '../lint/check';
import { BUILTIN_CHAINS } from '../syntax/ruleset';

// Control characters other than tab, or the replacement character a failed UTF-8 decode leaves.
function looksBinary(text: string): boolean {
  return /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/.test(text);
}

const NAT_TARGETS = new Set(['MASQUERADE', 'SNAT', 'DNAT', 'REDIRECT', 'NETMAP']);

/** Runs of statements outside any table, each ending at a COMMIT or before the next `*table` line. */
export function orphanRegions(file: ParsedFile): Line[][] {
  const regions: Line[][] = [];
  if (file.outsideTables === 0) return regions;
  let region: Line[] | undefined;
  for (const line of file.lines) {
    if (line.kind === 'table' || line.block) {
      region = undefined;
      continue;
    }
    if (!isStatement(line)) continue;
    if (!region) {
      region = [];
      regions.push(region);
    }
    region.push(line);
    if (line.kind === 'commit') region = undefined;
  }
  return regions;
}

function guessTable(region: Line[]): string {
  for (const line of region) {
    if (line.kind !== 'rule') continue;
    const chain = line.rule.command?.chain?.value;
    const target = line.rule.target?.name?.value ?? '';
    if (chain === 'PREROUTING' || chain === 'POSTROUTING' || NAT_TARGETS.has(target)) return 'nat';
  }
  return 'filter';
}

/** The header a region needs: the table line, its built-in chains, and user chains it fills but never creates. */
function headerFor(region: Line[]): string[] {
  const table = guessTable(region);
  const builtins = BUILTIN_CHAINS[table];
  const declared = new Set<string>();
  const created = new Set<string>();
  const filled: string[] = [];
  for (const line of region) {
    if (line.kind === 'chain' && line.name) declared.add(line.name.value);
    if (line.kind !== 'rule') continue;
    const cmd = line.rule.command;
    if (!cmd?.chain) continue;
    if (cmd.name === 'new-chain') created.add(cmd.chain.value);
    if ((cmd.name === 'append' || cmd.name === 'insert') && !filled.includes(cmd.chain.value)) filled.push(cmd.chain.value);
  }
  const lines = [`*${table}`];
  for (const b of builtins) if (!declared.has(b)) lines.push(`:${b} ACCEPT [0:0]`);
  for (const c of filled) {
    if (!builtins.includes(c) && !declared.has(c) && !created.has(c)) lines.push(`:${c} - [0:0]`);
  }
  return lines;
}

export const missingTableHeader: Check = {
  meta: {
    code: 'missing-table-header',
    severity: 'error',
    title: 'Rules outside any table',
    fixable: true,
    safeFix: true,
    messages: {
      byteOrderMark: 'The file starts with an invisible byte-order mark (U+FEFF), so iptables-restore does not see its first line for what it is and fails with "line {at} failed". Save the file as UTF-8 without BOM.',
      notText: 'This is not text iptables-restore can read (line {at} holds control bytes): it stops with "line {at} failed". Is this the rules file?',
      outsideTable: '{what}: iptables-restore stops with "line {at} failed" and loads nothing after it. Add "{header}" and its chain lines above line {at}, and "COMMIT" below line {last}.',
      outsideTableCommitted: '{what}: iptables-restore stops with "line {at} failed" and loads nothing after it. Add "{header}" and its chain lines above line {at}.',
      strayCommit: 'This COMMIT closes no table',
      strayChain: 'This chain line is outside any table',
      strayRules: 'These rules are outside any table',
    },
    docs: {
      summary: 'Rules, chain lines or COMMIT that come before any `*table` line (or after a table was committed), which iptables-restore refuses.',
      why: [
        'iptables-restore reads a file table by table: a `*filter` line opens the table, `:CHAIN` lines declare its',
        'chains, the rules follow, and `COMMIT` loads them. A rule outside such a block belongs to no table, so',
        'iptables-restore stops at once with `iptables-restore: line N failed` and loads nothing after it.',
        '',
        'This happens most often when rules are copied from a tutorial that shows only the `-A` lines. A boot',
        'script that runs `iptables-restore < /etc/firewall.rules` then fails and the machine comes up with no',
        'firewall at all, or with whatever was there before.',
      ].join('\n'),
      bad: [
        '# Allow SSH and mail',
        '-A INPUT -p tcp --dport 22 -j ACCEPT',
        '-A INPUT -p tcp --dport 25 -j ACCEPT',
        '',
      ].join('\n'),
      good: [
        '# Allow SSH and mail',
        '*filter',
        ':INPUT ACCEPT [0:0]',
        ':FORWARD ACCEPT [0:0]',
        ':OUTPUT ACCEPT [0:0]',
        '-A INPUT -p tcp --dport 22 -j ACCEPT',
        '-A INPUT -p tcp --dport 25 -j ACCEPT',
        'COMMIT',
        '',
      ].join('\n'),
      fix: [
        'Put `*filter` (or the table the rules belong to) and a `:CHAIN POLICY [0:0]` line for each built-in chain',
        'before the rules, and `COMMIT` after them. The quick fix does exactly that. It picks `*nat` when the rules',
        'use `PREROUTING`, `POSTROUTING` or a NAT target. It gives the built-in chains the `ACCEPT` policy, so the',
        'rules keep the meaning they had, and it declares user chains that are filled with `-A` but never created.',
      ].join('\n'),
    },
  },
  file(ctx: CheckContext) {
    const { file } = ctx;
    const first = file.lines[0];
    if (first && first.text.charCodeAt(0) === 0xfeff) {
      ctx.report({
        range: spanRange(0, 0, 1),
        messageId: 'byteOrderMark',
        data: { at: { line: 0 } },
        fixes: [{ title: 'Remove the byte-order mark', isPreferred: true, edits: [{ range: spanRange(0, 0, 1), newText: '' }] }],
      });
      return;
    }
    for (const region of orphanRegions(file)) {
      const head = region[0];
      if (looksBinary(head.text)) {
        ctx.report({
          range: lineRange(head),
          messageId: 'notText',
          data: { at: { line: head.index } },
        });
        return;
      }
      const last = region[region.length - 1];
      const header = headerFor(region);
      // The header goes above the comment that introduces the first rule, not between them.
      let top = head.index;
      while (top > 0 && file.lines[top - 1].kind === 'comment' && !file.lines[top - 1].block) top--;
      const edits = [insertLinesBefore(file, top, header)];
      if (last.kind !== 'commit') edits.push(insertLinesAfter(file, last.index, ['COMMIT']));
      const what = head.kind === 'commit' ? 'strayCommit' : head.kind === 'chain' ? 'strayChain' : 'strayRules';
      ctx.report({
        range: lineRange(head),
        messageId: last.kind === 'commit' ? 'outsideTableCommitted' : 'outsideTable',
        data: { what: { messageId: what }, at: { line: head.index }, header: header[0], last: { line: last.index } },
        fixes: [{ title: `Add the missing ${header[0]} header and COMMIT`, isPreferred: true, edits }],
      });
    }
  },
};
