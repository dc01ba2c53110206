// The server's commands (workspace/executeCommand): the reachability walk of one port, and the user's
// iptables-restore --test on the document. And `firewallRules/didChangeExecution`, by which the client
// says what may run.
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { ANYWHERE, detectFamily, explainPort } from '../../core';
import type { ServerContext } from '../context';
import type { DiagnosticsScheduler } from '../diagnostics';
import type { DocState } from '../documents';
import { binaryFor, EXECUTION_NOTIFICATION, readExecution, resolveBinary, runIptablesTest, type ValidationResult } from '../iptables-test';
import { fileNameOf } from '../workspace-config';

/** Runs the reachability walk of one port; arguments: `{ uri, port, from?, iface? }`. */
export const EXPLAIN_COMMAND = 'firewallRules.explain';
/** Runs the user's iptables-restore --test on the document; arguments: `{ uri }`. */
export const VALIDATE_COMMAND = 'firewallRules.validate';
/**
 * The client's own command that sets `firewallRules.sshPorts` for a document (arguments: `uri`, the
 * ports). Not the server's: a code action names it only for a client that says it runs it.
 */
export const SET_SSH_PORTS_COMMAND = 'firewallRules.setSshPorts';
/** The commands the server runs, which the client offers. */
export const COMMANDS = [EXPLAIN_COMMAND, VALIDATE_COMMAND];

type Resolved = ReturnType<typeof resolveBinary>;

export function registerCommands(ctx: ServerContext, scheduler: DiagnosticsScheduler): void {
  const resolved = new Map<string, Resolved>();
  ctx.connection.onNotification(EXECUTION_NOTIFICATION, (params: unknown) => {
    ctx.execution = readExecution(params);
    resolved.clear();
  });
  ctx.connection.onExecuteCommand(async (params) => {
    const arg = (params.arguments?.[0] ?? {}) as { uri?: unknown; port?: unknown; from?: unknown; iface?: unknown };
    const s = typeof arg.uri === 'string' ? ctx.documents.get(arg.uri) : undefined;
    if (params.command === VALIDATE_COMMAND) return s ? validateWithIptables(ctx, scheduler, resolved, s) : null;
    if (params.command !== EXPLAIN_COMMAND) return null;
    const port = Number(arg.port);
    if (!ctx.usable(s) || !Number.isInteger(port) || port < 1 || port > 65535) return null;
    const file = ctx.parsedOf(s, await ctx.settingsOf(s));
    return explainPort(file, { port, from: typeof arg.from === 'string' && arg.from ? arg.from : ANYWHERE, iface: typeof arg.iface === 'string' && arg.iface ? arg.iface : undefined });
  });
}

/** "Firewall: validate with iptables-restore", as the execution settings allow; its verdict joins the diagnostics. */
async function validateWithIptables(ctx: ServerContext, scheduler: DiagnosticsScheduler, resolved: Map<string, Resolved>, s: DocState): Promise<ValidationResult> {
  if (!ctx.execution.trusted) return { ok: false, ran: false, message: 'Not run: the editor has not said this workspace is trusted (initializationOptions.trustedWorkspace).' };
  const settings = await ctx.settingsOf(s);
  const family = detectFamily(s.doc.getText(), fileNameOf(s.doc.uri), settings.family);
  const name = binaryFor(ctx.execution.iptablesRestorePath, family);
  let where = resolved.get(name);
  if (!where) resolved.set(name, (where = resolveBinary(name)));
  if ('error' in where) return { ok: false, ran: false, message: where.error };
  const version = s.doc.version;
  const result = await runIptablesTest(where.path, s.doc.getText());
  const line = result.line ?? 0;
  const text = s.doc.getText().split('\n')[line] ?? '';
  s.verdict = {
    version,
    diagnostic: {
      range: { start: { line, character: 0 }, end: { line, character: text.replace(/\r$/, '').length } },
      severity: result.ok ? DiagnosticSeverity.Information : DiagnosticSeverity.Error,
      source: path.basename(where.path),
      message: result.ok ? `${where.path} --test: the file loads.` : `${where.path} --test: ${result.message}`,
    },
  };
  if (ctx.documents.isCurrent(s, version)) await scheduler.validate(s);
  return result;
}
