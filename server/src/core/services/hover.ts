// Hover docs for whatever is under the cursor: a command, an option, a match or target, a value
// (port, ICMP type, state, reject type, protocol), a chain, a policy or a table. Every piece of file
// text goes into the markdown through `md`, which escapes it; the knowledge base's docs are trusted.
import { chainInfo } from './chains';
import { CORE_BY_SHORT, STANDARD_TARGETS, type OptionSpec } from '../kb';
import { describeForm } from '../kb/forms';
import { md, trusted as t } from './markdown';
import { COMMAND_DOCS, ICMP_DOCS, POLICY_DOCS, PORT_DOCS, PROTOCOL_DOCS, REJECT_DOCS, STATE_DOCS } from '../kb/values';
import { tableSpec } from '../kb/tables';
import { PORT_OPTION_NAMES } from '../kb/port-options';
import type { OptionUse, ParsedFile, Range, RuleLine, TableBlock, Token } from '../syntax/model';
import { parsePortList, resolvePort } from '../net/ports';
import { ruleReach } from '../reach/reach-summary';
import { tokensOf } from '../syntax/rule-text';

export interface HoverInfo {
  range: Range;
  markdown: string;
}

const inside = (t: { start: number; end: number }, ch: number): boolean => ch >= t.start && ch <= t.end;

function span(line: number, t: { start: number; end: number }): Range {
  return { start: { line, character: t.start }, end: { line, character: t.end } };
}

/** The doc of whatever sits at the position, or undefined. */
export function hoverAt(file: ParsedFile, lineIndex: number, character: number): HoverInfo | undefined {
  const line = file.lines[lineIndex];
  if (!line) return undefined;
  if (line.kind === 'table') {
    const name = line.name;
    if (!name || !inside(name, character)) return undefined;
    const doc = tableSpec(name.value)?.doc;
    return doc ? { range: span(lineIndex, name), markdown: md`**Table ${name.value}**\n\n${t(doc)}` } : undefined;
  }
  if (line.kind === 'chain') {
    if (line.name && inside(line.name, character) && line.block) return chainHover(line.block, line.name, lineIndex);
    if (line.policy && inside(line.policy, character)) {
      const doc = POLICY_DOCS[line.policy.value];
      return doc ? { range: span(lineIndex, line.policy), markdown: md`**Policy ${line.policy.value}**\n\n${t(doc)}` } : undefined;
    }
    return undefined;
  }
  if (line.kind !== 'rule') return undefined;
  const token = tokensOf(line).find((t) => inside(t, character));
  if (!token) return undefined;
  return ruleTokenHover(file, line, token, character);
}

function ruleTokenHover(file: ParsedFile, line: RuleLine, token: Token, character: number): HoverInfo | undefined {
  const at = (markdown: string): HoverInfo => ({ range: span(line.index, token), markdown });
  const rule = line.rule;
  const cmd = rule.command;
  if (cmd && token === cmd.flag) {
    const reach = ruleReach(file, line);
    const parts = [md`**${cmd.flag.value}** (${cmd.name})\n\n${t(COMMAND_DOCS[cmd.name] ?? '')}`];
    if (reach) {
      parts.push(
        [
          // Port labels and line numbers only: nothing here is file text.
          '**New TCP connections from anywhere**',
          '',
          `- reach this rule: ${reach.reaches.join(', ') || 'none'}`,
          `- of those, it surely matches: ${reach.matches.join(', ') || 'none'}`,
          ...(reach.decidedBefore.length ? [`- decided before it: ${reach.decidedBefore.map((d) => `${d.label} (line ${d.line + 1})`).join(', ')}`] : []),
        ].join('\n'),
      );
    }
    return at(parts.join('\n\n'));
  }
  if (cmd && token === cmd.chain && line.block) return chainHover(line.block, token, line.index);
  if (token.value === '!' && !token.quoted) return at('**\\!** negates the option after it: the rule matches when that option does not hold.');

  for (const m of rule.matches) {
    if (m.name === token && m.spec) {
      if (m.implicit) {
        const doc = PROTOCOL_DOCS[token.value.toLowerCase()];
        return at(md`**-p ${token.value}**${t(doc ? `\n\n${doc}` : '')}\n\nLoads the ${m.module} match: ${t(m.spec.spec.help)}`);
      }
      return at(md`**-m ${m.module}**\n\n${t(m.spec.spec.help)}`);
    }
  }
  const target = rule.target;
  if (target?.name === token) {
    const std = STANDARD_TARGETS[token.value];
    if (std) return at(md`**${token.value}**\n\n${t(std)}`);
    if (target.spec) return at(md`**${token.value}** (target)\n\n${t(target.spec.spec.help)}`);
    if (line.block) return chainHover(line.block, token, line.index);
  }
  const options: OptionUse[] = [...rule.core, ...rule.matches.flatMap((m) => m.options), ...(target?.options ?? [])];
  if (target && token === target.flag) return at(optionDoc(target.goto ? 'goto' : 'jump', CORE_BY_SHORT.get(target.goto ? 'g' : 'j'), undefined, token.value));
  if (token.value === '-m' || token.value === '--match') return at(optionDoc('match', CORE_BY_SHORT.get('m'), undefined, token.value));
  for (const o of options) {
    if (o.flag === token) return at(optionDoc(o.name, o.spec, o.owner, token.value));
    const arg = o.args.indexOf(token);
    if (arg >= 0) return valueHover(o, token, character - token.start, at);
  }
  return undefined;
}

