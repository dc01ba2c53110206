// The command line's words. `--` ends the options: a file named `-x.rules` comes after it.
import { ALL_CHECKS, ANYWHERE, IPTABLES_VERSIONS, isIptablesVersion, MAIL_HOST_PORTS, parseNetwork, type IptablesVersion } from '../core';

export const USAGE = [
  'usage: firewall-lint [options] [--] FILE|DIR|- ...',
  '       firewall-lint reach [--ports 22,25,...] [--from ADDR] [--iface NAME] [--family ipv4|ipv6] [--json] [--] FILE',
  '       firewall-lint --explain CODE | --list-rules | --stdio',
  '',
  'options:',
  '  --format text|json|sarif|github   output (text: file:line:col: severity: message [code])',
  '  --fix                             apply the safe fixes in place, then report what is left',
  '  --fail-on error|warning|info      exit 1 when a problem is at least this severe (default: error)',
  '  --rule CODE=off|error|warning|information|hint   change a check (repeatable)',
  '  --family ipv4|ipv6                read every file as iptables or ip6tables rules',
  '  --backend nft|legacy              check every file for iptables-nft-restore or iptables-legacy-restore',
  '  --iptables-version 1.8.N          check every file for this iptables release (1.8.7 to 1.8.11; default:',
  '                                    the one the first line names, else 1.8.9)',
  '  --ssh-port N                      a port sshd listens on (repeatable; default 22)',
  '  --config FILE                     the settings file to use (default: .firewall-rules.json in the',
  '                                    current folder or a parent)',
  '  --explain CODE                    print the doc page of a check',
  '  --list-rules                      print every check code with its severity and title',
  '  --stdio                           run the language server on standard input and output',
  '',
  'exit: 0 clean, 1 problems at or above --fail-on, 2 usage or I/O error',
].join('\n');

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];
const LEVELS = ['error', 'warning', 'information', 'hint', 'off'];
export const RANK: Record<string, number> = { error: 3, warning: 2, information: 1, info: 1, hint: 0 };

export class UsageError extends Error {}

export interface Args {
  inputs: string[];
  format: Format;
  fix: boolean;
  failOn: number;
  family?: 'ipv4' | 'ipv6';
  backend?: 'nft' | 'legacy';
  iptablesVersion?: IptablesVersion;
  rules: Record<string, string>;
  sshPorts: number[];
  config?: string;
}

export interface ReachArgs {
  file: string;
  ports: number[];
  from?: string;
  iface: string;
  family?: 'ipv4' | 'ipv6';
  json: boolean;
}

/** Reads `argv` flag by flag: `handle` takes a flag and its value reader, and says whether it knew it. */
function scan(argv: string[], handle: (flag: string, value: () => string) => boolean, operand: (a: string) => void): void {
  let i = 0;
  const value = (flag: string) => (): string => {
    const v = argv[++i];
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      for (const rest of argv.slice(i + 1)) operand(rest);
      return;
    }
    if (a.startsWith('-') && a !== '-') {
      if (!handle(a, value(a))) throw new UsageError(`unknown option ${a}`);
    } else operand(a);
  }
}

function family(v: string): 'ipv4' | 'ipv6' {
  if (v !== 'ipv4' && v !== 'ipv6') throw new UsageError('--family needs ipv4 or ipv6');
  return v;
}

function backend(v: string): 'nft' | 'legacy' {
  if (v !== 'nft' && v !== 'legacy') throw new UsageError('--backend needs nft or legacy');
  return v;
}

function iptablesVersion(v: string): IptablesVersion {
  if (!isIptablesVersion(v)) throw new UsageError(`--iptables-version needs one of ${IPTABLES_VERSIONS.join(', ')}`);
  return v;
}

function port(v: string, flag: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 65535) throw new UsageError(`${flag} needs a port number (1-65535)`);
  return n;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { inputs: [], format: 'text', fix: false, failOn: RANK.error, rules: {}, sshPorts: [] };
  scan(
    argv,
    (flag, value) => {
      if (flag === '--format') {
        const f = value();
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format needs one of ${FORMATS.join(', ')}`);
        args.format = f as Format;
      } else if (flag === '--fix') args.fix = true;
      else if (flag === '--fail-on') {
        const f = value();
        if (!['error', 'warning', 'info'].includes(f)) throw new UsageError('--fail-on needs error, warning or info');
        args.failOn = RANK[f];
      } else if (flag === '--family') args.family = family(value());
      else if (flag === '--backend') args.backend = backend(value());
      else if (flag === '--iptables-version') args.iptablesVersion = iptablesVersion(value());
      else if (flag === '--rule') {
        const [code, level] = value().split('=');
        if (!ALL_CHECKS.some((r) => r.meta.code === code)) throw new UsageError(`--rule: no check called ${code} (see --list-rules)`);
        if (!LEVELS.includes(level)) throw new UsageError(`--rule ${code}= needs ${LEVELS.join(', ')}`);
        args.rules[code] = level;
      } else if (flag === '--ssh-port') args.sshPorts.push(port(value(), flag));
      else if (flag === '--config') args.config = value();
      else return false;
      return true;
    },
    (a) => args.inputs.push(a),
  );
  if (args.inputs.length === 0) throw new UsageError('no file given');
  // With --fix, standard input's fixed text is the output: no other file's report can go there too.
  if (args.fix && args.inputs.includes('-') && args.inputs.length > 1) throw new UsageError('--fix with - (standard input) takes no other file');
  return args;
}

export function parseReachArgs(argv: string[]): ReachArgs {
  const files: string[] = [];
  const args: Omit<ReachArgs, 'file'> = { ports: [...MAIL_HOST_PORTS], iface: 'eth0', json: false };
  scan(
    argv,
    (flag, value) => {
      if (flag === '--json') args.json = true;
      else if (flag === '--ports') args.ports = value().split(',').map((p) => port(p, '--ports'));
      else if (flag === '--from' || flag === '--iface') {
        const v = value();
        if (!v) throw new UsageError(`${flag} needs a value`);
        if (flag === '--from' && v !== ANYWHERE && !parseNetwork(v)) throw new UsageError('--from needs an IPv4 or IPv6 address or network');
        if (flag === '--from') args.from = v;
        else args.iface = v;
      }
      else if (flag === '--family') args.family = family(value());
      else return false;
      return true;
    },
    (a) => files.push(a),
  );
  if (files.length === 0) throw new UsageError('reach needs a file');
  if (files.length > 1) throw new UsageError('reach takes one file');
  return { ...args, file: files[0] };
}
