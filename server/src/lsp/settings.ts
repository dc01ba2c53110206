import type { LintOptions } from '../core';

/** The `firewallRules.*` settings the server reads; package.json's `contributes.configuration` must match. */
export const SETTINGS_SECTION = 'firewallRules';

export type SeverityLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface ServerSettings {
  sshPorts: number[];
  family: 'auto' | 'ipv4' | 'ipv6';
  severity: Record<string, SeverityLevel>;
  mailProfile: boolean;
  iptablesRestorePath: string;
}

export const SETTING_DEFAULTS: ServerSettings = { sshPorts: [22], family: 'auto', severity: {}, mailProfile: true, iptablesRestorePath: 'iptables-restore' };
const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Settings read by the client alone, not by the server. */
export const CLIENT_ONLY_SETTINGS = ['trace.server'];

export function readSettings(raw: unknown): ServerSettings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const ports = Array.isArray(obj.sshPorts)
    ? obj.sshPorts.filter((p): p is number => Number.isInteger(p) && p >= 1 && p <= 65535)
    : [];
  const family = obj.family === 'ipv4' || obj.family === 'ipv6' ? obj.family : 'auto';
  const severity: Record<string, SeverityLevel> = {};
  if (obj.severity && typeof obj.severity === 'object') {
    for (const [code, level] of Object.entries(obj.severity as Record<string, unknown>)) if (typeof level === 'string' && LEVELS.has(level)) severity[code] = level as SeverityLevel;
  }
  const mailProfile = typeof obj.mailProfile === 'boolean' ? obj.mailProfile : SETTING_DEFAULTS.mailProfile;
  const path = typeof obj.iptablesRestorePath === 'string' && obj.iptablesRestorePath.trim() ? obj.iptablesRestorePath.trim() : SETTING_DEFAULTS.iptablesRestorePath;
  return { sshPorts: ports.length ? ports : SETTING_DEFAULTS.sshPorts, family, severity, mailProfile, iptablesRestorePath: path };
}

export function lintOptions(s: ServerSettings, fileName = ''): Partial<LintOptions> {
  return { sshPorts: s.sshPorts, family: s.family, fileName, severity: s.severity, mailProfile: s.mailProfile };
}
