// "Loads, but not as written": each warning names what the kernel will hold, and iptables-save,
// after a real load in a throwaway namespace, must print exactly that.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectBackend, lint } from 'firewall-rules-server/build/core';
import { ALL_CASES } from 'firewall-rules-server/build/test-support/all-cases';
import { savedAfterLoad, truthUnavailable } from 'firewall-rules-server/build/test-support/netns';

const why = truthUnavailable();

/** The option and value a warning says the kernel holds, as iptables-save would print them. */
function held(code: string, message: string): { option: string; value: string; partial?: boolean } {
  if (code === 'port-wraps' || code === 'number-wraps' || code === 'mask-as-address') {
    const m = /^--(\S+) \S+ loads as (\S+):/.exec(message);
    assert.ok(m, message);
    return { option: m[1], value: m[2] };
  }
  const m = /^--(\S+) is \d+ bytes; .*?: "(.*)"( and the first bytes of the next)?\.$/.exec(message);
  assert.ok(m, message);
  return { option: m[1], value: m[2], partial: m[3] !== undefined };
}

describe('what a "loads, but not as written" warning names is what iptables-save prints', { skip: why }, () => {
  test('saved-unquoted', () => {
    for (const c of ALL_CASES['saved-unquoted'].invalid) {
      const d = lint(c.text, c.options).find((x) => x.code === 'saved-unquoted');
      assert.ok(d, c.name);
      // The warning quotes what iptables-save prints: the option and the value without quotes.
      const printed = /iptables-save prints (?:it without quotes, )?"(--\S+ [^"]*)"/.exec(d.message)?.[1];
      assert.ok(printed, d.message);
      for (const backend of ['nft', 'legacy'] as const) {
        const r = savedAfterLoad(c.text, 'ipv4', backend);
        assert.equal(r.status, 0, `${c.name}: ${r.stderr}`);
        assert.ok(r.saved.split('\n').some((l) => l.includes(`${printed} `) || l.endsWith(printed)), `${c.name} (${backend}): ${r.saved}`);
      }
    }
  });
  for (const code of ['string-truncated', 'port-wraps', 'number-wraps', 'mask-as-address', 'log-prefix-too-long']) {
    test(code, () => {
      for (const c of ALL_CASES[code].invalid) {
        const d = lint(c.text, c.options).find((x) => x.code === code);
        assert.ok(d, c.name);
        const { option, value, partial } = code === 'log-prefix-too-long'
          ? { option: 'log-prefix', value: /"(.*)"( and the first bytes of the next)?\.$/.exec(d.message)?.[1] ?? '', partial: d.message.endsWith('of the next.') }
          : held(code, d.message);
        // With no back end known, a truncation warning names what iptables-legacy keeps first.
        const backend = detectBackend(c.text) ?? (code === 'string-truncated' ? 'legacy' : 'nft');
        const r = savedAfterLoad(c.text, 'ipv4', backend);
        assert.equal(r.status, 0, `${c.name}: ${r.stderr}`);
        // iptables-save quotes a value only when it holds a blank or a quote.
        // A cut inside a character leaves the first bytes of the next: not one whole character more.
        const tail = partial ? '[^ "\\x00-\\x7f]{1,3}' : '';
        const printed = new RegExp(`--${option} "?${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${tail}"?( |$)`, 'm');
        assert.match(r.saved, printed, `${c.name} (${backend})`);
      }
    });
  }
});
