import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from './edits';
import { lint } from '..';

const H = ['*filter', ':INPUT DROP [0:0]', '-A INPUT -i lo -j ACCEPT'];
const file = (...lines: string[]): string => [...H, ...lines, 'COMMIT', ''].join('\n');
const codes = (text: string): string[] => lint(text).map((d) => `${d.range.start.line + 1} ${d.code}`);

test('disable-next-line silences the named codes on the next line only', () => {
  const text = file('-A INPUT -m state --state ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -m state --state RELATED -j ACCEPT');
  assert.deepEqual(codes(text), ['4 state-match', '6 state-match']);
  const quiet = file('# firewall-rules disable-next-line state-match', '-A INPUT -m state --state ESTABLISHED -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -m state --state RELATED -j ACCEPT');
  assert.deepEqual(codes(quiet), ['7 state-match']);
});

test('a list of codes, and a file-wide disable', () => {
  const text = file('# firewall-rules disable-next-line host-bits-set, state-match', '-A INPUT -s 10.1.2.3/8 -m state --state NEW -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT');
  assert.deepEqual(codes(text), []);
  const wide = ['# firewall-rules disable state-match', file('-A INPUT -m state --state NEW -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT')].join('\n');
  assert.deepEqual(codes(wide), []);
});

test('a directive after a rule on the same line is not one (iptables refuses it anyway)', () => {
  const text = file('-A INPUT -m state --state NEW -j ACCEPT # firewall-rules disable state-match', '-A INPUT -p tcp --dport 22 -j ACCEPT');
  assert.ok(codes(text).includes('4 inline-comment'));
});

test('"Disable <code> for this line" inserts the comment, or extends the one above', () => {
  const text = file('-A INPUT -s 10.1.2.3/8 -m state --state NEW -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT');
  const d = lint(text).find((x) => x.code === 'state-match');
  const fix = d?.fixes.find((f) => f.title === 'Disable state-match for this line');
  assert.ok(fix && !fix.isPreferred);
  const once = applyEdits(text, fix.edits);
  assert.match(once, /^# firewall-rules disable-next-line state-match\n-A INPUT -s 10\.1\.2\.3\/8/m);
  const next = lint(once).find((x) => x.code === 'host-bits-set');
  const fix2 = next?.fixes.find((f) => f.title === 'Disable host-bits-set for this line');
  assert.ok(fix2);
  const twice = applyEdits(once, fix2.edits);
  assert.match(twice, /^# firewall-rules disable-next-line state-match, host-bits-set$/m);
  assert.deepEqual(codes(twice), []);
});

test('severity settings: another level, or off; the mail profile', () => {
  const text = file('-A INPUT -m state --state NEW -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 143 -j ACCEPT');
  assert.equal(lint(text, { severity: { 'state-match': 'warning' } }).find((d) => d.code === 'state-match')?.severity, 'warning');
  assert.ok(!lint(text, { severity: { 'state-match': 'off' } }).some((d) => d.code === 'state-match'));
  assert.ok(lint(text).some((d) => d.code === 'plaintext-mail-protocol'));
  assert.ok(!lint(text, { mailProfile: false }).some((d) => d.code === 'plaintext-mail-protocol'));
});
