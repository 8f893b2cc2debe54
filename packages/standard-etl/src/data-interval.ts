/**
 * Data intervals: every run of a job covers `[start, end)`, and its execution name derives from
 * that interval, so a rerun of the same interval is recognised and never duplicated.
 *
 * A scheduled run covers the period that ends at its scheduled time: `[previous occurrence,
 * occurrence)`, where occurrences are read as EventBridge Scheduler reads the expression. A cron
 * runs in the schedule's wall-clock time: a local time skipped by a daylight-saving change does not
 * run, and a local time that happens twice runs once (the first). A rate is a fixed duration; its
 * periods are aligned on the Unix epoch in UTC (`rate(1 hour)` covers whole UTC hours), so a
 * scheduled run and a backfill cut the same intervals whatever time the schedule was created.
 */
import { dataIntervalErrors } from './errors';
import { Cron, parseScheduleExpression, ParsedSchedule } from './schedule-expression';

/** A data interval, end exclusive. Both ends fall on whole minutes. */
export interface DataInterval {
  readonly start: Date;
  readonly end: Date;
}

/** What started a run: the first word of its execution name and the `trigger.kind` of its input. */
export type RunKind = 'schedule' | 'after' | 'data' | 'manual' | 'backfill';

/** Every run kind: what starts a job by itself (schedule, upstreams, data), then what a person starts. */
export const RUN_KINDS: readonly RunKind[] = ['schedule', 'after', 'data', 'manual', 'backfill'];

/** A run's execution name, read back. */
export interface ParsedExecutionName {
  readonly kind: RunKind;
  readonly interval: DataInterval;
  /** What follows the interval: an attempt number, a random tag; undefined when there is none. */
  readonly suffix?: string;
}

/** Step Functions allows execution names of at most 80 characters. */
export const EXECUTION_NAME_MAX_LENGTH = 80;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYYMMDDTHHMMZ` in UTC, e.g. `20261201T1000Z`: the time as it appears in execution names. */
export function formatCompactTime(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}Z`
  );
}

/** Reads `YYYYMMDDTHHMMZ` back; undefined when the text is not one. */
export function parseCompactTime(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute));
  return formatCompactTime(date) === text ? date : undefined;
}

/** `YYYY-MM-DDTHH:MM:SSZ` in UTC: the form of DATA_INTERVAL_START/END and of the execution input. */
export function formatIntervalTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The `interval` member of an execution's input. */
export function intervalInput(interval: DataInterval): { start: string; end: string } {
  return { start: formatIntervalTime(interval.start), end: formatIntervalTime(interval.end) };
}

/**
 * The execution name of a run: `<kind>-<start>-<end>[-<suffix>]`, e.g.
 * `schedule-20261201T1000Z-20261201T1100Z` or `backfill-20261101T0000Z-20261102T0000Z-1`.
 */
export function executionName(kind: RunKind, interval: DataInterval, suffix?: string): string {
  checkInterval(interval);
  if (!RUN_KINDS.includes(kind)) throw dataIntervalErrors.unknownKind(kind, RUN_KINDS);
  const base = `${kind}-${formatCompactTime(interval.start)}-${formatCompactTime(interval.end)}`;
  if (suffix === undefined) return base;
  const room = EXECUTION_NAME_MAX_LENGTH - base.length - 1;
  if (!/^[A-Za-z0-9]+$/.test(suffix) || suffix.length > room) throw dataIntervalErrors.invalidSuffix(suffix, room);
  return `${base}-${suffix}`;
}

/** Reads an execution name written by `executionName`; undefined for any other name. */
export function parseExecutionName(name: string): ParsedExecutionName | undefined {
  const match = /^([a-z]+)-(\d{8}T\d{4}Z)-(\d{8}T\d{4}Z)(?:-([A-Za-z0-9]+))?$/.exec(name);
  if (!match || name.length > EXECUTION_NAME_MAX_LENGTH) return undefined;
  const [, kind, startText, endText, suffix] = match as unknown as [string, string, string, string, string | undefined];
  if (!RUN_KINDS.includes(kind as RunKind)) return undefined;
  const start = parseCompactTime(startText);
  const end = parseCompactTime(endText);
  if (!start || !end || start >= end) return undefined;
  return suffix === undefined ? { kind: kind as RunKind, interval: { start, end } } : { kind: kind as RunKind, interval: { start, end }, suffix };
}

/**
 * The intervals `[previous occurrence, occurrence)` of a schedule whose end falls in `[from, to)`,
 * oldest first: what a backfill of that range runs.
 */
export function scheduleIntervals(expression: string, timezone: string, from: Date, to: Date): DataInterval[] {
  const schedule = parse(expression);
  if (!(from < to)) throw dataIntervalErrors.emptyRange(from, to);
  const ends = occurrences(schedule, timezone, from.getTime(), to.getTime());
  if (ends.length === 0) return [];
  const first = previousOccurrence(schedule, timezone, ends[0]!);
  const starts = [first, ...ends.slice(0, -1)];
  return ends.map((end, index) => ({ start: new Date(starts[index]!), end: new Date(end) }));
}

/**
 * The intervals `[occurrence, next occurrence)` of a schedule whose start falls in `[from, to)`,
 * oldest first: what a backfill of that range runs. Ranges that follow each other tile: every
 * interval starts in exactly one of them (as Airflow counts logical dates), so backfilling day by
 * day runs each interval once, the one that straddles midnight included. The last interval may end
 * after `to`.
 */
