#!/usr/bin/env node
// Reads the option tables of iptables's extensions from a source tree and writes them out as facts.
//
//   node scripts/read-option-tables.mjs SRC_DIR OUT.json [--package VERSION]
//
// SRC_DIR is an unpacked iptables source (with extensions/, include/ and configure.ac). For every
// match and target declared in extensions/libxt_*.c, libipt_*.c and libip6t_*.c it records the
// name, revision and family, and each option of its `struct xt_option_entry` table: type, min, max,
// the invert/mandatory/multi/put flags, and `also`/`excl` resolved to option names. Extensions that
// still use getopt tables (`extra_opts`) are recorded with their option names only.
//
// This is our own reader of the C text: it evaluates the small constant expressions the tables use
// (enums, #defines, shifts and ors). It copies nothing from iptables but the facts.
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';

const BUILTINS = new Map(Object.entries({
  UINT8_MAX: 255n, UINT16_MAX: 65535n, UINT32_MAX: 4294967295n, UINT_MAX: 4294967295n,
  INT_MAX: 2147483647n, UINT64_MAX: 18446744073709551615n, SIZEOF_STRUCT_IP6_HDR: 40n,
  IFNAMSIZ: 16n, PATH_MAX: 4096n, NAME_MAX: 255n,
  NULL: 0n, true: 1n, false: 0n,
}));
// sizeof expressions met in option limits, by their text without spaces (struct iphdr is in libc).
const SIZES = new Map(Object.entries({ structiphdr: 20n, structsock_filter: 8n }));
/** Struct members read from the headers and the extension: `struct.member` to [element size, count]. */
const MEMBERS = new Map();
const FAMILIES = { NFPROTO_UNSPEC: 'both', PF_UNSPEC: 'both', AF_UNSPEC: 'both', NFPROTO_IPV4: 'ipv4', PF_INET: 'ipv4', AF_INET: 'ipv4', NFPROTO_IPV6: 'ipv6', PF_INET6: 'ipv6', AF_INET6: 'ipv6', NFPROTO_ARP: 'arp', NFPROTO_BRIDGE: 'bridge' };

/** The text with comments replaced by spaces; string and character literals kept. */
export function stripComments(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index of the bracket closing the one at `open`, skipping string literals. */
function closing(text, open) {
  const pairs = { '{': '}', '(': ')', '[': ']' };
  const stack = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      i = j;
    } else if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** Splits at commas outside brackets and strings; empty pieces dropped. */
function splitTop(text) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      i = j;
    } else if ('{(['.includes(c)) depth++;
    else if ('})]'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The `{...}` groups at the top level of an initializer body. */
function groups(body) {
  return splitTop(body).filter((p) => p.startsWith('{')).map((p) => p.slice(1, closing(p, 0)));
}

/** `.field = value` pairs of a designated initializer; other items (macros) under `_macros`. */
function fields(body) {
  const out = { _macros: [] };
  for (const part of splitTop(body)) {
    const m = /^\.(\w+)\s*=\s*([\s\S]*)$/.exec(part);
    if (m) out[m[1]] = m[2].trim();
    else out._macros.push(part);
  }
  return out;
}

// ---- constant expressions -------------------------------------------------------------------

function tokenize(text) {
  const tokens = [];
  const re = /\s*(0[xX][0-9a-fA-F]+|\d+|[A-Za-z_]\w*|<<|>>|[|&+\-*~()^/])[uUlL]*/y;
  let m;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    m = re.exec(text);
    if (!m) {
      if (text.slice(pos).trim() === '') break;
      throw new Error(`cannot read "${text}"`);
    }
    tokens.push(m[1]);
    pos = re.lastIndex;
  }
  return tokens;
}

/** Bytes of a struct member, or undefined. */
export function memberSize(key, lookup) {
  const found = MEMBERS.get(key);
  if (!found) return undefined;
  const count = evaluate(found[1], lookup);
  return count === undefined ? undefined : found[0] * count;
}

