// Extended attributes, through @napi-rs/xattr (a prebuilt native module): `--fix` copies them all,
// and the config search reads a POSIX ACL to see who else may write a file.

export interface Xattr {
  listAttributesSync(path: string): string[];
  getAttributeSync(path: string, name: string): Buffer | null;
  setAttributeSync(path: string, name: string, value: Uint8Array): void;
  removeAttributeSync(path: string, name: string): void;
}

let loaded: Xattr | undefined | null;

/** The module, or null where it cannot load (not installed, another platform). */
export function xattr(): Xattr | null {
  if (loaded === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('@napi-rs/xattr') as Xattr;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}

/** Every extended attribute of a file (not following a link), by name; undefined where the module is missing. */
export function attributesOf(file: string): Map<string, Buffer> | undefined {
  const x = xattr();
  if (!x) return undefined;
  const out = new Map<string, Buffer>();
  let names: string[];
  try {
    names = x.listAttributesSync(file);
  } catch (e) {
    if (/not supported|ENOTSUP|EOPNOTSUPP/i.test(String(e))) return out;
    throw e;
  }
  for (const name of names) out.set(name, x.getAttributeSync(file, name) ?? Buffer.alloc(0));
  return out;
}

const ACL_USER = 0x02;
const ACL_GROUP = 0x08;
const ACL_MASK = 0x10;
const ACL_WRITE = 0x02;

/**
 * The ids a file's POSIX ACL lets write it, besides its owner and group (`u:ID:w`, `g:ID:w` entries
 * that the mask lets through). The kernel's format: a 4-byte version, then 8-byte entries of tag,
 * permissions and id, little-endian.
 */
export function aclWriters(file: string): Array<{ kind: 'user' | 'group'; id: number }> {
  let acl: Buffer | null | undefined;
  try {
    acl = xattr()?.getAttributeSync(file, 'system.posix_acl_access');
  } catch {
    return [];
  }
  if (!acl || acl.length < 4) return [];
  const entries: Array<{ tag: number; perm: number; id: number }> = [];
  for (let at = 4; at + 8 <= acl.length; at += 8) entries.push({ tag: acl.readUInt16LE(at), perm: acl.readUInt16LE(at + 2), id: acl.readUInt32LE(at + 4) });
  const mask = entries.find((e) => e.tag === ACL_MASK);
  if (mask && !(mask.perm & ACL_WRITE)) return [];
  return entries.filter((e) => (e.tag === ACL_USER || e.tag === ACL_GROUP) && e.perm & ACL_WRITE).map((e) => ({ kind: e.tag === ACL_USER ? 'user' : 'group', id: e.id }));
}
