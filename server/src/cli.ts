// firewall-lint: the same checks as the editor, for CI and pre-commit. Uses the core, not the server.
import { readFileSync } from 'node:fs';
import { lint, type Diagnostic } from './core';

const USAGE = 'usage: firewall-lint [--ssh-port N]... [--family ipv4|ipv6] FILE...';

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

process.exitCode = main(process.argv.slice(2));
