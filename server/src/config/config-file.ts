// `.firewall-rules.json`, or a `firewallRules` key in package.json: the lint settings a repository
// keeps for its CI and its editors. A config file is untrusted input, so:
// - it is looked for only where the user decides: the editor's workspace folders, or the CLI's
//   current folder and its parents (and the folders between a file and the current folder), or the
//   file the user names with `--config`;
// - one owned by another user (root aside), or that another user may write (everyone, a group
//   other than your own primary group, an ACL entry), or in a folder another user owns or may write
//   to, is ignored with a warning, as ssh's StrictModes and git's safe.directory do;
// - it is read only if it is a regular file (not a link, a FIFO or /proc), of 64 KiB at most;
// - it holds only the lint settings (LINT_KEYS): never a program to run.
import { lstatSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { readRegularFile } from '../io/read';
import { aclWriters } from '../io/xattr';
import { LINT_KEYS } from './settings';

export const CONFIG_FILE = '.firewall-rules.json';
export const MAX_CONFIG_BYTES = 64 * 1024;

export interface ConfigLookup {
  /** The settings found (only LINT_KEYS), and where. */
  settings?: Record<string, unknown>;
  source?: string;
  /** One line each: a config ignored, a key ignored. */
  warnings: string[];
  /** A config file that is there but cannot be used (bad JSON, too big, not a regular file). */
  error?: string;
}

/**
 * Who besides its owner may write `p`: everyone, a group other than your own primary group (a
 * user-private group has no one else in it), or a user or group its ACL names. Undefined: no one.
 */
function otherWriters(p: string, st: Stats, uid: number, gid: number): string | undefined {
  if (st.mode & 0o002) return 'everyone';
  if (st.mode & 0o020 && st.gid !== gid) return `group ${st.gid}`;
  const acl = aclWriters(p).find((w) => (w.kind === 'user' ? w.id !== uid : w.id !== gid));
  return acl && `${acl.kind} ${acl.id} (ACL)`;
}

/** Why a config file found by the search is not to be trusted, or undefined. */
function distrust(file: string, st: Stats): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const gid = typeof process.getgid === 'function' ? process.getgid() : undefined;
  if (uid === undefined || gid === undefined) return undefined;
  const owned = (s: Stats): boolean => s.uid === uid || s.uid === 0;
  if (!owned(st)) return `owned by uid ${st.uid}, not by you or root`;
  const fileWriters = st.isSymbolicLink() ? undefined : otherWriters(file, st, uid, gid);
  if (fileWriters) return `writable by ${fileWriters}`;
  const dir = path.dirname(file);
  let ds: Stats;
  try {
    ds = statSync(dir);
  } catch {
    return 'its folder cannot be read';
  }
  if (!owned(ds)) return `in a folder owned by uid ${ds.uid}, not by you or root (${dir})`;
  const dirWriters = otherWriters(dir, ds, uid, gid);
  if (dirWriters === 'everyone') return `in a folder everyone may write to (${dir})`;
  if (dirWriters) return `in a folder ${dirWriters} may write to (${dir})`;
  return undefined;
}

/** The lint settings of a config object, and a warning for each key that is not one. */
function pick(obj: Record<string, unknown>, source: string, warnings: string[]): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (LINT_KEYS.includes(key)) settings[key] = value;
    else warnings.push(`${source}: ignored "${key}": a config file holds only ${LINT_KEYS.join(', ')}`);
  }
  return settings;
}

type Candidate = { kind: 'found'; settings: Record<string, unknown> } | { kind: 'none' } | { kind: 'error'; message: string };

/** A bounded config file's JSON, or the one-line reason it has none. */
function readJson(file: string, followLinks: boolean): { json: unknown } | { error: string } {
  let text: string;
  try {
    text = readRegularFile(file, MAX_CONFIG_BYTES, { followLinks }).bytes.toString('utf8');
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  try {
    return { json: JSON.parse(text) };
  } catch {
    return { error: `${file}: not valid JSON` };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Reads one candidate; `own` is .firewall-rules.json (problems are errors), else package.json (problems pass). */
function readCandidate(file: string, own: boolean, warnings: string[]): Candidate {
  let st: Stats;
  try {
    st = lstatSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' || !own ? { kind: 'none' } : { kind: 'error', message: `${file}: cannot be read (${code})` };
  }
  const why = distrust(file, st);
  if (why && own) {
    warnings.push(`ignored ${file}: ${why}`);
    return { kind: 'none' };
  }
  const read = readJson(file, false);
  if ('error' in read) {
    if (own) return { kind: 'error', message: read.error };
    // A package.json that is not JSON is not ours to judge; one that cannot be read is said.
    if (!why && !read.error.endsWith('not valid JSON')) warnings.push(`ignored ${read.error}`);
    return { kind: 'none' };
  }
  const obj = own ? read.json : isObject(read.json) ? read.json.firewallRules : undefined;
  if (!isObject(obj)) return own ? { kind: 'error', message: `${file}: not a JSON object` } : { kind: 'none' };
  if (why) {
    warnings.push(`ignored ${file}: ${why}`);
    return { kind: 'none' };
  }
  return { kind: 'found', settings: pick(obj, file, warnings) };
}

/**
 * The nearest config from `start` up to `stop` (both folders, inclusive; no `stop` means up to the
 * root): in each folder `.firewall-rules.json`, then package.json's `firewallRules`.
 */
export function findConfig(start: string, stop?: string): ConfigLookup {
  const warnings: string[] = [];
  let dir = path.resolve(start);
  const end = stop === undefined ? undefined : path.resolve(stop);
  for (;;) {
    for (const [name, own] of [[CONFIG_FILE, true], ['package.json', false]] as const) {
      const file = path.join(dir, name);
      const c = readCandidate(file, own, warnings);
      if (c.kind === 'found') return { settings: c.settings, source: file, warnings };
      if (c.kind === 'error') return { warnings, error: c.message };
    }
    const up = path.dirname(dir);
    if (dir === end || up === dir) return { warnings };
    dir = up;
  }
}

/** A config file the user names (`--config FILE`): read as it is, links followed; problems are errors. */
export function loadConfig(file: string): ConfigLookup {
  const warnings: string[] = [];
  const read = readJson(file, true);
  if ('error' in read) return { warnings, error: read.error };
  if (!isObject(read.json)) return { warnings, error: `${file}: not a JSON object` };
  return { settings: pick(read.json, file, warnings), source: file, warnings };
}

/** Whether `p` is `folder` or lies under it (both absolute). */
export function isWithin(folder: string, p: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Where the CLI starts looking for the config of `file`: its folder when it lies under `cwd`, else `cwd`. */
export function cliSearchStart(file: string, cwd: string): string {
  const dir = path.dirname(path.resolve(cwd, file));
  return isWithin(cwd, dir) ? dir : cwd;
}
