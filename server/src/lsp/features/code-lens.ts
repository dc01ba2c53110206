// The code lens on INPUT's declaration (else the `*filter` line): what a new connection from anywhere
// reaches ("open: 25 465 ... · SSH: blocked"). It runs the client's "explain port" command.
import { summarize } from '../../core';
import type { ServerContext } from '../context';

/** The client's command (it asks for the port), which the code lens runs. */
export const EXPLAIN_PORT_COMMAND = 'firewallRules.explainPort';

export function registerCodeLens(ctx: ServerContext): void {
  ctx.connection.onCodeLens(async (params) => {
    const s = ctx.documents.get(params.textDocument.uri);
    if (!ctx.usable(s)) return [];
    const settings = await ctx.settingsOf(s);
    const summary = summarize(ctx.parsedOf(s, settings), settings.sshPorts);
    if (!summary) return [];
    const at = { line: summary.line, character: 0 };
    return [{ range: { start: at, end: at }, command: { title: summary.title, command: EXPLAIN_PORT_COMMAND, arguments: [s.doc.uri] } }];
  });
}
