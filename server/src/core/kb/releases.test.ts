// The facts that differ between iptables releases: each value is refused exactly in the releases the
// knowledge base says, with the message that release prints. (The truth suite holds 1.8.9's verdicts
// against the installed binary; the .t conformance test holds 1.8.11's against iptables's own tests.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lint } from '..';
import { holdsIn, IPTABLES_VERSIONS, nearestVersion, type IptablesVersion } from './releases';

const errorsOf = (rule: string, family: 'ipv4' | 'ipv6', iptablesVersion: IptablesVersion): string[] =>
  lint(`*filter\n-A INPUT ${rule}\nCOMMIT\n`, { family, iptablesVersion }).filter((d) => d.severity === 'error').map((d) => d.message);

/** [rule, family, the first release that refuses it (undefined: none), what that release prints] */
const REFUSED_SINCE: Array<[string, 'ipv4' | 'ipv6', IptablesVersion | undefined, string | undefined]> = [
  // libxtables refuses backwards ranges since 1.8.11: ports (XTTYPE_PORTRC)...
  ['-p udp -m udp --sport 4:3', 'ipv4', '1.8.11', 'Port range 4-3 is negative.'],
  ['-p udp --dport 4:3', 'ipv4', '1.8.11', 'Port range 4-3 is negative.'],
  ['-p dccp -m dccp --dport 40:30', 'ipv4', '1.8.11', 'Port range 40-30 is negative.'],
  ['-m conntrack --ctorigsrcport 4:3', 'ipv4', '1.8.11', 'Port range 4-3 is negative.'],
  ['-m conntrack --ctrepldstport 4:3', 'ipv6', '1.8.11', 'Port range 4-3 is negative.'],
  // ... and numbers (XTTYPE_UINT*RC), read with the first number as the least.
  ['-m conntrack --ctexpire 4:3', 'ipv4', '1.8.11', 'conntrack: bad value for option "--ctexpire" near "3", or out of range (4-4294967295).'],
  ['-p ah -m ah --ahspi 4:3', 'ipv4', '1.8.11', 'ah: bad value for option "--ahspi" near "3", or out of range (4-4294967295).'],
  ['-m ah --ahspi 4:3', 'ipv6', '1.8.11', 'ah: bad value for option "--ahspi" near "3", or out of range (4-4294967295).'],
  ['-p esp -m esp --espspi 4:3', 'ipv4', '1.8.11', 'esp: bad value for option "--espspi" near "3", or out of range (4-4294967295).'],
  ['-p ipcomp -m ipcomp --ipcompspi 4:3', 'ipv4', '1.8.11', 'ipcomp: bad value for option "--ipcompspi" near "3", or out of range (4-4294967295).'],
  ['-m length --length 100:99', 'ipv4', '1.8.11', 'length: bad value for option "--length" near "99", or out of range (100-65535).'],
  ['-m frag --fragid 4:3', 'ipv6', '1.8.11', 'frag: bad value for option "--fragid" near "3", or out of range (4-4294967295).'],
  // Ranges in order, and open ones, load in every release.
  ['-p udp --dport 3:4', 'ipv4', undefined, undefined],
  ['-p udp --dport 4:', 'ipv4', undefined, undefined],
  ['-m conntrack --ctexpire 3:3', 'ipv4', undefined, undefined],
  ['-m length --length :3', 'ipv4', undefined, undefined],
  // tcp has refused backwards ranges all along.
  ['-p tcp --dport 4:3', 'ipv4', '1.8.7', 'invalid portrange (min > max)'],
  // conntrack refuses protocol 0 since 1.8.10; 1.8.9 only after `! --ctstatus` (the boundary suite's).
  ['-m conntrack --ctproto 0', 'ipv4', '1.8.10', 'conntrack: rule would never match protocol'],
  ['-m conntrack --ctproto all', 'ipv6', '1.8.10', 'conntrack: rule would never match protocol'],
];