/** Evaluates a C constant expression to a BigInt, resolving names through `lookup`. */
export function evaluate(text, lookup) {
  let replaced = text.replace(/\s+/g, '');
  for (let at = replaced.indexOf('sizeof('); at >= 0; at = replaced.indexOf('sizeof(')) {
    const open = at + 'sizeof'.length;
    const end = closing(replaced, open);
    const inner = replaced.slice(open + 1, end);
    const member = /^\(\(struct(\w+)\*\)NULL\)->(\w+)$/.exec(inner);
    const literalSize = /^"[^"\\]*"$/.test(inner) ? BigInt(inner.length - 1) : undefined;
    const size = member ? memberSize(`${member[1]}.${member[2]}`, lookup) : literalSize ?? SIZES.get(inner);
    if (size === undefined) return undefined;
    replaced = `${replaced.slice(0, at)}${size}${replaced.slice(end + 1)}`;
  }
  const tokens = tokenize(replaced);
  let i = 0;
  const peek = () => tokens[i];
  const primary = () => {
    const t = tokens[i++];
    if (t === '(') {
      // A cast such as (unsigned int) is skipped.
      if (/^(unsigned|int|long|uint\d+_t|char)$/.test(peek())) {
        while (tokens[i] !== ')') i++;
        i++;
        return unary();
      }
      const v = or();
      i++;
      return v;
    }
    if (t === undefined) throw new Error(`short expression "${text}"`);
    if (/^\d|^0[xX]/.test(t)) return BigInt(t);
    const v = lookup(t);
    if (v === undefined) throw new Error(`unknown name ${t}`);
    return v;
  };
  const unary = () => {
    if (peek() === '-') { i++; return -unary(); }
    if (peek() === '~') { i++; return ~unary(); }
    return primary();
  };
  const binary = (next, ops) => () => {
    let v = next();
    while (ops[peek()]) v = ops[tokens[i++]](v, next());
    return v;
  };
  const mul = binary(unary, { '*': (a, b) => a * b, '/': (a, b) => a / b });
  const add = binary(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const shift = binary(add, { '<<': (a, b) => a << b, '>>': (a, b) => a >> b });
  const and = binary(shift, { '&': (a, b) => a & b });
  const xor = binary(and, { '^': (a, b) => a ^ b });
  const or = binary(xor, { '|': (a, b) => a | b });
  try {
    const v = or();
    return i === tokens.length ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Raw `#define NAME value` lines of a text (object-like macros only). */
function defines(text, into) {
  const joined = text.replace(/\\\n/g, ' ');
  for (const m of joined.matchAll(/^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+([^\n]+)$/gm)) into.set(m[1], m[2].trim());
  return into;
}

/** Enumerators of every `enum {...}` of a text, as expressions (counting on from the last). */
function enums(text, into) {
  for (const m of text.matchAll(/\benum\s*\w*\s*\{/g)) {
    const open = m.index + m[0].length - 1;
    const body = text.slice(open + 1, closing(text, open));
    let last = null;
    let step = 0;
    for (const item of splitTop(body)) {
      const [name, expr] = item.split(/=(.*)/s).map((s) => s && s.trim());
      if (!/^\w+$/.test(name)) continue;
      if (expr !== undefined) { last = expr; step = 0; } else step++;
      into.set(name, last === null ? String(step - 1) : step === 0 ? `(${last})` : `(${last})+${step}`);
    }
  }
  return into;
}

const TYPE_SIZES = new Map(Object.entries({
  char: 1n, 'unsigned char': 1n, __u8: 1n, uint8_t: 1n, u_int8_t: 1n, __s8: 1n,
  __u16: 2n, uint16_t: 2n, __be16: 2n, u_int16_t: 2n, __s16: 2n,
  __u32: 4n, uint32_t: 4n, __be32: 4n, u_int32_t: 4n, __s32: 4n, int: 4n, 'unsigned int': 4n,
  __u64: 8n, uint64_t: 8n, __aligned_u64: 8n, __s64: 8n,
}));
const MEMBER = /^(?:const\s+)?(unsigned\s+char|unsigned\s+int|\w+)\s+(\w+)\s*(?:\[([^\]]+)\])?$/;

/** Sizes of plain members of every `struct NAME {...}`, as `NAME.member` to [element size, count text]. */
function structMembers(text, into) {
  for (const m of text.matchAll(/\bstruct\s+(\w+)\s*\{/g)) {
    const open = m.index + m[0].length - 1;
    const body = text.slice(open + 1, closing(text, open)).replace(/^\s*#.*$/gm, '');
    for (const decl of body.split(/[;{}]/)) {
      const d = MEMBER.exec(decl.trim().replace(/\s+/g, ' '));
      const size = d ? TYPE_SIZES.get(d[1].replace(/\s+/g, ' ')) : undefined;
      if (d && size !== undefined) into.set(`${m[1]}.${d[2]}`, [size, d[3] ?? '1']);
    }
  }
  return into;
}

function headerDefines(dir, into = new Map()) {
  if (!existsSync(dir)) return into;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) headerDefines(path, into);
    else if (entry.endsWith('.h')) {
      const text = stripComments(readFileSync(path, 'utf8'));
      defines(text, into);
      enums(text, into);
      structMembers(text, MEMBERS);
    }
  }
  return into;
}

function resolver(local, global) {
  const cache = new Map();
  const lookup = (name, seen = new Set()) => {
    if (BUILTINS.has(name)) return BUILTINS.get(name);
    if (cache.has(name)) return cache.get(name);
    const expr = local.get(name) ?? global.get(name);
    if (expr === undefined || seen.has(name)) return undefined;
    seen.add(name);
    const v = evaluate(expr, (n) => lookup(n, seen));
    seen.delete(name);
    cache.set(name, v);
    return v;
  };
  return { value: (text) => evaluate(text, (n) => lookup(n)), name: (n) => lookup(n) };
}

// ---- tables and extensions ------------------------------------------------------------------

const FLAG_NAMES = { XTOPT_INVERT: 'invert', XTOPT_MAND: 'mandatory', XTOPT_MULTI: 'multi', XTOPT_PUT: 'put', XTOPT_NBO: 'nbo' };

const toJson = (v) => (v === undefined ? null : v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : String(v));

/** The bytes of the member an option writes to, through `XTOPT_POINTER(stype, member)`. */
function fieldSize(pointer, table, lookupName) {
  const [stype, member] = pointer.slice(pointer.indexOf('(') + 1, -1).split(',').map((x) => x.trim());
  // `stype` is often a macro (`#define s struct xt_...`), redefined between tables: take the last
  // definition before this table.
  const before = table.text.slice(0, table.at);
  const defs = [...before.matchAll(new RegExp(`^[ \\t]*#[ \\t]*define[ \\t]+${stype}[ \\t]+([^\\n]+)$`, 'gm'))];
  const type = (defs.length ? defs[defs.length - 1][1] : stype).trim().replace(/^struct\s+/, '');
  return { field: `${type}.${member}`, size: /^\w+$/.test(member) ? memberSize(`${type}.${member}`, lookupName) : undefined };
}

function readEntry(body, { value, name: lookupName }, table) {
  const f = fields(body);
  if (f.name === undefined || f.name === 'NULL') return undefined;
  const flags = new Set((f.flags ?? '').split('|').map((s) => s.trim()).filter(Boolean));
  const option = { name: JSON.parse(f.name), id: f.id ?? null, type: f.type ?? 'XTTYPE_NONE' };
  for (const key of ['min', 'max']) {
    option[key] = f[key] === undefined ? null : toJson(value(f[key]));
    if (f[key] !== undefined && option[key] === null) option[`${key}Text`] = f[key];
  }
  for (const [flag, key] of Object.entries(FLAG_NAMES)) option[key] = flags.has(flag);
  const pointer = f._macros.find((m) => m.startsWith('XTOPT_POINTER'));
  if (pointer) {
    const { field, size } = fieldSize(pointer, table, lookupName);
    option.field = field;
    if (size !== undefined) option.size = Number(size);
  }
  option._also = f.also ?? null;
  option._excl = f.excl ?? null;
  return option;
}

/** Replaces also/excl bitmasks by the names of the options whose ids they hold. */
function resolveMasks(options, { value }) {
  const ids = options.map((o) => (o.id === null ? undefined : value(o.id)));
  for (const o of options) {
    for (const key of ['also', 'excl']) {
      const text = o[`_${key}`];
      delete o[`_${key}`];
      const mask = text === null ? 0n : value(text);
      if (mask === undefined) { o[key] = []; o[`${key}Text`] = text; continue; }
      const names = [];
      // iptables skips the option's own id (its aliases share it): excl of self means "once".
      const own = ids[options.indexOf(o)];
      options.forEach((other, k) => {
        if (ids[k] === undefined || ids[k] < 0n || ids[k] === own) return;
        if ((mask >> ids[k]) & 1n && !names.includes(other.name)) names.push(other.name);
      });
      o[key] = names;
    }
  }
  return options;
}

function findArrays(text, typePattern) {
  const out = new Map();
  const re = new RegExp(`struct\\s+${typePattern}\\s+(\\w+)\\s*(\\[\\s*\\w*\\s*\\])?\\s*=\\s*\\{`, 'g');
  for (const m of text.matchAll(re)) {
    const open = m.index + m[0].length - 1;
    out.set(m[1], { array: m[2] !== undefined, body: text.slice(open + 1, closing(text, open)), text, at: m.index });
  }
  return out;
}

function readGetopt(body) {
  const options = [];
  for (const g of groups(body)) {
    const f = fields(g);
    const positional = splitTop(g);
    const name = f.name ?? (positional[0]?.startsWith('"') ? positional[0] : undefined);
    if (name === undefined || name === 'NULL') continue;
    const hasArg = f.has_arg ?? positional[1];
    // Spellings of one option share its `val`, as the ids of an option table do.
    const val = f.val ?? positional[3] ?? null;
    options.push({ name: JSON.parse(name), id: val, hasArg: !/^(false|0|no_argument)$/.test(String(hasArg).trim()) });
  }
  return options;
}

function readFile(path, global) {
  const text = stripComments(readFileSync(path, 'utf8'));
  const local = enums(text, defines(text, new Map()));
  structMembers(text, MEMBERS);
  const value = resolver(local, global);
  const tables = findArrays(text, 'xt_option_entry');
  const getopts = findArrays(text, 'option');
  const out = [];
  for (const kind of ['match', 'target']) {
    for (const [, decl] of findArrays(text, `xtables_${kind}`)) {
      for (const body of decl.array ? groups(decl.body) : [decl.body]) {
        out.push(readExtension(fields(body), kind, { tables, getopts, value, local, file: basename(path) }));
      }
    }
  }
  return out;
}

/** A string literal, or a macro that stands for one. */
function literal(text, local) {
  const t = local.has(text) ? local.get(text) : text;
  return t.startsWith('"') ? JSON.parse(t) : t;
}

function readExtension(f, kind, { tables, getopts, value, file, local }) {
  const family = f.family === undefined ? 'both' : FAMILIES[f.family] ?? f.family;
  const ext = { file, kind, name: literal(f.name, local), revision: f.revision === undefined ? 0 : toJson(value.value(f.revision)), family };
  if (f.real_name) ext.realName = literal(f.real_name, local);
  if (f.alias) ext.alias = f.alias;
  for (const key of ['x6_parse', 'x6_fcheck', 'parse', 'final_check']) if (f[key]) ext[key] = f[key];
  const table = f.x6_options && tables.get(f.x6_options);
  if (table) {
    ext.optionsFrom = 'x6_options';
    ext.options = resolveMasks(groups(table.body).map((g) => readEntry(g, value, table)).filter(Boolean), value);
  } else if (f.extra_opts && getopts.get(f.extra_opts)) {
    ext.optionsFrom = 'extra_opts';
    ext.options = readGetopt(getopts.get(f.extra_opts).body);
  } else {
    ext.optionsFrom = null;
    ext.options = [];
  }
  return ext;
}

function release(dir) {
  const ac = join(dir, 'configure.ac');
  const m = existsSync(ac) && /AC_INIT\(\[iptables\],\s*\[([^\]]+)\]/.exec(readFileSync(ac, 'utf8'));
  return m ? m[1] : null;
}

function sourcePackage(dir, given) {
  if (given) return given;
  const changelog = join(dir, 'debian', 'changelog');
  const m = existsSync(changelog) && /^(\S+) \(([^)]+)\)/.exec(readFileSync(changelog, 'utf8'));
  return m ? `${m[1]} ${m[2]} (Debian source package)` : null;
}

// Kernel headers iptables does not ship (xt_LOG.h): the system's, read first so that iptables's own win.
const SYSTEM_HEADERS = ['/usr/include/linux/netfilter', '/usr/include/linux/netfilter_ipv4', '/usr/include/linux/netfilter_ipv6'];

export function readTree(dir, packageVersion) {
  const global = new Map();
  for (const d of SYSTEM_HEADERS) headerDefines(d, global);
  headerDefines(join(dir, 'include'), global);
  const files = readdirSync(join(dir, 'extensions')).filter((f) => /^lib(xt|ipt|ip6t)_.*\.c$/.test(f)).sort();
  const extensions = files.flatMap((f) => readFile(join(dir, 'extensions', f), global));
  return {
    release: release(dir),
    source: sourcePackage(dir, packageVersion),
    readBy: 'scripts/read-option-tables.mjs',
    note: 'Facts read from the option tables of iptables extensions; min/max null = not set (the type bounds apply).',
    extensions,
  };
}

/** JSON with one extension header and one option per line, so that a diff between releases reads well. */
function format(facts) {
  const { extensions, ...head } = facts;
  const blocks = extensions.map(({ options, ...ext }) => {
    const lines = options.map((o) => `    ${JSON.stringify(o)}`).join(',\n');
    return `  ${JSON.stringify(ext).slice(0, -1)}, "options": [${lines ? `\n${lines}\n  ` : ''}]}`;
  });
  return `${JSON.stringify(head, null, 1).slice(0, -2)},\n "extensions": [\n${blocks.join(',\n')}\n]}\n`;
}

function main(argv) {
  const [dir, out, ...rest] = argv;
  if (!dir || !out) {
    process.stderr.write('usage: read-option-tables.mjs SRC_DIR OUT.json [--package VERSION]\n');
    process.exit(2);
  }
  const pkg = rest[0] === '--package' ? rest[1] : undefined;
  const facts = readTree(dir, pkg);
  writeFileSync(out, format(facts));
  const unresolved = facts.extensions.flatMap((e) => e.options.filter((o) => o.minText || o.maxText || o.alsoText || o.exclText).map((o) => `${e.name}/${o.name}`));
  process.stdout.write(`${facts.release}: ${facts.extensions.length} extension revisions, ${facts.extensions.reduce((n, e) => n + e.options.length, 0)} options; unresolved expressions: ${unresolved.join(', ') || 'none'}\n`);
}

if (process.argv[1] && basename(process.argv[1]) === 'read-option-tables.mjs') main(process.argv.slice(2));
