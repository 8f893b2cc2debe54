/**
 * EventBridge Scheduler's recurring schedule expressions, `rate(...)` and `cron(...)`, checked as
 * Scheduler reads them, and the longest time between two runs (what the missed-run alarm waits).
 * Reference: "Schedule types on EventBridge Scheduler" in the EventBridge Scheduler user guide.
 */

/** A valid recurring schedule. */
export interface ParsedSchedule {
  readonly expression: string;
  /** The longest time between two consecutive runs, in seconds; Infinity when it runs less than twice a year. */
  readonly longestGapSeconds: number;
  /** For `rate(...)`: the period, in seconds. */
  readonly rateSeconds?: number;
  /** For `cron(...)`: its parsed fields. */
  readonly cron?: Cron;
}

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const UNIT_SECONDS: Readonly<Record<string, number>> = { minute: 60, hour: 3_600, day: 86_400 };

/** Parses a schedule expression; returns the reason instead when Scheduler would refuse it. */
export function parseScheduleExpression(expression: string): ParsedSchedule | string {
  if (typeof expression !== 'string') return 'it is not text';
  if (expression.startsWith('at(')) return 'an at() expression runs once, and a pipeline schedule recurs';
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2]!;
    const singular = unit.replace(/s$/, '');
    if (value < 1) return 'a rate is at least 1';
    if ((value === 1) !== (unit === singular)) {
      return `write "rate(${value} ${value === 1 ? singular : `${singular}s`})": the unit is singular for 1 and plural above`;
    }
    const seconds = value * UNIT_SECONDS[singular]!;
    return { expression, longestGapSeconds: seconds, rateSeconds: seconds };
  }
  if (expression.startsWith('rate(')) return 'a rate is a whole number followed by minute(s), hour(s) or day(s)';
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (!cron) return 'it is neither rate(...) nor cron(...)';
  const parsed = parseCron(cron[1]!);
  if (typeof parsed === 'string') return parsed;
  return { expression, longestGapSeconds: longestGapMinutes(parsed) * 60, cron: parsed };
}

