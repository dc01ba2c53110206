// What the server may run, and only from here: whether the workspace is trusted, and the user's own
// `firewallRules.iptablesRestorePath`. The server hears of it in `initializationOptions` at each
// start and in `firewallRules/didChangeExecution` when it changes.
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';
import { workspace } from 'vscode';

export const EXECUTION_NOTIFICATION = 'firewallRules/didChangeExecution';

export interface ExecutionSettings {
  trustedWorkspace: boolean;
  iptablesRestorePath: string;
}

/**
 * The user's own `firewallRules.iptablesRestorePath`: their user (or remote) settings, never a
 * workspace's. package.json makes it a machine setting too, which VS Code never reads from a workspace.
 */
export function userIptablesRestore(): string {
  const value = workspace.getConfiguration('firewallRules').inspect<string>('iptablesRestorePath')?.globalValue;
  return typeof value === 'string' && value.trim() ? value.trim() : 'iptables-restore';
}

/** What the server may run: only in a trusted workspace, only the user's own program. */
export function executionSettings(): ExecutionSettings {
  return { trustedWorkspace: workspace.isTrusted, iptablesRestorePath: userIptablesRestore() };
}

/** Whether `binary` (an absolute path, or a name looked up in PATH's absolute folders and sbin) is an executable file. */
export function onPath(binary: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter((d) => path.isAbsolute(d)), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  const candidates = binary.includes('/') ? (path.isAbsolute(binary) ? [binary] : []) : dirs.map((d) => path.join(d, binary));
  return candidates.some((c) => {
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