export function intervalsStartingIn(expression: string, timezone: string, from: Date, to: Date): DataInterval[] {
  const schedule = parse(expression);
  if (!(from < to)) throw dataIntervalErrors.emptyRange(from, to);
  const starts = occurrences(schedule, timezone, from.getTime(), to.getTime());
  if (starts.length === 0) return [];
  const after = nextOccurrence(schedule, timezone, starts[starts.length - 1]!);
  const ends = after === undefined ? starts.slice(1) : [...starts.slice(1), after];
  return ends.map((end, index) => ({ start: new Date(starts[index]!), end: new Date(end) }));
}

/** The period of a schedule that ended most recently at `now` (an occurrence at `now` counts as ended). */
export function currentInterval(expression: string, timezone: string, now: Date): DataInterval {
  const schedule = parse(expression);
  const end = previousOccurrence(schedule, timezone, now.getTime() + 1);
  return { start: new Date(previousOccurrence(schedule, timezone, end)), end: new Date(end) };
}

/** The UTC offset of a time zone at an instant, in milliseconds (local time = UTC + offset). */
export function utcOffsetMs(timezone: string, instantMs: number): number {
  if (timezone === 'UTC' || timezone === 'Etc/UTC') return 0;
  const parts = formatter(timezone).formatToParts(new Date(instantMs));
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return local - (instantMs - (((instantMs % 1000) + 1000) % 1000));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let cached = formatters.get(timezone);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, cached);
  }
  return cached;
}

function parse(expression: string): ParsedSchedule {
  const parsed = parseScheduleExpression(expression);
  if (typeof parsed === 'string') throw dataIntervalErrors.invalidSchedule(expression, parsed);
  return parsed;
}

function checkInterval(interval: DataInterval): void {
  const { start, end } = interval;
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || !(start < end)) {
    throw dataIntervalErrors.invalidInterval(interval);
  }
  if (start.getTime() % MINUTE_MS !== 0 || end.getTime() % MINUTE_MS !== 0) throw dataIntervalErrors.notWholeMinutes(interval);
}

/** The first instant at which the wall-clock time `wallMs` (a local time written as if UTC) happens; undefined when it is skipped. */
function firstInstant(timezone: string, wallMs: number): number | undefined {
  const offsets = new Set([utcOffsetMs(timezone, wallMs - DAY_MS), utcOffsetMs(timezone, wallMs + DAY_MS)]);
  let first: number | undefined;
  for (const offset of offsets) {
    const instant = wallMs - offset;
    if (utcOffsetMs(timezone, instant) === offset && (first === undefined || instant < first)) first = instant;
  }
  return first;
}

/** Occurrences in `[fromMs, toMs)`, ascending. */
function occurrences(schedule: ParsedSchedule, timezone: string, fromMs: number, toMs: number): number[] {
  if (schedule.rateSeconds !== undefined) {
    const period = schedule.rateSeconds * 1000;
    const result: number[] = [];
    for (let at = Math.ceil(fromMs / period) * period; at < toMs; at += period) result.push(at);
    return result;
  }
  return cronOccurrences(schedule.cron!, timezone, fromMs, toMs);
}

/** The runs of a cron in `[fromMs, toMs)`, ascending, as Scheduler makes them in `timezone`. */
export function cronOccurrences(cron: Cron, timezone: string, fromMs: number, toMs: number): number[] {
  const result: number[] = [];
  const firstDay = Math.floor((fromMs + utcOffsetMs(timezone, fromMs)) / DAY_MS) - 1;
  const lastDay = Math.floor((toMs + utcOffsetMs(timezone, toMs)) / DAY_MS) + 1;
  for (let dayIndex = firstDay; dayIndex <= lastDay; dayIndex += 1) {
    const dayMs = dayIndex * DAY_MS;
    const date = new Date(dayMs);
    if (!cron.matchesDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())) continue;
    // Instants 14 hours either side of the local day bracket it in every zone: one offset for both means no change that day.
    const before = utcOffsetMs(timezone, dayMs - 14 * 3_600_000);
    const steady = before === utcOffsetMs(timezone, dayMs + DAY_MS + 14 * 3_600_000);
    for (const hour of cron.hours) {
      for (const minute of cron.minutes) {
        const wall = dayMs + (hour * 60 + minute) * MINUTE_MS;
        const instant = steady ? wall - before : firstInstant(timezone, wall);
        if (instant !== undefined && instant >= fromMs && instant < toMs) result.push(instant);
      }
    }
  }
  return result;
}

/** The first occurrence strictly after `atMs`; undefined when the schedule has none in the next 16 years (a cron of past years). */
function nextOccurrence(schedule: ParsedSchedule, timezone: string, atMs: number): number | undefined {
  if (schedule.rateSeconds !== undefined) {
    const period = schedule.rateSeconds * 1000;
    return Math.floor(atMs / period) * period + period;
  }
  for (let lookaheadMs = 2 * DAY_MS; lookaheadMs <= 16 * 366 * DAY_MS; lookaheadMs *= 2) {
    const found = cronOccurrences(schedule.cron!, timezone, atMs + 1, atMs + 1 + lookaheadMs);
    if (found.length > 0) return found[0]!;
  }
  return undefined;
}

/** The last occurrence strictly before `atMs`. */
function previousOccurrence(schedule: ParsedSchedule, timezone: string, atMs: number): number {
  if (schedule.rateSeconds !== undefined) {
    const period = schedule.rateSeconds * 1000;
    return Math.ceil(atMs / period) * period - period;
  }
  for (let lookbackMs = 2 * DAY_MS; lookbackMs <= 16 * 366 * DAY_MS; lookbackMs *= 2) {
    const found = cronOccurrences(schedule.cron!, timezone, atMs - lookbackMs, atMs);
    if (found.length > 0) return found[found.length - 1]!;
  }
  throw dataIntervalErrors.noPreviousOccurrence(schedule.expression, new Date(atMs));
}