/** [rule, family, the first release that loads it, what the earlier ones print] */
const LOADS_SINCE: Array<[string, 'ipv4' | 'ipv6', IptablesVersion, string]> = [
  ['-p ipv6-icmp -m icmp6 --icmpv6-type mld-listener-query', 'ipv6', '1.8.10', "Unknown ICMPv6 type `mld-listener-query'"],
  ['-p ipv6-icmp -m icmp6 --icmpv6-type mld-listener-report', 'ipv6', '1.8.10', "Unknown ICMPv6 type `mld-listener-report'"],
  ['-p ipv6-icmp -m icmp6 --icmpv6-type mld-listener-done', 'ipv6', '1.8.10', "Unknown ICMPv6 type `mld-listener-done'"],
  ['-p ipv6-icmp -m icmp6 --icmpv6-type mld-listener-reduction', 'ipv6', '1.8.10', "Unknown ICMPv6 type `mld-listener-reduction'"],
];

const at = (v: IptablesVersion): number => IPTABLES_VERSIONS.indexOf(v);

describe('facts by iptables release', () => {
  test('a backwards range loads up to 1.8.10 where libxtables reads it, and 1.8.11 refuses it', () => {
    for (const [rule, family, since, message] of REFUSED_SINCE) {
      for (const v of IPTABLES_VERSIONS) {
        const refused = since !== undefined && at(v) >= at(since);
        const errors = errorsOf(rule, family, v);
        assert.equal(errors.length > 0, refused, `${rule} in ${v}: ${errors.join('; ')}`);
        if (refused) assert.ok(errors[0].includes(`"${message}"`), `${rule} in ${v}: ${errors[0]}`);
      }
    }
  });

  test('the MLD type names load from 1.8.10 on; earlier releases do not know them', () => {
    for (const [rule, family, since, message] of LOADS_SINCE) {
      for (const v of IPTABLES_VERSIONS) {
        const errors = errorsOf(rule, family, v);
        assert.equal(errors.length === 0, at(v) >= at(since), `${rule} in ${v}: ${errors.join('; ')}`);
        if (errors.length) assert.ok(errors[0].includes(`"${message}"`), errors[0]);
      }
    }
    assert.deepEqual(errorsOf('-p ipv6-icmp -m icmp6 --icmpv6-type 130', 'ipv6', '1.8.7'), []);
  });

  test('a file with no setting is checked for the release its header names, else 1.8.9', () => {
    const body = '*filter\n-A INPUT -p udp --dport 4:3 -j ACCEPT\nCOMMIT\n';
    const errors = (text: string, options = {}): number => lint(text, options).filter((d) => d.severity === 'error').length;
    assert.equal(errors(body), 0, 'no header: 1.8.9');
    assert.equal(errors(`# Generated by iptables-nft-save v1.8.11 (nf_tables) on Sun Dec  6 10:00:00 2026\n${body}`), 1);
    assert.equal(errors(`# Generated by iptables-save v1.8.10 on Sun Dec  6 10:00:00 2026\n${body}`), 0);
    assert.equal(errors(`# Generated by iptables-nft-save v1.8.11 (nf_tables) on x\n${body}`, { iptablesVersion: '1.8.9' }), 0, 'the setting wins');
    assert.equal(errors(body, { iptablesVersion: '1.8.11' }), 1);
  });

  test('holdsIn reads since and before; a release outside the list is read as the nearest', () => {
    assert.equal(holdsIn({ since: '1.8.10' }, '1.8.9'), false);
    assert.equal(holdsIn({ since: '1.8.10' }, '1.8.10'), true);
    assert.equal(holdsIn({ before: '1.8.11' }, '1.8.10'), true);
    assert.equal(holdsIn({ before: '1.8.11' }, '1.8.11'), false);
    assert.equal(holdsIn({ since: '1.8.8', before: '1.8.9' }, '1.8.8'), true);
    assert.equal(holdsIn(undefined, '1.8.8'), false);
    assert.equal(nearestVersion([1, 4, 21]), '1.8.7');
    assert.equal(nearestVersion([1, 8, 9]), '1.8.9');
    assert.equal(nearestVersion([1, 8, 9, 1]), '1.8.9');
    assert.equal(nearestVersion([2, 0, 0]), '1.8.11');
  });
});
