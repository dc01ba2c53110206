// File-system failures as one line a person can read, never a stack trace.

/** A failure the user can act on, told in one line (the CLI exits 2 with it). */
export class InputError extends Error {}

const WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'file name too long',
  EISDIR: 'is a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EAGAIN: 'reading it would block',
  EWOULDBLOCK: 'reading it would block',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EXDEV: 'on another file system',
  EBUSY: 'busy',
  ETXTBSY: 'busy',
  EINVAL: 'invalid argument',
  ENXIO: 'no such device',
  ENODEV: 'no such device',
  EFBIG: 'too large',
  ENOTSUP: 'not supported on this file system',
  EOPNOTSUPP: 'not supported on this file system',
};

/** Whether `e` is a system call's error (it has an `E...` code). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((e as NodeJS.ErrnoException).code ?? '');
}

/** `what: reason`, for a system call's error; other errors are passed through unchanged. */
export function describeError(what: string, e: unknown): Error {
  if (e instanceof InputError || !isSystemError(e)) return e instanceof Error ? e : new Error(String(e));
  const code = e.code ?? '';
  return new InputError(`${what}: ${WORDS[code] ?? code.toLowerCase()}`);
}
