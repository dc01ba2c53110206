import * as path from 'node:path';

/** The repository root, from server/build/test-support/. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'server', 'out', 'server.js');
export const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
export const EXAMPLE = path.join(ROOT, 'examples', 'firewall.rules');
export const SNIPPETS = path.join(ROOT, 'snippets', 'iptables.json');
export const SHARED = path.resolve(ROOT, '..', 'shared');
