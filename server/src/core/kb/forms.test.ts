import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAddressFully, checkForm, checkListedAddress, parseUint, plainIPv4, readDouble, readHashlimitBurst, readHashlimitRate, readU64, servicePortNumber, type FormContext } from './forms';
import { hashlimitCostBytes } from './final-checks';

// A seeded generator, so a failure can be replayed.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('the IPv4 fast path accepts only what the full address check accepts, and the common shapes', () => {
  const next = random(7);
  const pick = (chars: string): string => chars[Math.floor(next() * chars.length)];
  let fast = 0;
  for (let k = 0; k < 50_000; k++) {
    // Address-shaped text (octets of 1-4 digits, a mask of 0-3 digits), then a random slip or two.
    const digits = (): string => Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick('0123456789')).join('');
    let text = [digits(), digits(), digits(), digits()].join('.');
    if (next() < 0.6) text += `/${next() < 0.2 ? '' : digits().slice(0, 1 + Math.floor(next() * 3))}`;
    for (let slips = Math.floor(next() * 3); slips > 0; slips--) {
      const at = Math.floor(next() * (text.length + 1));
      const ch = pick('0123456789./,:a-');
      text = next() < 0.5 ? text.slice(0, at) + ch + text.slice(at + 1) : text.slice(0, at) + ch + text.slice(at);
    }
    for (const withMask of [true, false]) {
      if (!plainIPv4(text, withMask)) continue;
      fast++;
      assert.equal(checkAddressFully(text, 'ipv4', withMask), undefined, `${text} (mask ${withMask})`);
      if (withMask) assert.equal(checkListedAddress(text, 'ipv4'), undefined, `${text} as -s`);
    }
  }
  assert.ok(fast > 100, `the generator reaches the fast path (${fast} times)`);
  for (const text of ['10.1.2.3', '10.1.2.3/32', '0.0.0.0/0', '255.255.255.255/8', '192.168.100.10/24']) assert.ok(plainIPv4(text, true), text);
  // Left to the full check: a dotted mask, a name, too many or too few parts, a mask over 32, a host
  // with a mask where none is allowed, and leading zeros (iptables reads `010` as octal 8, refuses `08`).
  for (const text of ['10.0.0.0/255.0.0.0', 'example.com', '1.2.3', '1.2.3.4.5', '1.2.3.4/33', '1.2.3.256', '1.2.3.4/', '', '192.168.001.010/024', '10.0.0.08', '10.0.0.0/08']) assert.ok(!plainIPv4(text, true), text);
  assert.ok(!plainIPv4('10.1.2.3/32', false));
});

test('a port list read in place says what a port-by-port reading says', () => {
  const next = random(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  // The same list read item by item with the single-port and port-range checks.
  const byItems = (v: string, ctx: FormContext): string | undefined => {
    let count = 0;
    for (const item of v.split(',')) {
      const colon = item.indexOf(':');
      const parts = colon < 0 ? [item] : [item.slice(0, colon), item.slice(colon + 1)];
      for (const p of parts) if (checkForm({ kind: 'port' }, [p], ctx) !== undefined) return `invalid port/service \`${p}' specified`;
      // multiport wants the range to go up (iptables 1.8.9 refuses 3:3): the range turned round is not backwards.
      if (parts.length === 2 && checkForm({ kind: 'port-range' }, [`${parts[1]}:${parts[0]}`], ctx) !== 'invalid portrange (min > max)') return 'invalid portrange specified';
      count += parts.length;
    }
    return count > 15 ? 'too many ports specified' : undefined;
  };
  const good = ['22', '0', '00', '010', '65535', '0x16', 'ssh', 'smtp', 'domain', '8080', '1'];
  const bad = ['65536', '99999999', 'nosuch', '', '1a', '-1', ' 5'];
  const piece = (): string => (next() < 0.93 ? pick(good) : pick(bad));
  let refused = 0;
  for (let k = 0; k < 20_000; k++) {
    const items = Array.from({ length: 1 + Math.floor(next() * 9) }, () => (next() < 0.3 ? `${piece()}:${piece()}` : piece()));
    const v = items.join(',');
    const ctx: FormContext = { family: 'ipv4', ext: 'multiport', option: 'dports', protocol: pick(['tcp', 'udp', undefined]) };
    const got = checkForm({ kind: 'port-list', max: 15 }, [v], ctx);
    if (got !== undefined) refused++;
    assert.equal(got, byItems(v, ctx), `${v} (-p ${ctx.protocol})`);
  }
  assert.ok(refused > 2000 && refused < 18_000, `both verdicts are reached (${refused} refused)`);
});

test('parseUint reads numbers as strtoumax with base 0 does, on its quick path as on its pattern', () => {
  const next = random(5);
  const byPattern = (t: string): number | undefined => {
    if (!/^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(t)) return undefined;
    return t.length > 1 && t[0] === '0' && t[1] !== 'x' && t[1] !== 'X' ? parseInt(t, 8) : Number(t);
  };
  const alphabet = '0123456789012345678901234567890xXaf -+';
  for (let k = 0; k < 20_000; k++) {
    let t = '';
    for (let j = Math.floor(next() * 18); j > 0; j--) t += alphabet[Math.floor(next() * alphabet.length)];
    assert.equal(parseUint(t), byPattern(t), JSON.stringify(t));
  }
  assert.deepEqual(['22', '65535', '0x16', '010', '0', '', '1e3', '999999999999999'].map(parseUint), [22, 65535, 22, 8, 0, undefined, undefined, 999999999999999]);
});

// Each value below was loaded with iptables 1.8.9 (nft and legacy) in a namespace, and read back with iptables-save.
test('udp ports are read as getaddrinfo reads them: decimal, wrapped to 16 bits, a negative int refused', () => {
  const loaded: Array<[string, number | undefined]> = [
    ['70000', 4464], ['65536', 0], ['131071', 65535], ['4294967296', 0], ['+80', 80], ['010', 10],
    ['4294967295', undefined], ['-1', undefined], ['0x50', undefined], ['', undefined], ['ssh', undefined],
  ];
  for (const [text, port] of loaded) assert.equal(servicePortNumber(text), port, text);
});

test('strtod as statistic --probability reads it', () => {
  const read: Array<[string, number | undefined]> = [['1.1', 1.1], ['1e-1', 0.1], ['0x1', 1], ['0x.8', 0.5], ['0x1p-1', 0.5], ['1.', 1], ['-0', -0], ['inf', Infinity], ['abc', undefined], ['0x', undefined], ['1e', undefined]];
  for (const [text, value] of read) assert.equal(readDouble(text), value, text);
  assert.ok(Number.isNaN(readDouble('nan')));
});

test('quota reads a 64-bit number, and hashlimit its rates and bursts, as 1.8.9 does', () => {
  assert.equal(readU64('18446744073709551615'), 18446744073709551615n);
  assert.equal(readU64('18446744073709551616'), undefined);
  assert.deepEqual(readHashlimitRate('4kb/s'), { bytes: true, perSecond: 4096 });
  assert.equal(readHashlimitRate('2000000/s'), 'too-fast');
  assert.equal(readHashlimitRate('0/s'), 'bad');
  assert.equal(readHashlimitRate('3/fortnight'), 'bad');
  assert.deepEqual(readHashlimitBurst('400kb'), { value: 409600, bytes: true });
  assert.equal(readHashlimitBurst('2000000'), undefined);
  assert.deepEqual(readHashlimitBurst('900kb'), { value: 921600, bytes: true });
  // "burst cannot be smaller than 4096b" for 4kb/s.
  assert.equal(hashlimitCostBytes(4096), 4096);
});
