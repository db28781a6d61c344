// Parses --timeout values such as 90s, 30m, 2h, 1h30m or a bare 45 (seconds) into milliseconds.
import { usageError } from './exit-codes';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

export function parseDuration(text: string, flag = '--timeout'): number {
  const value = text.trim().toLowerCase();
  let ms: number | undefined;
  if (/^\d+(?:\.\d+)?$/.test(value)) {
    ms = Number(value) * 1_000;
  } else if (/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/.test(value)) {
    ms = 0;
    for (const [, amount, unit] of value.matchAll(PART)) ms += Number(amount) * (UNIT_MS[unit ?? 's'] ?? 0);
  }
  if (ms === undefined || !Number.isFinite(ms)) {
    throw usageError(`${flag} "${text}" is not a duration: use e.g. 90s, 30m, 2h, 1h30m or 45 (seconds).`);
  }
  if (ms <= 0) throw usageError(`${flag} must be longer than zero.`);
  return Math.round(ms);
}
