// Reads iptables's own extension tests (`*.t`, format in ../shared/conformance/README.md) into
// one-rule files in the right table, chain and family.
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

export interface ConformanceCase {
  file: string;
  line: number;
  rule: string;
  expect: 'OK' | 'FAIL';
  family: 'ipv4' | 'ipv6';
  /** One file per chain the line is tested in. */
  texts: string[];
}

export interface ConformanceSet {
  cases: ConformanceCase[];
  skipped: Record<string, number>;
}

export function readConformance(dir: string): ConformanceSet {
  const cases: ConformanceCase[] = [];
  const skipped: Record<string, number> = {};
  const skip = (why: string): void => {
    skipped[why] = (skipped[why] ?? 0) + 1;
  };
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.t')).sort()) {
    const family = name.startsWith('libip6t_') ? 'ipv6' : 'ipv4';
    let chains: string[] = [];
    let table = 'filter';
    readFileSync(path.join(dir, name), 'utf8').split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      if (line.startsWith(':')) {
        chains = line.slice(1).split(',');
        return;
      }
      if (line.startsWith('*')) {
        table = line.slice(1);
        return;
      }
      if (line.startsWith('@') || line.startsWith('%')) {
        skip('external command');
        return;
      }
      const fields = line.split(';');
      const [rule, , result, backend] = fields;
      if (backend === 'NFT' || backend === 'LEGACY') {
        skip('backend-specific');
        return;
      }
      if (result === 'NOMATCH') {
        skip('NOMATCH');
        return;
      }
      if (result !== 'OK' && result !== 'FAIL') {
        skip('unreadable');
        return;
      }
      const texts = chains.map((chain) => {
        const builtin = ['INPUT', 'OUTPUT', 'FORWARD', 'PREROUTING', 'POSTROUTING'].includes(chain);
        return [`*${table}`, ...(builtin ? [] : [`:${chain} - [0:0]`]), `-A ${chain} ${rule}`, 'COMMIT', ''].join('\n');
      });
      cases.push({ file: name, line: i + 1, rule, expect: result, family, texts });
    });
  }
  return { cases, skipped };
}
