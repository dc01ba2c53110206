// `.firewall-rules.json`, or a `firewallRules` key in package.json, found by walking up from the
// rules file: the same settings as the extension, for the CLI and the server alike.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export interface FileConfig {
  /** Where the settings came from. */
  source: string;
  settings: Record<string, unknown>;
}

export const CONFIG_FILE = '.firewall-rules.json';

function readJson(file: string): unknown {
  try {
    if (!statSync(file).isFile()) return undefined;
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The nearest config above `file` (its own folder first), or undefined. Bad JSON is reported, not ignored. */
export function findConfig(file: string): FileConfig | { error: string } | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const own = path.join(dir, CONFIG_FILE);
    let exists = false;
    try {
      exists = statSync(own).isFile();
    } catch {
      exists = false;
    }
    if (exists) {
      const json = readJson(own);
      if (!json || typeof json !== 'object' || Array.isArray(json)) return { error: `${own}: not a JSON object` };
      return { source: own, settings: json as Record<string, unknown> };
    }
    const pkg = readJson(path.join(dir, 'package.json')) as { firewallRules?: unknown } | undefined;
    if (pkg && typeof pkg.firewallRules === 'object' && pkg.firewallRules && !Array.isArray(pkg.firewallRules)) {
      return { source: path.join(dir, 'package.json'), settings: pkg.firewallRules as Record<string, unknown> };
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
