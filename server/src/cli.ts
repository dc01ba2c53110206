// firewall-lint: the same checks as the editor, for CI and pre-commit. Uses the core, not the server.
import { readFileSync } from 'node:fs';
import { ANYWHERE, detectFamily, lint, parse, reach, type Diagnostic, type Reach } from './core';

const USAGE = [
  'usage: firewall-lint [--ssh-port N]... [--family ipv4|ipv6] FILE...',
  '       firewall-lint reach FILE [--ports 22,25,...] [--from ADDR] [--iface NAME] [--family ipv4|ipv6] [--json]',
].join('\n');
const DEFAULT_REACH_PORTS = [22, 25, 110, 143, 465, 587, 993, 995];

interface Args {
  files: string[];
  sshPorts: number[];
  family?: 'ipv4' | 'ipv6';
}

function parseArgs(argv: string[]): Args | string {
  const files: string[] = [];
  const sshPorts: number[] = [];
  let family: 'ipv4' | 'ipv6' | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return USAGE;
    if (a === '--ssh-port') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 65535) return `firewall-lint: --ssh-port needs a port number (1-65535)`;
      sshPorts.push(n);
    } else if (a === '--family') {
      const f = argv[++i];
      if (f !== 'ipv4' && f !== 'ipv6') return 'firewall-lint: --family needs ipv4 or ipv6';
      family = f;
    } else if (a.startsWith('-') && a !== '-') {
      return `firewall-lint: unknown option ${a}\n${USAGE}`;
    } else {
      files.push(a);
    }
  }
  if (files.length === 0) return USAGE;
  return { files, sshPorts, family };
}

export function format(file: string, d: Diagnostic): string {
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message} [${d.code}]`;
}

export function main(argv: string[]): number {
  if (argv[0] === 'reach') return reachMain(argv.slice(1));
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    const help = args === USAGE && (argv.includes('-h') || argv.includes('--help'));
    (help ? process.stdout : process.stderr).write(args + '\n');
    return help ? 0 : 2;
  }
  let errors = 0;
  for (const file of args.files) {
    let text: string;
    try {
      text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`firewall-lint: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 2;
    }
    const shown = file === '-' ? '<stdin>' : file;
    for (const d of lint(text, { ...(args.sshPorts.length ? { sshPorts: args.sshPorts } : {}), fileName: file, ...(args.family ? { family: args.family } : {}) })) {
      if (d.severity === 'error') errors++;
      process.stdout.write(format(shown, d) + '\n');
    }
  }
  return errors > 0 ? 1 : 0;
}

function readText(file: string): string | undefined {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`firewall-lint: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return undefined;
  }
}

/** `reach`: what a new TCP connection meets on each port, from the core's reachability engine. */
function reachMain(argv: string[]): number {
  let file: string | undefined;
  let ports = DEFAULT_REACH_PORTS;
  let from = ANYWHERE;
  let iface = 'eth0';
  let family: 'ipv4' | 'ipv6' | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--ports') {
      const list = (argv[++i] ?? '').split(',').map(Number);
      if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1 || n > 65535)) {
        process.stderr.write('firewall-lint: --ports needs a comma list of port numbers (1-65535)\n');
        return 2;
      }
      ports = list;
    } else if (a === '--from' || a === '--iface') {
      const v = argv[++i];
      if (!v) {
        process.stderr.write(`firewall-lint: ${a} needs a value\n`);
        return 2;
      }
      if (a === '--from') from = v;
      else iface = v;
    } else if (a === '--family') {
      const f = argv[++i];
      if (f !== 'ipv4' && f !== 'ipv6') {
        process.stderr.write('firewall-lint: --family needs ipv4 or ipv6\n');
        return 2;
      }
      family = f;
    } else if (a.startsWith('-') && a !== '-') {
      process.stderr.write(`firewall-lint: unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else if (file === undefined) file = a;
    else {
      process.stderr.write(`firewall-lint: reach takes one file\n${USAGE}\n`);
      return 2;
    }
  }
  if (file === undefined) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const text = readText(file);
  if (text === undefined) return 2;
  const parsed = parse(text, detectFamily(text, file, family ?? 'auto'));
  const results = ports.map((port) => reach(parsed, { port, from, iface }));
  if (json) {
    const verdicts = results.map((r) => ({
      port: r.port,
      protocol: 'tcp',
      verdict: r.verdict,
      decidedBy: r.decidedBy.map((l) => l + 1),
      ...(r.possible.length > 1 ? { possible: r.possible } : {}),
      ...(r.brokenIn ? { brokenIn: r.brokenIn } : {}),
      ...(r.rejectWith ? { rejectWith: r.rejectWith } : {}),
    }));
    process.stdout.write(JSON.stringify({ family: parsed.family, verdicts }) + '\n');
  } else {
    for (const r of results) process.stdout.write(describeReach(r) + '\n');
  }
  return 0;
}

function describeReach(r: Reach): string {
  const lines = r.decidedBy.length ? ` (line${r.decidedBy.length > 1 ? 's' : ''} ${r.decidedBy.map((l) => l + 1).join(', ')})` : ' (no rule: policy ACCEPT)';
  const extra = r.verdict === 'half-open' ? ` in ${r.brokenIn}` : r.verdict === 'reject' ? ` with ${r.rejectWith}` : '';
  const may = r.possible.length > 1 ? `; may also ${r.possible.filter((v) => v !== r.verdict).join(' or ')}` : '';
  return `tcp/${String(r.port).padEnd(5)} ${r.verdict}${extra}${lines}${may}`;
}

process.exitCode = main(process.argv.slice(2));
