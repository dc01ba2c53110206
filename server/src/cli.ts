// firewall-lint: the same checks as the editor, for CI and pre-commit. Uses the core, not the server.
// It runs as root on /etc: every input is bounded (io/read), every failure is one line and exit 2,
// and `--fix` replaces a file only as io/replace allows.
import * as path from 'node:path';
import { ALL_CHECKS, ANYWHERE, decodeText, detectFamily, detectVersion, lint, parse, reach, renderCheckDoc, type LintOptions, type Reach } from './core';
import { cliSearchStart, findConfig, loadConfig, type ConfigLookup } from './config/config-file';
import { hostObjects, readLintSettings } from './config/settings';
import { describeError, InputError, isSystemError } from './io/errors';
import { replaceFile } from './io/replace';
import { parseArgs, parseReachArgs, RANK, USAGE, UsageError, type Args } from './cli/args';
import { fixBytes } from './cli/fix';
import { expand, readInput } from './cli/inputs';
import { printable, render, safeJson, type FileResult } from './cli/output';

/** One line to standard error, with nothing from a file printed raw. */
function say(message: string): void {
  process.stderr.write(`firewall-lint: ${printable(message)}\n`);
}

/** The settings for each file: `--config`, else the nearest config from where the CLI looks; each warning said once. */
class Configs {
  private readonly cache = new Map<string, ConfigLookup>();
  private readonly warned = new Set<string>();
  private readonly explicit: ConfigLookup | undefined;

  constructor(private readonly args: Args) {
    this.explicit = args.config === undefined ? undefined : loadConfig(args.config);
  }

  optionsFor(file: string): Partial<LintOptions> {
    const found = this.explicit ?? this.lookup(file === '-' ? process.cwd() : cliSearchStart(file, process.cwd()));
    for (const w of found.warnings) {
      if (this.warned.has(w)) continue;
      this.warned.add(w);
      say(`warning: ${w}`);
    }
    if (found.error) throw new InputError(found.error);
    const s = readLintSettings(found.settings ?? {});
    return {
      sshPorts: this.args.sshPorts.length ? this.args.sshPorts : s.sshPorts,
      family: this.args.family ?? s.family,
      backend: this.args.backend ?? s.backend,
      iptablesVersion: this.args.iptablesVersion ?? s.iptablesVersion,
      fileName: file === '-' ? '' : file,
      severity: { ...s.severity, ...this.args.rules } as LintOptions['severity'],
      mailProfile: s.mailProfile,
      hostObjects: hostObjects(s),
    };
  }

  private lookup(start: string): ConfigLookup {
    let found = this.cache.get(start);
    if (!found) this.cache.set(start, (found = findConfig(start)));
    return found;
  }
}

/** Reads, fixes when asked, and lints one input; a failure is this file's outcome, not the run's end. */
function check(file: string, args: Args, configs: Configs): FileResult {
  const shown = file === '-' ? '<stdin>' : file;
  try {
    const options = configs.optionsFor(file);
    const { bytes, stat } = readInput(file);
    const text = decodeText(bytes);
    if (!args.fix) return { file, shown, diagnostics: lint(text, options), fixed: false };
    const outcome = fixBytes(bytes, options);
    if ('refused' in outcome) {
      if (file === '-') process.stdout.write(bytes);
      return { file, shown, diagnostics: lint(text, options), fixed: false, error: `${shown}: ${outcome.refused}` };
    }
    if (file === '-') process.stdout.write(outcome.bytes);
    else if (outcome.changed && stat) {
      try {
        replaceFile(file, outcome.bytes, stat, shown);
      } catch (e) {
        // Not fixed: what the file holds is reported as it is.
        if (e instanceof InputError) return { file, shown, diagnostics: lint(text, options), fixed: false, error: e.message };
        throw e;
      }
      say(`${shown}: fixed`);
    }
    return { file, shown, diagnostics: lint(outcome.text, options), fixed: outcome.changed };
  } catch (e) {
    if (e instanceof InputError) return { file, shown, diagnostics: [], fixed: false, error: e.message };
    throw e;
  }
}

