// The `firewallRules.*` settings, shared by the CLI, the server and the config file. package.json's
// `contributes.configuration` must offer exactly these (a test checks).
import { isIptablesVersion, type HostObjects, type LintOptions, type VersionSetting } from '../core';

export const SETTINGS_SECTION = 'firewallRules';

export type SeverityLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** What decides the checks: the editor's settings, a config file, or the CLI's options. */
export interface LintSettings {
  sshPorts: number[];
  family: 'auto' | 'ipv4' | 'ipv6';
  backend: 'auto' | 'nft' | 'legacy';
  iptablesVersion: VersionSetting;
  severity: Record<string, SeverityLevel>;
  mailProfile: boolean;
  /** The host's ipset sets (a name, or a name and `inet`/`inet6`), nfacct objects and connlabel names; null: not known. */
  ipsets: string[] | null;
  nfacctObjects: string[] | null;
  connlabels: string[] | null;
}

export const LINT_DEFAULTS: LintSettings = {
  sshPorts: [22], family: 'auto', backend: 'auto', iptablesVersion: 'auto', severity: {}, mailProfile: true, ipsets: null, nfacctObjects: null, connlabels: null,
};

/** The most names a host-object list holds, and the longest name: settings are untrusted input too. */
export const MAX_OBJECTS = 10000;
export const MAX_OBJECT_NAME = 256;

/** A list of names, or null when the setting is not a list. */
function readNames(v: unknown): string[] | null {
  if (!Array.isArray(v)) return null;
  return v.slice(0, MAX_OBJECTS).filter((n): n is string => typeof n === 'string' && n.trim() !== '' && n.length <= MAX_OBJECT_NAME);
}

/** What the lint options call the host objects the settings list. */
export function hostObjects(s: Pick<LintSettings, 'ipsets' | 'nfacctObjects' | 'connlabels'>): HostObjects {
  const out: { ipset?: string[]; nfacct?: string[]; connlabel?: string[] } = {};
  if (s.ipsets) out.ipset = s.ipsets;
  if (s.nfacctObjects) out.nfacct = s.nfacctObjects;
  if (s.connlabels) out.connlabel = s.connlabels;
  return out;
}

/** The keys a config file may hold: the lint settings, and nothing that picks a program to run. */
export const LINT_KEYS: readonly string[] = Object.keys(LINT_DEFAULTS);

/**
 * Settings the client reads from the user's own settings and hands to the server at start, in
 * `initializationOptions`: never from a workspace or a config file. `iptablesRestorePath` is
 * machine-scoped in package.json.
 */
export const CLIENT_SETTINGS = { 'trace.server': 'off', iptablesRestorePath: 'iptables-restore' } as const;

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

export function readLintSettings(raw: unknown): LintSettings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const ports = Array.isArray(obj.sshPorts)
    ? obj.sshPorts.filter((p): p is number => Number.isInteger(p) && p >= 1 && p <= 65535)
    : [];
  const family = obj.family === 'ipv4' || obj.family === 'ipv6' ? obj.family : 'auto';
  const backend = obj.backend === 'nft' || obj.backend === 'legacy' ? obj.backend : 'auto';
  const iptablesVersion = isIptablesVersion(obj.iptablesVersion) ? obj.iptablesVersion : 'auto';
  const severity: Record<string, SeverityLevel> = {};
  if (obj.severity && typeof obj.severity === 'object') {
    for (const [code, level] of Object.entries(obj.severity as Record<string, unknown>)) if (typeof level === 'string' && LEVELS.has(level)) severity[code] = level as SeverityLevel;
  }
  const mailProfile = typeof obj.mailProfile === 'boolean' ? obj.mailProfile : LINT_DEFAULTS.mailProfile;
  return {
    sshPorts: ports.length ? ports : LINT_DEFAULTS.sshPorts, family, backend, iptablesVersion, severity, mailProfile,
    ipsets: readNames(obj.ipsets), nfacctObjects: readNames(obj.nfacctObjects), connlabels: readNames(obj.connlabels),
  };
}

export function lintOptions(s: LintSettings, fileName = ''): Partial<LintOptions> {
  return { sshPorts: s.sshPorts, family: s.family, backend: s.backend, iptablesVersion: s.iptablesVersion, fileName, severity: s.severity, mailProfile: s.mailProfile, hostObjects: hostObjects(s) };
}
