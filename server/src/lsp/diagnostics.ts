// The diagnostics scheduler. A new document is analysed at once; an edit is checked quickly (the
// edited lines, with the rest carried), then the whole file is analysed after a pause. The whole-file
// analysis runs in slices, and a newer version or a close ends it.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { ALL_CHECKS, lintInSteps, MAX_TEXT_LENGTH, prepareQuickLint, type LintOptions, type ParsedFile } from '../core';
import type { ServerContext } from './context';
import { SOURCE, toLspDiagnostic } from './convert';
import type { DocState, DocumentEvents, LineChange } from './documents';
import type { FollowedWork, SlowWorkProgress } from './progress';
import { quickDiagnostics } from './quick-check';
import { fileNameOf } from './workspace-config';

/** Keystrokes closer together than this are linted once. */
const CHANGE_DELAY_MS = 30;
/** When the whole-file analysis takes longer than SLOW_LINT_MS, it waits for a pause in typing this long. */
const SLOW_CHANGE_DELAY_MS = 400;
const SLOW_LINT_MS = 200;
/** How long the whole-file analysis runs before it lets other messages through. */
const ANALYSIS_SLICE_MS = 30;
/** Sent after each whole-file analysis, once its diagnostics are published: `{ uri, version, ms }`. */
export const ANALYSED_NOTIFICATION = 'firewallRules/analysed';

/** A diagnostic at the top of the file, for what is said about the file as a whole. */
export function notice(message: string): Diagnostic {
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, severity: DiagnosticSeverity.Information, source: SOURCE, message };
}

/** The progress title of a document's analysis: "Analysing rules.v4". */
function analysingTitle(uri: string): string {
  const name = fileNameOf(uri);
  return `Analysing ${name.slice(name.lastIndexOf('/') + 1) || name}`;
}

export class DiagnosticsScheduler implements DocumentEvents {
  constructor(
    private readonly ctx: ServerContext,
    private readonly progress: SlowWorkProgress,
  ) {}

  changed(s: DocState, changes: LineChange[] | undefined): void {
    if (!changes) {
      s.base = undefined;
      this.schedule(s, s.parse ? CHANGE_DELAY_MS : 0);
      return;
    }
    const slow = (s.base?.ms ?? 0) > SLOW_LINT_MS;
    this.quickCheck(s, changes);
    this.schedule(s, slow ? SLOW_CHANGE_DELAY_MS : CHANGE_DELAY_MS);
  }

  closed(s: DocState): void {
    clearTimeout(s.timer);
    void this.ctx.connection.sendDiagnostics({ uri: s.doc.uri, diagnostics: [] });
  }

  /** The settings of these documents changed: they are read again, and the documents analysed again at once. */
  reconfigure(states: Iterable<DocState>): void {
    for (const s of states) {
      s.settings = undefined;
      this.schedule(s, 0);
    }
  }

  /** Analyses the whole document now and publishes its diagnostics (with the last --test verdict). */
  async validate(s: DocState): Promise<void> {
    const started = Date.now();
    const version = s.doc.version;
    if (!this.ctx.usable(s)) return this.tooBig(s);
    const settings = await this.ctx.settingsOf(s);
    if (!this.ctx.documents.isCurrent(s, version)) return;
    let diagnostics: Diagnostic[] | undefined;
    let file: ParsedFile | undefined;
    const options = this.ctx.optionsOf(s, settings);
    const progress = this.progress.follow(analysingTitle(s.doc.uri), Date.now());
    try {
      file = this.ctx.parsedOf(s, settings);
      diagnostics = await this.analyse(s, file, options, version, progress);
      if (!diagnostics) return;
    } catch (e) {
      // A bug in a check must not leave stale diagnostics or silence: say so where the user looks.
      this.ctx.connection.console.error(`lint failed on ${s.doc.uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      diagnostics = [notice(`Firewall Rules could not analyse this file (internal error: ${e instanceof Error ? e.message : String(e)}). Please report it.`)];
    } finally {
      progress.done();
    }
    if (s.verdict && s.verdict.version === version) diagnostics.push(s.verdict.diagnostic);
    s.shown = diagnostics;
    await this.ctx.connection.sendDiagnostics({ uri: s.doc.uri, version, diagnostics });
    const ms = Date.now() - started;
    if (file) {
      prepareQuickLint(file);
      s.base = { file, options, edits: [], ms };
    } else s.base = undefined;
    await this.ctx.connection.sendNotification(ANALYSED_NOTIFICATION, { uri: s.doc.uri, version, ms });
  }

  private schedule(s: DocState, delay: number): void {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = undefined;
      if (this.ctx.documents.isOpen(s)) this.validate(s).catch((e: unknown) => this.ctx.connection.console.error(`lint failed: ${String(e)}`));
    }, delay);
  }

  /** The whole-file analysis, in slices: a newer version or a close ends it. */
  private async analyse(s: DocState, file: ParsedFile, options: LintOptions, version: number, progress: FollowedWork): Promise<Diagnostic[] | undefined> {
    const steps = lintInSteps(s.doc.getText(), file, options, ALL_CHECKS);
    let slice = Date.now();
    let step = steps.next();
    while (!step.done) {
      if (Date.now() - slice > ANALYSIS_SLICE_MS) {
        progress.poll();
        await new Promise((resolve) => setImmediate(resolve));
        if (!this.ctx.documents.isCurrent(s, version)) return undefined;
        slice = Date.now();
      }
      step = steps.next();
    }
    return step.value.map((d) => toLspDiagnostic(d, s.doc.uri));
  }

  private async tooBig(s: DocState): Promise<void> {
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    await this.ctx.connection.sendDiagnostics({ uri: s.doc.uri, version: s.doc.version, diagnostics: [notice(`Not analysed: the file is ${mb(s.doc.getText().length)} MB, over the ${mb(MAX_TEXT_LENGTH)} MB limit.`)] });
  }

  private quickCheck(s: DocState, changes: LineChange[]): void {
    const diagnostics = s.base && quickDiagnostics(s, s.base, changes);
    if (!diagnostics) {
      // Tables or chains changed, or what the client shows no longer matches the lines: only the
      // whole-file analysis can tell.
      s.base = undefined;
      return;
    }
    s.shown = diagnostics;
    void this.ctx.connection.sendDiagnostics({ uri: s.doc.uri, version: s.doc.version, diagnostics });
  }
}
