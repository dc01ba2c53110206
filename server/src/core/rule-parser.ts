import type { Command, CommandName, MatchUse, OptionUse, ParsedRule, TargetUse, Token } from './model';

const COMMANDS = new Map<string, CommandName>(Object.entries({
  '-A': 'append', '--append': 'append',
  '-I': 'insert', '--insert': 'insert',
  '-D': 'delete', '--delete': 'delete',
  '-R': 'replace', '--replace': 'replace',
  '-C': 'check', '--check': 'check',
  '-P': 'policy', '--policy': 'policy',
  '-N': 'new-chain', '--new-chain': 'new-chain',
  '-F': 'flush', '--flush': 'flush',
  '-Z': 'zero', '--zero': 'zero',
  '-X': 'delete-chain', '--delete-chain': 'delete-chain',
  '-E': 'rename-chain', '--rename-chain': 'rename-chain',
  '-L': 'list', '--list': 'list',
  '-S': 'list-rules', '--list-rules': 'list-rules',
}) as Array<[string, CommandName]>);

// Core options, by spelling: canonical name and argument count.
const CORE = new Map<string, [string, number]>(Object.entries({
  '-p': ['protocol', 1], '--protocol': ['protocol', 1],
  '-s': ['source', 1], '--source': ['source', 1], '--src': ['source', 1],
  '-d': ['destination', 1], '--destination': ['destination', 1], '--dst': ['destination', 1],
  '-i': ['in-interface', 1], '--in-interface': ['in-interface', 1],
  '-o': ['out-interface', 1], '--out-interface': ['out-interface', 1],
  '-f': ['fragment', 0], '--fragment': ['fragment', 0],
  '-c': ['set-counters', 2], '--set-counters': ['set-counters', 2],
  '-4': ['ipv4', 0], '--ipv4': ['ipv4', 0],
  '-6': ['ipv6', 0], '--ipv6': ['ipv6', 0],
}) as Array<[string, [string, number]]>);

const MATCH_FLAGS = new Set(['-m', '--match']);
const JUMP_FLAGS = new Set(['-j', '--jump']);
const GOTO_FLAGS = new Set(['-g', '--goto']);

/** Long spellings that mean the same option. */
const ALIASES: Record<string, string> = {
  'destination-port': 'dport',
  'source-port': 'sport',
  'destination-ports': 'dports',
  'source-ports': 'sports',
};

/** Protocols whose match iptables loads by itself after `-p NAME`. */
export const IMPLICIT_PROTOCOL_MATCHES = new Set(['tcp', 'udp', 'udplite', 'sctp', 'dccp', 'icmp', 'icmpv6', 'ipv6-icmp', 'mh', 'ipv6-mh']);

// Enough ownership knowledge to tell a protocol's implicit options from a module's; the
// knowledge base refines it.
const PROTOCOL_OPTIONS: Record<string, Set<string>> = {
  tcp: new Set(['dport', 'sport', 'syn', 'tcp-flags', 'tcp-option']),
  udp: new Set(['dport', 'sport']),
  udplite: new Set(['dport', 'sport']),
  sctp: new Set(['dport', 'sport', 'chunk-types']),
  dccp: new Set(['dport', 'sport', 'dccp-types', 'dccp-option']),
  icmp: new Set(['icmp-type']),
  icmpv6: new Set(['icmpv6-type']),
  'ipv6-icmp': new Set(['icmpv6-type']),
};

function isOptionLike(t: Token): boolean {
  if (t.quoted || t.value.length < 2 || t.value.charCodeAt(0) !== 45) return false;
  const second = t.value.charCodeAt(1);
  return second < 48 || second > 57;
}

function isNegation(t: Token): boolean {
  return !t.quoted && t.value === '!';
}