function optionDoc(name: string, spec: OptionSpec | undefined, owner: string | undefined, spelled = `--${name}`): string {
  const title = spelled === `--${name}` ? md`**${`--${name}`}**` : md`**${spelled}** (${`--${name}`})`;
  if (!spec) return title;
  const parts = [owner ? md`${t(title)} · ${owner}` : title, spec.help];
  const form = describeForm(spec.form);
  const notes = [md`Argument: ${t(form)}.`];
  if (spec.invert) notes.push('Can be negated with `!`.');
  parts.push(notes.join(' '));
  return parts.join('\n\n');
}

function valueHover(o: OptionUse, token: Token, offset: number, at: (md: string) => HoverInfo): HoverInfo | undefined {
  const v = token.value;
  if (PORT_OPTION_NAMES.has(o.name)) {
    const all = parsePortList(v) ?? [];
    // In a list, the item under the cursor (a quoted token is taken whole).
    const here = token.quoted ? [] : all.filter((i) => offset >= i.start && offset <= i.end);
    const docs = (here.length ? here : all).map((item) => {
      const port = item.low === item.high ? item.low : undefined;
      if (port === undefined) return md`**${item.text}**: ports ${item.low} to ${item.high}.`;
      const doc = PORT_DOCS[port];
      return doc ? md`**${item.text}** (tcp/${port}, ${t(doc.name)}): ${t(doc.what)}` : md`**${item.text}**: port ${port}.`;
    });
    return docs.length ? at(docs.join('\n\n')) : undefined;
  }
  if (o.name === 'icmp-type' || o.name === 'icmpv6-type') {
    const doc = ICMP_DOCS[v.toLowerCase()];
    return at(md`**${v}**${t(doc ? `: ${doc}` : '')}`);
  }
  if (o.name === 'ctstate' || o.name === 'state') {
    // The state under the cursor; all of them when the token is quoted.
    const states = v.toUpperCase().split(',');
    let from = 0;
    const here = states.filter((s) => {
      const hit = !token.quoted && offset >= from && offset <= from + s.length;
      from += s.length + 1;
      return hit;
    });
    return at((here.length ? here : states).map((s) => md`**${s}**: ${t(STATE_DOCS[s] ?? 'not a state conntrack knows.')}`).join('\n\n'));
  }
  if (o.name === 'reject-with') return at(md`**${v}**${t(REJECT_DOCS[v] ? `: ${REJECT_DOCS[v]}` : '')}`);
  if (o.name === 'protocol') {
    const doc = PROTOCOL_DOCS[v.toLowerCase()];
    return at(md`**${v}**${t(doc ? `: ${doc}` : '')}`);
  }
  if (o.name === 'to-ports') {
    const port = resolvePort(v);
    const doc = port !== undefined ? PORT_DOCS[port] : undefined;
    if (doc) return at(md`**${v}** (${t(doc.name)}): ${t(doc.what)}`);
  }
  return at(optionDoc(o.name, o.spec, o.owner));
}

function chainHover(block: TableBlock, token: Token, lineIndex: number): HoverInfo {
  const info = chainInfo(block, token.value);
  const facts: string[] = [];
  facts.push(info.builtin ? md`built-in chain of the ${block.name} table` : md`user chain of the ${block.name} table`);
  facts.push(info.declaredAt !== undefined ? md`declared on line ${info.declaredAt + 1}` : info.builtin ? 'not declared (policy ACCEPT)' : '**not declared**');
  if (info.builtin) facts.push(md`policy ${info.policy ?? 'ACCEPT'}`);
  facts.push(`${info.rules} rule${info.rules === 1 ? '' : 's'}`);
  if (!info.builtin) facts.push(`${info.jumps} jump${info.jumps === 1 ? '' : 's'} to it`);
  return { range: span(lineIndex, token), markdown: md`**Chain ${token.value}**\n\n${t(facts.join(' · '))}` };
}
