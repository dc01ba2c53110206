import type { Fix } from './diagnostic';
import { spanRange } from './edits';
import type { Check, CheckContext, CheckMeta } from './check';
import { findingsOf, type Finding } from '../analysis/validate';

/** A rule that reports the validator's findings of its code, with fixes worked out by `fixes`. */
export function findingRule(meta: Omit<CheckMeta, 'messages'>, fixes?: (f: Finding, ctx: CheckContext) => Fix[]): Check {
  return {
    // TEMPORARY (issue 18): no templates yet, the findings' text passes through (PassThroughReport).
    meta: { messages: {}, ...meta },
    file(ctx) {
      for (const f of findingsOf(ctx.file, meta.code)) {
        const related = f.relatedLine !== undefined
          ? [{ range: spanRange(f.relatedLine, 0, ctx.file.lines[f.relatedLine]?.text.length ?? 0), message: f.relatedMessage ?? 'declared here' }]
          : [];
        ctx.report({ range: spanRange(f.line, f.start, f.end), message: f.message, related, fixes: fixes?.(f, ctx) ?? [] });
      }
    },
  };
}
