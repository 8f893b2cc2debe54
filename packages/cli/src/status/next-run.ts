import { scheduleIntervals } from '@data-platform/standard-etl/src/data-interval';
import { parseScheduleExpression } from '@data-platform/standard-etl/src/schedule-expression';

/**
 * The first time after `now` a schedule fires, with standard-etl's occurrences (the ones the
 * scheduled runs and backfill cut their intervals by); undefined when it does not fire within a year.
 */
export function nextScheduled(expression: string, timezone: string, now: Date): Date | undefined {
  const parsed = parseScheduleExpression(expression);
  if (typeof parsed === 'string') return undefined;
  const horizonMs = Math.min(Number.isFinite(parsed.longestGapSeconds) ? parsed.longestGapSeconds * 1000 : Infinity, 366 * 86_400_000) + 60_000;
  const from = new Date(now.getTime() + 1);
  return scheduleIntervals(expression, timezone, from, new Date(from.getTime() + horizonMs))[0]?.end;
}

/** `2026-12-01T10:00:00.000Z` → `2026-12-01 10:00Z`. */
export function shortTime(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z');
}
