import { CommandError } from '../errors';

/** A range of time given on the command line, `--from` inclusive, `--to` exclusive. */
export interface TimeRange {
  readonly from: Date;
  readonly to: Date;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/;

export const timeRangeErrors = {
  missing: (command: string, option: string) =>
    new CommandError(`${command}: ${option} is required, as a UTC date (2026-11-01, midnight) or time (2026-11-01T06:00Z).`),
  badTime: (command: string, option: string, value: string) =>
    new CommandError(
      `${command}: ${option} is ${JSON.stringify(value)}; expected a UTC date such as 2026-11-01 (its midnight) or a UTC time such as 2026-11-01T06:00Z.`,
    ),
  backwards: (command: string, from: string, to: string) =>
    new CommandError(`${command}: --from ${from} is not before --to ${to}; the range is [--from, --to), so --to must come later.`),
};

/** One `--from`/`--to` value: a UTC date (its midnight) or a UTC time on a whole minute. */
export function parseTime(command: string, option: string, value: string): Date {
  if (!DATE.test(value) && !DATE_TIME.test(value)) throw timeRangeErrors.badTime(command, option, value);
  const date = new Date(DATE.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()) || date.getUTCSeconds() !== 0 || date.toISOString().slice(0, 10) !== value.slice(0, 10)) {
    throw timeRangeErrors.badTime(command, option, value);
  }
  return date;
}

/** `--from` and `--to`, both required, `--from` first. */
export function parseTimeRange(command: string, from: string | undefined, to: string | undefined): TimeRange {
  if (from === undefined) throw timeRangeErrors.missing(command, '--from');
  if (to === undefined) throw timeRangeErrors.missing(command, '--to');
  const range = { from: parseTime(command, '--from', from), to: parseTime(command, '--to', to) };
  if (!(range.from < range.to)) throw timeRangeErrors.backwards(command, from, to);
  return range;
}