/** Reads the argument list of one rule line into a command, core options, matches and a target. */
export function parseRuleTokens(tokens: Token[]): ParsedRule {
  const rule: ParsedRule = { command: undefined, core: [], matches: [], target: undefined, options: [], stray: [] };
  let negation: Token | undefined;
  let owner: MatchUse | TargetUse | undefined;
  let protocol: string | undefined;
  let implicit: MatchUse | undefined;
  let i = 0;

  const takeArgs = (count: number): Token[] => {
    const args: Token[] = [];
    if (count >= 0) {
      while (args.length < count && i < tokens.length) args.push(tokens[i++]);
      return args;
    }
    while (i < tokens.length && !isOptionLike(tokens[i]) && !isNegation(tokens[i])) args.push(tokens[i++]);
    return args;
  };

  while (i < tokens.length) {
    const tok = tokens[i++];
    if (isNegation(tok)) {
      negation = tok;
      continue;
    }
    const spelled = tok.quoted ? '' : tok.value;
    const command = spelled[0] === '-' ? COMMANDS.get(spelled) : undefined;
    if (command && !rule.command) {
      const chain = i < tokens.length && !isOptionLike(tokens[i]) ? tokens[i++] : undefined;
      const cmd: Command = { flag: tok, name: command, chain, args: [] };
      if (command === 'insert' || command === 'replace' || command === 'delete') {
        if (i < tokens.length && /^\d+$/.test(tokens[i].value)) cmd.args.push(tokens[i++]);
      } else if (command === 'policy' || command === 'rename-chain') {
        if (i < tokens.length && !isOptionLike(tokens[i])) cmd.args.push(tokens[i++]);
      }
      rule.command = cmd;
      negation = undefined;
      continue;
    }
    const core = spelled[0] === '-' ? CORE.get(spelled) : undefined;
    if (core) {
      const use: OptionUse = { flag: tok, name: core[0], negation, args: takeArgs(core[1]), owner: undefined };
      negation = undefined;
      rule.core.push(use);
      rule.options.push(use);
      if (use.name === 'protocol' && use.args[0] && !use.negation) {
        protocol = use.args[0].value.toLowerCase();
        if (IMPLICIT_PROTOCOL_MATCHES.has(protocol)) {
          implicit = { name: use.args[0], module: protocol, implicit: true, options: [] };
        }
      }
      continue;
    }
    if (MATCH_FLAGS.has(spelled)) {
      const name = tokens[i];
      if (name) i++;
      const match: MatchUse = { name: name ?? tok, module: name ? name.value : '', implicit: false, options: [] };
      rule.matches.push(match);
      owner = match;
      negation = undefined;
      continue;
    }
    if (JUMP_FLAGS.has(spelled) || GOTO_FLAGS.has(spelled)) {
      const name = i < tokens.length && !isOptionLike(tokens[i]) ? tokens[i++] : undefined;
      const target: TargetUse = { flag: tok, name, goto: GOTO_FLAGS.has(spelled), options: [] };
      rule.target = target;
      owner = target;
      negation = undefined;
      continue;
    }
    if (isOptionLike(tok)) {
      const raw = tok.value.replace(/^--?/, '');
      const name = ALIASES[raw] ?? raw;
      const use: OptionUse = { flag: tok, name, negation, args: takeArgs(-1), owner: undefined };
      negation = undefined;
      const home = chooseOwner(name, owner, implicit, protocol);
      if (home === implicit && implicit && !rule.matches.includes(implicit)) rule.matches.push(implicit);
      if (home) {
        home.options.push(use);
        use.owner = 'module' in home ? home.module : home.name?.value;
      }
      rule.options.push(use);
      continue;
    }
    rule.stray.push(tok);
  }
  return rule;
}

function chooseOwner(
  name: string,
  owner: MatchUse | TargetUse | undefined,
  implicit: MatchUse | undefined,
  protocol: string | undefined,
): MatchUse | TargetUse | undefined {
  if (protocol !== undefined && PROTOCOL_OPTIONS[protocol]?.has(name) === true) {
    const claims = owner && 'module' in owner &&
      (PROTOCOL_OPTIONS[owner.module]?.has(name) === true || MODULE_HINTS[owner.module]?.has(name) === true);
    return claims ? owner : implicit;
  }
  return owner ?? implicit;
}

// Options of common modules that share names with protocol options.
const MODULE_HINTS: Record<string, Set<string>> = {
  multiport: new Set(['dports', 'sports', 'ports', 'dport', 'sport']),
};
