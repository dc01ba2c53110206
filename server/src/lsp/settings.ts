import type { LintOptions } from '../core';

/** The `firewallRules.*` settings the server reads; package.json's `contributes.configuration` must match. */
export const SETTINGS_SECTION = 'firewallRules';

export interface ServerSettings {
  sshPorts: number[];
  family: 'auto' | 'ipv4' | 'ipv6';
}

export const SETTING_DEFAULTS: ServerSettings = { sshPorts: [22], family: 'auto' };

/** Settings read by the client alone, not by the server. */
export const CLIENT_ONLY_SETTINGS = ['trace.server'];

export function readSettings(raw: unknown): ServerSettings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const ports = Array.isArray(obj.sshPorts)
    ? obj.sshPorts.filter((p): p is number => Number.isInteger(p) && p >= 1 && p <= 65535)
    : [];
  const family = obj.family === 'ipv4' || obj.family === 'ipv6' ? obj.family : 'auto';
  return { sshPorts: ports.length ? ports : SETTING_DEFAULTS.sshPorts, family };
}

export function lintOptions(s: ServerSettings, fileName = ''): Partial<LintOptions> {
  return { sshPorts: s.sshPorts, family: s.family, fileName };
}