/** Whether Scheduler accepts this time zone: an IANA name the runtime knows. */
export function isTimeZone(timezone: string): boolean {
  if (typeof timezone !== 'string' || !/^[A-Za-z][A-Za-z_]*(\/[A-Za-z0-9_+-]+)*$/.test(timezone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MINUTES: FieldSpec = { name: 'minutes', min: 0, max: 59 };
const HOURS: FieldSpec = { name: 'hours', min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = {
  name: 'month', min: 1, max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
const DAY_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 1, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] };
const YEAR: FieldSpec = { name: 'year', min: 1970, max: 2199 };

/** Which days a cron expression runs on: year, month 1-12, day 1-31. */
export type DayMatcher = (year: number, month: number, day: number) => boolean;

/** A parsed cron expression: the fields as sets, and a predicate for the days it runs on. */
export interface Cron {
  /** Minutes of the hour it runs at, ascending. */
  readonly minutes: readonly number[];
  /** Hours of the day it runs at, ascending. */
  readonly hours: readonly number[];
  /** Months it runs in (1-12), ascending. */
  readonly months: readonly number[];
  /** Years it runs in, ascending. */
  readonly years: readonly number[];
  /** Which of day-of-month and day-of-week carries the days (the other is `?`), and its text. */
  readonly days: { readonly field: 'day-of-month' | 'day-of-week'; readonly text: string };
  /** Whether it runs on this local calendar day. */
  readonly matchesDay: DayMatcher;
}

/** Parses the six fields inside `cron(...)`; returns the reason instead when Scheduler would refuse them. */
export function parseCron(body: string): Cron | string {
  const fields = body.split(' ');
  if (fields.length !== 6 || fields.some((f) => f === '')) {
    return `cron takes 6 fields separated by single spaces (minutes hours day-of-month month day-of-week year), and this has ${fields.filter((f) => f !== '').length}`;
  }
  const [minuteText, hourText, domText, monthText, dowText, yearText] = fields as [string, string, string, string, string, string];
  const minutes = parseList(minuteText, MINUTES);
  if (typeof minutes === 'string') return minutes;
  const hours = parseList(hourText, HOURS);
  if (typeof hours === 'string') return hours;
  const months = parseList(monthText, MONTH);
  if (typeof months === 'string') return months;
  const years = parseList(yearText, YEAR);
  if (typeof years === 'string') return years;
  if ((domText === '?') === (dowText === '?')) {
    return 'exactly one of day-of-month and day-of-week must be "?" (Scheduler does not combine them)';
  }
  const day = domText === '?' ? parseDayOfWeek(dowText) : parseDayOfMonth(domText);
  if (typeof day === 'string') return day;
  const ascending = (values: Set<number>) => [...values].sort((a, b) => a - b);
  return {
    minutes: ascending(minutes),
    hours: ascending(hours),
    months: ascending(months),
    years: ascending(years),
    days: domText === '?' ? { field: 'day-of-week', text: dowText } : { field: 'day-of-month', text: domText },
    matchesDay: (year, month, dayOfMonth) => years.has(year) && months.has(month) && day(year, month, dayOfMonth),
  };
}

function parseValue(text: string, spec: FieldSpec): number | string {
  const byName = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = byName >= 0 ? byName + spec.min : /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(value)) return `${spec.name}: "${text}" is not a value`;
  if (value < spec.min || value > spec.max) return `${spec.name}: ${text} is outside ${spec.min}-${spec.max}`;
  return value;
}

/** `*`, `a`, `a-b`, each optionally `/step`, separated by commas. */
function parseList(text: string, spec: FieldSpec): Set<number> | string {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const match = /^(\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/(\d+))?$/.exec(item);
    if (!match) return `${spec.name}: "${item}" is not a value, range, list or step`;
    const [, base, stepText] = match as unknown as [string, string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) return `${spec.name}: the step in "${item}" must be at least 1`;
    let from = spec.min;
    let to = spec.max;
    if (base !== '*') {
      const [first, last] = base.split('-') as [string, string | undefined];
      const a = parseValue(first, spec);
      if (typeof a === 'string') return a;
      const b = last === undefined ? (stepText === undefined ? a : spec.max) : parseValue(last, spec);
      if (typeof b === 'string') return b;
      if (a > b) return `${spec.name}: the range "${base}" runs backwards`;
      [from, to] = [a, b];
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday ... 7 = Saturday, as cron counts. */
function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function isWeekday(year: number, month: number, day: number): boolean {
  const d = weekday(year, month, day);
  return d !== 1 && d !== 7;
}

/** The weekday nearest to `day` inside its month (cron's `nW`). */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  const target = Math.min(day, last);
  if (isWeekday(year, month, target)) return target;
  const d = weekday(year, month, target);
  if (d === 7) return target === 1 ? 3 : target - 1; // Saturday: Friday before, or Monday after on the 1st
  return target === last ? target - 2 : target + 1; // Sunday: Monday after, or Friday before on the last day
}

function parseDayOfMonth(text: string): DayMatcher | string {
  if (text === 'L') return (y, m, d) => d === daysInMonth(y, m);
  if (text === 'LW') {
    return (y, m, d) => {
      let last = daysInMonth(y, m);
      while (!isWeekday(y, m, last)) last -= 1;
      return d === last;
    };
  }
  const nearest = /^(\d{1,2})W$/.exec(text);
  if (nearest) {
    const target = parseValue(nearest[1]!, DAY_OF_MONTH);
    if (typeof target === 'string') return target;
    return (y, m, d) => d === nearestWeekday(y, m, target);
  }
  if (/[LW#]/.test(text)) return `day-of-month: "${text}" is not a value, L, LW or nW`;
  const days = parseList(text, DAY_OF_MONTH);
  if (typeof days === 'string') return days;
  return (_y, _m, d) => days.has(d);
}

function parseDayOfWeek(text: string): DayMatcher | string {
  if (text === 'L') return (y, m, d) => weekday(y, m, d) === 7;
  const last = /^([0-9A-Za-z]+)L$/.exec(text);
  if (last) {
    const target = parseValue(last[1]!, DAY_OF_WEEK);
    if (typeof target === 'string') return target;
    return (y, m, d) => weekday(y, m, d) === target && d + 7 > daysInMonth(y, m);
  }
  const nth = /^([0-9A-Za-z]+)#(\d)$/.exec(text);
  if (nth) {
    const target = parseValue(nth[1]!, DAY_OF_WEEK);
    if (typeof target === 'string') return target;
    const n = Number(nth[2]);
    if (n < 1 || n > 5) return `day-of-week: "${text}" asks for occurrence ${n}; a month has occurrences 1 to 5`;
    return (y, m, d) => weekday(y, m, d) === target && Math.ceil(d / 7) === n;
  }
  if (/[LW#]/.test(text)) return `day-of-week: "${text}" is not a value, L, nL or n#k`;
  const days = parseList(text, DAY_OF_WEEK);
  if (typeof days === 'string') return days;
  return (y, m, d) => days.has(weekday(y, m, d));
}

/** From a fixed start, so that synth is reproducible; long enough to see monthly and leap-year patterns. */
const WINDOW_START = Date.UTC(2025, 0, 1);
const WINDOW_DAYS = 400;

/**
 * The longest gap between consecutive runs over the window, in minutes, in the schedule's own
 * wall-clock time (a daylight-saving change moves it by an hour at most).
 */
function longestGapMinutes(cron: Cron): number {
  let previous: number | undefined;
  let longest = 0;
  for (let dayIndex = 0; dayIndex < WINDOW_DAYS; dayIndex += 1) {
    const date = new Date(WINDOW_START + dayIndex * 86_400_000);
    if (!cron.matchesDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())) continue;
    for (const hour of cron.hours) {
      for (const minute of cron.minutes) {
        const at = dayIndex * 1_440 + hour * 60 + minute;
        if (previous !== undefined) longest = Math.max(longest, at - previous);
        previous = at;
      }
    }
  }
  return longest === 0 ? Infinity : longest;
}
