import type { Fix } from './diagnostic';
import { spanRange } from './edits';
import type { Check, CheckContext, CheckMeta } from './check';
import type { Finding } from '../analysis/finding';
import type { ParsedFile } from '../syntax/model';

/** Reports findings: places in the file, with their message and related line. */
export function reportFindings(ctx: CheckContext, found: Iterable<Finding>, fixes?: (f: Finding, ctx: CheckContext) => Fix[]): void {
  for (const f of found) {
    const related = f.relatedLine !== undefined
      ? [{ range: spanRange(f.relatedLine, 0, ctx.file.lines[f.relatedLine]?.text.length ?? 0), message: f.relatedMessage ?? 'declared here' }]
      : [];
    ctx.report({ range: spanRange(f.line, f.start, f.end), message: f.message, related, fixes: fixes?.(f, ctx) ?? [] });
  }
}

/**
 * A check that reports the findings of its code that a part of the analysis works out (`findings`
 * names which), with fixes worked out by `fixes`.
 */
export function findingCheck(meta: CheckMeta, findings: (file: ParsedFile) => Iterable<Finding>, fixes?: (f: Finding, ctx: CheckContext) => Fix[]): Check {
  return {
    meta,
    file(ctx) {
      reportFindings(ctx, findings(ctx.file), fixes);
    },
  };
}
