// Bounded reads. Everything a file or a repository holds is untrusted: a "file" may be a FIFO with
// no writer, a device, /proc/self/pagemap (a regular file of size 0 that reads for ever), /proc/kmsg
// (blocks, and each read takes messages from the system log), or 2 GB of holes. Only regular files
// off the kernel's own file systems are opened, the kind is checked again on the open descriptor,
// reads never block, and no read goes past its limit.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statfsSync, statSync, type Stats } from 'node:fs';
import { describeError, InputError } from './errors';

export interface FileBytes {
  bytes: Buffer;
  /** The open file's own stat, as it was read. */
  stat: Stats;
}

const CHUNK = 64 * 1024;

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** What a file is, when it is not a regular file. */
export function kindOf(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

// Kernel file systems whose "regular files" are interfaces, not text: reading one can block, never
// end, or consume what another reader waits for (/proc/kmsg). statfs magic numbers.
const KERNEL_FS: Record<number, string> = {
  0x9fa0: '/proc',
  0x62656572: '/sys',
  0x64626720: 'debugfs',
  0x74726163: 'tracefs',
  0x73636673: 'securityfs',
  0x27e0eb: 'cgroup',
  0x63677270: 'cgroup2',
  0xcafe4a11: 'bpf',
  0x6165676c: 'pstore',
  0xde5e81e4: 'efivarfs',
  0x42494e4d: 'binfmt_misc',
  0x67596969: 'rpc_pipefs',
  0x62656570: 'configfs',
  0x65735543: 'fusectl',
  0xf97cff8c: 'selinuxfs',
  0x19800202: 'mqueue',
  0x1cd1: 'devpts',
  0x6e736673: 'nsfs',
  0x958458f6: 'hugetlbfs',
};

/** The kernel file system a path lies on, when it is one of those. */
function kernelFileSystem(file: string): string | undefined {
  try {
    return KERNEL_FS[statfsSync(file).type];
  } catch {
    return undefined;
  }
}

/**
 * A regular file's bytes, at most `limit` of them; anything else is an InputError of one line:
 * not a regular file, over the limit, a read that would block, or the system's own error.
 * `followLinks: false` refuses a symbolic link itself (lstat, then O_NOFOLLOW).
 */
export function readRegularFile(file: string, limit: number, options: { followLinks: boolean; name?: string }): FileBytes {
  const name = options.name ?? file;
  let fd: number;
  try {
    // The kind first, without opening: opening a device or a tape can act on it.
    const before = options.followLinks ? statSync(file) : lstatSync(file);
    const kind = kindOf(before);
    if (kind) throw new InputError(`${name}: ${kind}, not a regular file`);
    if (before.size > limit) throw new InputError(`${name}: ${formatSize(before.size)}, over the ${formatSize(limit)} limit`);
    const kernel = kernelFileSystem(file);
    if (kernel) throw new InputError(`${name}: a file of ${kernel}, not a rules file`);
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | (options.followLinks ? 0 : constants.O_NOFOLLOW));
  } catch (e) {
    throw describeError(name, e);
  }
  try {
    const stat = fstatSync(fd);
    const kind = kindOf(stat);
    if (kind) throw new InputError(`${name}: ${kind}, not a regular file`);
    return { bytes: readUpTo(fd, limit, name, false), stat };
  } catch (e) {
    throw describeError(name, e);
  } finally {
    closeSync(fd);
  }
}

/** Standard input, at most `limit` bytes (an endless or /dev/zero input stops there, with an error). */
export function readStdin(limit: number): Buffer {
  try {
    return readUpTo(0, limit, '<stdin>', true);
  } catch (e) {
    throw describeError('<stdin>', e);
  }
}

/** The first `n` bytes of a regular file, or undefined (not a regular file, unreadable). */
export function readHead(file: string, n: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    if (kernelFileSystem(file)) return undefined;
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | constants.O_NOFOLLOW);
    if (!fstatSync(fd).isFile()) return undefined;
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads until the end or past `limit`. A pipe that has nothing yet is waited for; a regular file that would block is an error. */
function readUpTo(fd: number, limit: number, name: string, waitWhenEmpty: boolean): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1 - total));
    let got: number;
    try {
      got = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      if (waitWhenEmpty && (e as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      throw e;
    }
    if (got === 0) break;
    chunks.push(buf.subarray(0, got));
    total += got;
    if (total > limit) throw new InputError(`${name}: over the ${formatSize(limit)} limit`);
  }
  return Buffer.concat(chunks, total);
}
