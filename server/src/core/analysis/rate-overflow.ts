// The token buckets of the limit and hashlimit matches, as the kernel checks them when the rule is
// committed (xt_limit.c's limit_mt_check, xt_hashlimit.c's hashlimit_mt_check_common, Linux 6.18).
// Both turn the average interval between packets into "credits" with fixed-width arithmetic that
// wraps: a slow rate with a big burst overflows, and the kernel refuses the rule ("Overflow, try
// lower"). The credits depend on the kernel's tick rate; HZ is 250 here, as in Debian's kernels.
import { parseUint, readHashlimitBurst, readHashlimitRate, readLimitRate } from '../kb/forms';
import type { MatchUse, OptionUse } from '../syntax/model';
import type { RuleFinding } from './finding';

const HZ = 250n;
const U32 = 1n << 32n;
const U64 = 1n << 64n;

/** The largest power of two at most x (the kernel's POW2_BELOW32/64). */
function pow2Below(x: bigint): bigint {
  let p = 1n;
  while (p * 2n <= x) p *= 2n;
  return p;
}

// xt_limit: 32-bit credits, XT_LIMIT_SCALE 10000 a second.
const LIMIT_CPJ = pow2Below((U32 - 1n) / (HZ * 86400n));
const LIMIT_TICKS = HZ * LIMIT_CPJ;
function limitCredits(user: bigint): bigint {
  if (user > (U32 - 1n) / LIMIT_TICKS) return ((user / 10000n) * LIMIT_TICKS) % U32;
  return (user * LIMIT_TICKS) / 10000n;
}

// xt_hashlimit (revision 3): 64-bit credits, a scale of 10^6 a second.
const HASHLIMIT_CPJ = pow2Below((U64 - 1n) / (HZ * 86400n));
const HASHLIMIT_FACTOR = (HZ * HASHLIMIT_CPJ) / 1000000n;
const hashlimitCredits = (user: bigint): bigint => (user * HASHLIMIT_FACTOR) % U64;

function has(m: MatchUse, name: string): OptionUse | undefined {
  for (const o of m.options) if (o.name === name) return o;
  return undefined;
}

/** Whether the kernel's limit match refuses this average (XT_LIMIT_SCALE units) and burst. */
export function limitOverflows(avg: number, burst: number): boolean {
  if (burst === 0) return true;
  const a = BigInt(avg);
  return limitCredits((a * BigInt(burst)) % U32) < limitCredits(a);
}

/**
 * What iptables-legacy's limit match refuses: a burst of 0, or a rate and burst whose credits
 * overflow. iptables-nft turns the match into nft's own limit, which loads them.
 */
export function limitRefused(m: MatchUse): RuleFinding | undefined {
  const rateArg = has(m, 'limit')?.args[0];
  const burstArg = has(m, 'limit-burst')?.args[0];
  const rate = rateArg ? readLimitRate(rateArg.value) : { avg: (10000 * 3600) / 3 };
  const burst = burstArg ? parseUint(burstArg.value) : 5;
  if (typeof rate !== 'object' || burst === undefined || !limitOverflows(rate.avg, burst)) return undefined;
  const at = burstArg ?? rateArg;
  if (!at) return undefined;
  return {
    code: 'invalid-value', start: at.start, end: at.end, subject: 'limit', onlyWith: 'legacy',
    messageId: burst === 0 ? 'limitBurstZero' : 'limitOverflow', data: { rate: rateArg?.value ?? '3/hour', burst },
  };
}

/** What the kernel's hashlimit refuses: no garbage collection interval or expiry, or a burst whose credits overflow. */
export function hashlimitRefused(m: MatchUse): RuleFinding | undefined {
  for (const name of ['hashlimit-htable-gcinterval', 'hashlimit-htable-expire']) {
    const arg = has(m, name)?.args[0];
    if (arg && parseUint(arg.value) === 0) return { code: 'invalid-value', start: arg.start, end: arg.end, subject: 'hashlimit', messageId: 'hashlimitZero', data: { option: name } };
  }
  const rateOption = has(m, 'hashlimit-upto') ?? has(m, 'hashlimit') ?? has(m, 'hashlimit-above');
  const rateArg = rateOption?.args[0];
  const rate = rateArg ? readHashlimitRate(rateArg.value) : undefined;
  if (!rateArg || typeof rate !== 'object' || rate.bytes || rate.avg === undefined) return undefined;
  if (has(m, 'hashlimit-rate-match')) {
    // Rate matching takes the interval per second instead, which must come to at least 1.
    if (Math.floor(rate.avg / (rate.mult ?? 1)) > 0) return undefined;
    return { code: 'invalid-value', start: rateArg.start, end: rateArg.end, subject: 'hashlimit', messageId: 'hashlimitRateMatch', data: { rate: rateArg.value } };
  }
  const burstArg = has(m, 'hashlimit-burst')?.args[0];
  const burst = burstArg ? readHashlimitBurst(burstArg.value) : { value: 5, bytes: false };
  if (!burst || burst.bytes) return undefined;
  const avg = BigInt(rate.avg);
  if (hashlimitCredits((avg * BigInt(burst.value)) % U64) >= hashlimitCredits(avg)) return undefined;
  const at = burstArg ?? rateArg;
  return { code: 'invalid-value', start: at.start, end: at.end, subject: 'hashlimit', messageId: 'hashlimitOverflow', data: { rate: rateArg.value, burst: burst.value } };
}
