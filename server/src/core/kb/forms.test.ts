import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAddressFully, plainIPv4 } from './forms';

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
    }
  }
  assert.ok(fast > 100, `the generator reaches the fast path (${fast} times)`);
  for (const text of ['10.1.2.3', '10.1.2.3/32', '0.0.0.0/0', '255.255.255.255/8', '192.168.001.010/024']) assert.ok(plainIPv4(text, true), text);
  // Left to the full check: a dotted mask, a name, too many or too few parts, a mask over 32, a host with a mask where none is allowed.
  for (const text of ['10.0.0.0/255.0.0.0', 'example.com', '1.2.3', '1.2.3.4.5', '1.2.3.4/33', '1.2.3.256', '1.2.3.4/', '']) assert.ok(!plainIPv4(text, true), text);
  assert.ok(!plainIPv4('10.1.2.3/32', false));
});