function lintMain(argv: string[]): number {
  const args = parseArgs(argv);
  const configs = new Configs(args);
  const results: FileResult[] = [];
  for (const input of args.inputs.flatMap(expand)) {
    const r = 'error' in input ? { file: input.file, shown: input.file, diagnostics: [], fixed: false, error: input.error } : check(input.file, args, configs);
    if (r.error) say(r.error);
    results.push(r);
  }
  // With --fix on standard input, the fixed text is the output.
  if (!(args.fix && args.inputs.includes('-'))) process.stdout.write(render(results, args.format, process.stdout.isTTY === true && !process.env.NO_COLOR));
  if (results.some((r) => r.error)) return 2;
  return results.some((r) => r.diagnostics.some((d) => RANK[d.severity] >= args.failOn)) ? 1 : 0;
}

export function main(argv: string[]): number {
  try {
    if (argv[0] === 'reach') return reachMain(argv.slice(1));
    const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
    if (options.includes('-h') || options.includes('--help')) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (argv[0] === '--explain') return explain(argv[1]);
    if (argv[0] === '--list-rules') {
      for (const r of ALL_CHECKS) process.stdout.write(`${r.meta.code.padEnd(28)} ${r.meta.severity.padEnd(8)} ${r.meta.title}\n`);
      return 0;
    }
    return lintMain(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      say(e.message);
      process.stderr.write(`${USAGE.split('\n')[0]}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      say(e.message);
      return 2;
    }
    if (isSystemError(e)) {
      say(describeError(e.path ?? e.syscall ?? 'firewall-lint', e).message);
      return 2;
    }
    throw e;
  }
}

function explain(code: string | undefined): number {
  const rule = ALL_CHECKS.find((r) => r.meta.code === code);
  if (!rule) {
    say('--explain needs a check code (see --list-rules)');
    return 2;
  }
  process.stdout.write(renderCheckDoc(rule));
  return 0;
}

/** `reach`: what a new TCP connection meets on each port, from the core's reachability engine. */
function reachMain(argv: string[]): number {
  const args = parseReachArgs(argv);
  const text = decodeText(readInput(args.file).bytes);
  const parsed = parse(text, detectFamily(text, args.file, args.family ?? 'auto'), undefined, detectVersion(text));
  const results = args.ports.map((port) => reach(parsed, { port, from: args.from ?? ANYWHERE, iface: args.iface }));
  if (args.json) {
    const verdicts = results.map((r) => ({
      port: r.port,
      protocol: 'tcp',
      verdict: r.verdict,
      decidedBy: r.decidedBy.map((l) => l + 1),
      ...(r.possible.length > 1 ? { possible: r.possible } : {}),
      ...(r.brokenIn ? { brokenIn: r.brokenIn } : {}),
      ...(r.rejectWith ? { rejectWith: r.rejectWith } : {}),
    }));
    process.stdout.write(safeJson({ family: parsed.family, verdicts }) + '\n');
  } else {
    for (const r of results) process.stdout.write(printable(describeReach(r)) + '\n');
  }
  return 0;
}

function describeReach(r: Reach): string {
  const lines = r.decidedBy.length ? ` (line${r.decidedBy.length > 1 ? 's' : ''} ${r.decidedBy.map((l) => l + 1).join(', ')})` : ' (no rule: policy ACCEPT)';
  const extra = r.verdict === 'half-open' ? ` in ${r.brokenIn}` : r.verdict === 'reject' ? ` with ${r.rejectWith}` : '';
  const may = r.possible.length > 1 ? `; may also ${r.possible.filter((v) => v !== r.verdict).join(' or ')}` : '';
  return `tcp/${String(r.port).padEnd(5)} ${r.verdict}${extra}${lines}${may}`;
}

// A closed pipe (`firewall-lint ... | head`) ends the output, not the program with a stack trace;
// any other failure to write the output (a full disk) is one line and exit 2.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  say(describeError('cannot write the output', e).message);
  process.exit(2);
});

if (process.argv.includes('--stdio') && process.argv.length === 3) {
  // `firewall-lint --stdio`: the language server, for editors that start it by this name.
  require(path.join(__dirname, 'server.js'));
} else {
  process.exitCode = main(process.argv.slice(2));
}
