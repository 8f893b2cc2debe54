import { currentInterval, type DataInterval } from '@data-platform/standard-etl';
import { commandErrors } from '../errors';

/**
 * `--from` and `--to` of the commands that run data intervals (run, run-local, backfill): one
 * reading of them for all. A value is an ISO date (`2026-11-01`, its midnight UTC) or a time with
 * its zone (`2026-11-01T10:00Z`, `2026-11-01T11:00+01:00`), on a whole minute; `--to` is exclusive.
 */
export interface TimeRangeOptions {
  readonly from?: string;
  readonly to?: string;
}

/** A range given on the command line, `from` inclusive, `to` exclusive. */
export interface TimeRange {
  readonly from: Date;
  readonly to: Date;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** One `--from`/`--to` value; undefined when it is neither a date nor a time with its zone (or names no real day). */
function parseTime(text: string): Date | undefined {
  const date = DATE.test(text) ? new Date(`${text}T00:00:00Z`) : TIME.test(text) ? new Date(text) : undefined;
  if (!date || Number.isNaN(date.getTime())) return undefined;
  // `2026-02-30` parses as March 2nd: a date must read back as the day written.
  if (DATE.test(text) && date.toISOString().slice(0, 10) !== text) return undefined;
  return date;
}

/** Both `--from` and `--to`, read and checked: the interval `[from, to)`. */
export function parseTimeRange(stack: string, from: string, to: string): DataInterval {
  const start = parseTime(from);
  if (!start) throw commandErrors.intervalTime(stack, '--from', from);
  const end = parseTime(to);
  if (!end) throw commandErrors.intervalTime(stack, '--to', to);
  if (!(start < end)) throw commandErrors.intervalOrder(stack, from, to);
  if (start.getUTCSeconds() + start.getUTCMilliseconds() + end.getUTCSeconds() + end.getUTCMilliseconds() !== 0) {
    throw commandErrors.intervalSeconds(stack, from, to);
  }
  return { start, end };
}

/** The range a command requires (backfill): both options, or one error naming the one missing. */
export function requiredTimeRange(stack: string, command: string, options: TimeRangeOptions): TimeRange {
  if (options.from === undefined && options.to === undefined) throw commandErrors.intervalRequired(stack, command, 'a range to cut into intervals');
  if (options.from === undefined || options.to === undefined) throw commandErrors.intervalHalf(stack, options.from === undefined ? '--from' : '--to');
  const { start, end } = parseTimeRange(stack, options.from, options.to);
  return { from: start, to: end };
}

/**
 * The data interval of one run (run, run-local): `--from/--to`, or else the period of the schedule
 * that ended most recently; a job without a schedule must be given both.
 */
export function runIntervalOf(
  stack: string,
  command: string,
  options: TimeRangeOptions,
  schedule: { readonly expression: string; readonly timezone: string } | undefined,
  now: Date,
): DataInterval {
  if (options.from === undefined && options.to === undefined) {
    if (!schedule) throw commandErrors.intervalRequired(stack, command, 'no schedule, so no current period to take');
    return currentInterval(schedule.expression, schedule.timezone, now);
  }
  if (options.from === undefined || options.to === undefined) {
    throw commandErrors.intervalHalf(stack, options.from === undefined ? '--from' : '--to', 'the current period');
  }
  return parseTimeRange(stack, options.from, options.to);
}
