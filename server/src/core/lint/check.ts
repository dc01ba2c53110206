import type { FamilySetting } from '../syntax/family';
import type { Diagnostic, Fix, MessageData, Severity } from './diagnostic';
import type { ParsedFile, Range, RuleLine } from '../syntax/model';
import type { TableModel } from '../syntax/ruleset';

/** A check's documentation: rendered as `docs/rules/<code>.md`, the page its diagnostics link to. */
export interface CheckDocs {
  /** One sentence: what the check catches. */
  summary: string;
  /** Why it matters, in a paragraph or two of Markdown. */
  why: string;
  /** A complete file that triggers the check. */
  bad: string;
  /** The same file, corrected: it must not trigger the check. */
  good: string;
  /** How to fix it, and what the quick fix does. */
  fix: string;
}

export interface CheckMeta {
  code: string;
  severity: Severity;
  /** Title of the doc page. */
  title: string;
  fixable: boolean;
  /** The preferred fix never changes what the file does, only repairs or tidies it: `source.fixAll` applies it. */
  safeFix?: boolean;
  /** A check for mail hosts, off when the mail profile is off. */
  mailProfile?: boolean;
  /**
   * `line`: what it reports on a rule line depends on that line alone (with its table, the family
   * and which chains exist), so an edit is checked at once without the rest of the file.
   */
  scope?: 'line';
  /**
   * What it says, by message id (eslint's `meta.messages`): templates whose `{name}` placeholders name
   * values of a report's `data`. A value `{ line: <0-based index> }` is shown as the 1-based line number;
   * a value `{ messageId, data? }` is another template of the same check, filled in (a phrase that varies).
   */
  messages: Readonly<Record<string, string>>;
  docs: CheckDocs;
}

export interface LintOptions {
  /** TCP ports the SSH daemon listens on. */
  sshPorts: number[];
  /** iptables or ip6tables; `auto` decides from the first line and the file name. */
  family: FamilySetting;
  /** The file's name or path, for telling IPv4 from IPv6 files. */
  fileName: string;
  /** Per check code: another severity, or `off`. */
  severity: Readonly<Record<string, Severity | 'off'>>;
  /** The checks for mail hosts (cleartext mail ports, exposed databases, loopback for local services). */
  mailProfile: boolean;
}

export const DEFAULT_OPTIONS: LintOptions = { sshPorts: [22], family: 'auto', fileName: '', severity: {}, mailProfile: true };

/** A place that explains a report (the first copy, the earlier rule), with a message of the same check. */
export interface RelatedReport {
  range: Range;
  messageId: string;
  data?: MessageData;
}

/** What a check found: the engine renders the message from `meta.messages[messageId]` and `data`. */
export interface Report {
  range: Range;
  messageId: string;
  data?: MessageData;
  related?: RelatedReport[];
  fixes?: Fix[];
}


export interface CheckContext {
  readonly text: string;
  readonly file: ParsedFile;
  readonly options: LintOptions;
  /** Set while another check verifies its fix with `relint`: report findings, skip working out fixes. */
  readonly verifying: boolean;
  /** The kernel's view of the last block of a table, built once per lint. */
  table(name: string): TableModel | undefined;
  report(report: Report): void;
  /** Lints another text with some checks only, found by code among all the engine was handed: how a check verifies its own fix. */
  relint(text: string, codes: string[]): Diagnostic[];
}

/**
 * One check. File-wide checks implement `file`; checks about one match or target list them in
 * `matches` / `targets` and implement `rule`, which only sees rule lines that use them.
 */
export interface Check {
  meta: CheckMeta;
  file?(ctx: CheckContext): void;
  matches?: readonly string[];
  targets?: readonly string[];
  rule?(ctx: CheckContext, line: RuleLine): void;
}
