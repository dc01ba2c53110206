import type { LintOptions } from '../core';

/** A file the rule must leave alone. */
export interface ValidCase {
  name: string;
  text: string;
  options?: Partial<LintOptions>;
  /** What the real kernel does with a new TCP connection to this port (checked by the truth tests). */
  kernel?: KernelExpectation;
}

/**
 * What a client sees on a real TCP connection to `port` (checked by the truth tests): `open` when data
 * flows both ways, `half-open` when connect() succeeds and nothing more, else `blocked`. `fixed` is
 * the same for the file after the preferred fix (default: open).
 */
export interface KernelExpectation {
  port: number;
  verdict: 'open' | 'blocked' | 'half-open';
  fixed?: 'open' | 'blocked' | 'half-open';
}

export interface ExpectedDiagnostic {
  /** 1-based, as editors and iptables count. */
  line: number;
  message?: RegExp;
  /** When not the check's own severity (a finding whose severity follows the back end). */
  severity?: 'error' | 'warning' | 'information' | 'hint';
}

/** A file the rule must flag. */
export interface InvalidCase {
  name: string;
  text: string;
  options?: Partial<LintOptions>;
  diagnostics: ExpectedDiagnostic[];
  /** The text after applying the first diagnostic's preferred fix; omit when there must be no fix. */
  output?: string;
  /** The settings the first diagnostic offers to change instead of the file, as [title, preferred]; omit for none. */
  settingFixes?: Array<[string, boolean]>;
  /** What iptables-restore prints when it refuses the file (checked by the truth tests). */
  iptables?: string;
  kernel?: KernelExpectation;
}

export interface CheckCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** Joins lines into a file with a final newline, as iptables-save writes it. */
export const file = (...lines: string[]): string => lines.map((l) => l + '\n').join('');

/** The usual empty filter header, for building cases. */
export const FILTER_HEAD = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]'];
