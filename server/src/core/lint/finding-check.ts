import type { Fix, MessageData } from './diagnostic';
import { spanRange } from './edits';
import type { Check, CheckContext, CheckMeta } from './check';
import type { Finding } from '../analysis/finding';
import type { ParsedFile } from '../syntax/model';
import { detectBackend } from '../syntax/backend';

/** Reports findings: places in the file, with their message and related line. */
export function reportFindings(ctx: CheckContext, found: Iterable<Finding>, fixes?: (f: Finding, ctx: CheckContext) => Fix[], data?: FindingMessage): void {
  for (const f of found) {
    const r = f.related;
    const related = r ? [{ range: spanRange(r.line, 0, ctx.file.lines[r.line]?.text.length ?? 0), messageId: r.messageId }] : [];
    ctx.report({ range: spanRange(f.line, f.start, f.end), messageId: f.messageId, data: data ? data(f, ctx) : f.data, related, fixes: fixes?.(f, ctx) ?? [] });
  }
}

/** A finding's message data as a check words it (a phrase that depends on the options, say). */
export type FindingMessage = (f: Finding, ctx: CheckContext) => MessageData;

/**
 * A check that reports the findings of its code that a part of the analysis works out (`findings`
 * names which), with fixes worked out by `fixes` and the data of its messages by `data` (else the finding's). Its meta holds the templates of their messages.
 */
export function findingCheck(meta: CheckMeta, findings: (file: ParsedFile) => Iterable<Finding>, fixes?: (f: Finding, ctx: CheckContext) => Fix[], data?: FindingMessage): Check {
  return {
    meta,
    file(ctx) {
      reportFindings(ctx, findings(ctx.file), fixes, data);
    },
  };
}

/**
 * Reports findings only the legacy back end refuses: errors under legacy, warnings when the back end
 * is unknown, nothing under nft (which loads them).
 */
export function reportLegacyFindings(ctx: CheckContext, found: readonly Finding[], fixes?: (f: Finding, ctx: CheckContext) => Fix[]): void {
  if (found.length === 0) return;
  const backend = detectBackend(ctx.text, ctx.options.backend);
  if (backend === 'nft') return;
  const severity = backend === 'legacy' ? 'error' as const : 'warning' as const;
  for (const f of found) {
    ctx.report({ range: spanRange(f.line, f.start, f.end), messageId: f.messageId, data: f.data, severity, fixes: fixes?.(f, ctx) ?? [] });
  }
}
