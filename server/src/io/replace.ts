// `--fix` writes the fixed text into a root-owned /etc file. The new text goes to a temporary file
// beside the real file (O_CREAT|O_EXCL, a random name, mode 0600), which is given the file's owner,
// group, mode and every extended attribute (ACLs and the SELinux label are extended attributes too),
// checked to carry exactly those, fsynced, and renamed over the real file. A symbolic link is
// followed to the file it names and stays a link. The file's inode flags (chattr) are read with the
// system's lsattr: a file whose flags the new file would not have is left alone. Where any of that
// cannot be done, nothing changes: the temporary file is removed and the reason is one line.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, existsSync, fchmodSync, fchownSync, fstatSync, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { describeError, InputError } from './errors';
import { attributesOf, xattr, type Xattr } from './xattr';

/** The system's lsattr, at a fixed place: never one a workspace or PATH could choose. */
const LSATTR = ['/usr/bin/lsattr', '/bin/lsattr', '/usr/sbin/lsattr', '/sbin/lsattr'];

/** A file's inode flags (`lsattr -d`: `i`, `a`, `A`, `d`, `e`...); empty where the file system has none; undefined without lsattr. */
function inodeFlags(file: string): string | undefined {
  const bin = LSATTR.find((p) => existsSync(p));
  if (!bin) return undefined;
  const r = spawnSync(bin, ['-d', '--', file], { encoding: 'utf8', timeout: 10000, shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) return '';
  return (r.stdout.split(/\s/, 1)[0] ?? '').replace(/-/g, '');
}

/** The owner as this process sees it is not the owner on disk: a user namespace that does not map it shows the overflow id. */
function unmappedOwner(st: Stats): boolean {
  try {
    if (readFileSync('/proc/self/uid_map', 'utf8').trim().split(/\s+/).join(' ') === '0 0 4294967295') return false;
    return st.uid === Number(readFileSync('/proc/sys/kernel/overflowuid', 'utf8')) || st.gid === Number(readFileSync('/proc/sys/kernel/overflowgid', 'utf8'));
  } catch {
    return false;
  }
}

/** Why a file may not be replaced by `--fix`, or undefined. */
function refusal(real: string, st: Stats, read: Stats, shown: string): string | undefined {
  if (!st.isFile()) return `${shown}: not a regular file; not fixed`;
  if (unmappedOwner(st)) return `${shown}: its owner is not mapped in this user namespace, so it could not be kept; not fixed`;
  if (st.dev !== read.dev || st.ino !== read.ino || st.size !== read.size || st.mtimeMs !== read.mtimeMs) return `${shown}: changed while it was being checked; not fixed`;
  if (st.nlink > 1) return `${shown}: has ${st.nlink} hard links, and replacing it would leave the others with the old rules; not fixed`;
  if ((st.mode & 0o222) === 0) return `${shown}: read-only (mode ${(st.mode & 0o7777).toString(8).padStart(4, '0')}); not fixed`;
  try {
    accessSync(real, constants.W_OK);
  } catch {
    return `${shown}: not writable by you; not fixed`;
  }
  return undefined;
}

/**
 * Replaces the contents of `file` (or of the file its links lead to) with `bytes`, keeping owner,
 * group, mode and extended attributes. `read` is the stat of the descriptor the old text was read
 * from: a file that changed since is left alone. Throws an InputError of one line, having changed
 * nothing, when any of it cannot be kept.
 */
export function replaceFile(file: string, bytes: Uint8Array, read: Stats, shown = file): void {
  let real: string;
  let st: Stats;
  try {
    real = realpathSync(file);
    st = lstatSync(real);
  } catch (e) {
    throw describeError(shown, e);
  }
  const why = refusal(real, st, read, shown);
  if (why) throw new InputError(why);
  let attributes: Map<string, Buffer> | undefined;
  try {
    attributes = attributesOf(real);
  } catch (e) {
    throw new InputError(`${shown}: cannot read its extended attributes (${oneLine(e)}); not fixed`);
  }
  if (!attributes) throw new InputError(`${shown}: cannot read extended attributes on this system (the @napi-rs/xattr module is missing), so they could not be kept; not fixed`);
  const flags = inodeFlags(real);
  if (flags && /[ia]/.test(flags)) throw new InputError(`${shown}: ${flags.includes('i') ? 'immutable' : 'append-only'} (chattr +${flags.includes('i') ? 'i' : 'a'}); not fixed`);
  const tmp = createTemporary(real, shown);
  try {
    try {
      writeAll(tmp.fd, bytes);
      keepsFlags(flags, tmp.path, shown);
      copyMetadata(tmp.fd, tmp.path, st, attributes, shown);
      fsyncSync(tmp.fd);
    } finally {
      closeSync(tmp.fd);
    }
    renameSync(tmp.path, real);
  } catch (e) {
    try {
      unlinkSync(tmp.path);
    } catch {
      /* already gone */
    }
    throw e instanceof InputError ? e : new InputError(`${shown}: cannot replace it (${oneLine(e)}); not fixed`);
  }
  syncFolder(path.dirname(real));
}

/** Refuses when the file has inode flags the new file lacks (`d` nodump, `A` noatime, `S` sync...). */
function keepsFlags(flags: string | undefined, tmp: string, shown: string): void {
  if (!flags) return;
  const fresh = inodeFlags(tmp) ?? '';
  const lost = [...flags].filter((f) => !fresh.includes(f)).join('');
  if (lost) throw new InputError(`${shown}: carries the flags ${lost} (chattr), which the replacement would not have; not fixed`);
}

/** A new file beside `real`, made by this process alone: a random name, O_EXCL, mode 0600. */
function createTemporary(real: string, shown: string): { path: string; fd: number } {
  const dir = path.dirname(real);
  for (let attempt = 0; ; attempt++) {
    // Named after the file (its first 100 characters, so that any name leaves room) for whoever finds it after a crash.
    const candidate = path.join(dir, `.${path.basename(real).slice(0, 100)}.${randomBytes(8).toString('hex')}.firewall-lint`);
    try {
      return { path: candidate, fd: openSync(candidate, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 5) continue;
      throw new InputError(`${shown}: cannot create a temporary file in ${dir} (${oneLine(e)}); not fixed`);
    }
  }
}

/** Owner, group, every extended attribute and mode, then a check that the copy carries exactly those. */
function copyMetadata(fd: number, tmp: string, st: Stats, attributes: Map<string, Buffer>, shown: string): void {
  const x = xattr() as Xattr;
  const step = (what: string, work: () => void): void => {
    try {
      work();
    } catch (e) {
      throw new InputError(`${shown}: cannot keep its ${what} (${oneLine(e)}); not fixed`);
    }
  };
  const now = fstatSync(fd);
  if (now.uid !== st.uid || now.gid !== st.gid) step(`owner ${st.uid}:${st.gid}`, () => fchownSync(fd, st.uid, st.gid));
  // The new file may have been given attributes of its own (a folder's default ACL, a SELinux label).
  step('extended attributes', () => {
    for (const name of x.listAttributesSync(tmp)) if (!attributes.has(name)) x.removeAttributeSync(tmp, name);
    for (const [name, value] of attributes) x.setAttributeSync(tmp, name, value);
  });
  step('mode', () => fchmodSync(fd, st.mode & 0o7777));
  const after = fstatSync(fd);
  const copied = attributesOf(tmp) ?? new Map<string, Buffer>();
  const same = copied.size === attributes.size && [...attributes].every(([k, v]) => copied.get(k)?.equals(v));
  if (after.uid !== st.uid || after.gid !== st.gid || (after.mode & 0o7777) !== (st.mode & 0o7777) || !same) {
    throw new InputError(`${shown}: the replacement would not carry the same owner, mode and extended attributes; not fixed`);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** The rename is durable once the folder is synced too; a folder that cannot be synced is left as it is. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    fsyncSync(fd);
  } catch {
    /* some file systems do not sync folders */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function oneLine(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return (err?.code ?? (e instanceof Error ? e.message : String(e))).split('\n')[0];
}
