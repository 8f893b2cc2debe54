/**
 * AWS Copilot's schedule forms (a Scheduled Job's `on.schedule`) as EventBridge Scheduler reads
 * them. Copilot accepts: `rate(...)` and `cron(...)` as they are, the predefined schedules
 * (`@hourly`, `@daily`/`@midnight`, `@weekly`, `@monthly`, `@yearly`/`@annually`, at 00:00 UTC),
 * `@every <duration>` (Go's duration syntax, whole minutes), standard five-field cron (day of week
 * 0-6 from Sunday), and `none` (the job never runs by itself).
 */

/** A Copilot schedule translated, refused with the reason, or `none`. */
export type CopilotSchedule = { readonly expression: string } | { readonly problem: string } | 'none';

/** Copilot's predefined schedules, as Copilot itself writes them for EventBridge (UTC). */
const PREDEFINED: Readonly<Record<string, string>> = {
  '@hourly': 'cron(0 * * * ? *)',
  '@daily': 'cron(0 0 * * ? *)',
  '@midnight': 'cron(0 0 * * ? *)',
  '@weekly': 'cron(0 0 ? * 1 *)',
  '@monthly': 'cron(0 0 1 * ? *)',
  '@yearly': 'cron(0 0 1 1 ? *)',
  '@annually': 'cron(0 0 1 1 ? *)',
};

const EVERY = /^@every\s+(.+)$/;
const MINUTE_MS = 60_000;

export function translateCopilotSchedule(schedule: string): CopilotSchedule {
  const text = schedule.trim();
  if (text === 'none') return 'none';
  if (/^(rate|cron)\(.*\)$/.test(text)) return { expression: text };
  const predefined = PREDEFINED[text];
  if (predefined) return { expression: predefined };
  const every = EVERY.exec(text);
  if (every) return everyToRate(every[1]!.trim());
  if (text.startsWith('@')) return { problem: `Copilot's predefined schedules are ${Object.keys(PREDEFINED).join(', ')} and "@every <duration>"` };
  const fields = text.split(/\s+/);
  if (fields.length === 5) return standardCronToEventBridge(fields);
  if (fields.length === 6) return { problem: 'six fields without cron(...): write it as cron(minutes hours day-of-month month day-of-week year)' };
  return { problem: 'it is neither a predefined schedule, "@every <duration>", a five-field cron, rate(...), cron(...) nor "none"' };
}

/** `@every 1h30m` as a rate in the largest whole unit: `rate(90 minutes)`, `rate(2 hours)`, `rate(1 day)`. */
function everyToRate(duration: string): CopilotSchedule {
  const ms = parseGoDuration(duration);
  if (typeof ms === 'string') return { problem: ms };
  if (ms < MINUTE_MS) return { problem: 'EventBridge Scheduler runs a rate at most once a minute' };
  if (ms % MINUTE_MS !== 0) return { problem: 'EventBridge Scheduler rates are whole minutes' };
  const minutes = ms / MINUTE_MS;
  const [value, unit] = minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return { expression: `rate(${value} ${value === 1 ? unit : `${unit}s`})` };
}

const GO_UNITS_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * A Go duration (`1h30m`, `90s`, `1.5h`) in milliseconds, as Copilot reads `@every` and `timeout`;
 * a sentence saying what is wrong otherwise.
 */
export function parseGoDuration(text: string): number | string {
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  if (text.length === 0) return 'it is empty';
  while (at < text.length) {
    part.lastIndex = at;
    const match = part.exec(text);
    if (!match) return `"${text}" is not a duration (a number and a unit, h, m or s, as in 1h30m)`;
    total += Number(match[1]) * GO_UNITS_MS[match[2]!]!;
    at = part.lastIndex;
  }
  return Math.round(total * 1e6) / 1e6;
}

const UNRESTRICTED = new Set(['*', '?']);
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * Standard cron (`minute hour day-of-month month day-of-week`, days of week 0-6 from Sunday) as
 * EventBridge's six fields: `?` in whichever day field is unrestricted, days of week 1-7 from
 * Sunday, any year. Both day fields restricted is refused: standard cron runs when either matches,
 * which EventBridge cannot say.
 */
function standardCronToEventBridge(fields: string[]): CopilotSchedule {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  const domFree = UNRESTRICTED.has(dayOfMonth);
  const dowFree = UNRESTRICTED.has(dayOfWeek);
  if (!domFree && !dowFree) {
    return { problem: 'it restricts both the day of the month and the day of the week (standard cron runs when either matches; EventBridge takes one of them)' };
  }
  let days: [string, string];
  if (dowFree) days = [domFree ? '*' : dayOfMonth, '?'];
  else {
    const converted = dayOfWeekToEventBridge(dayOfWeek);
    if (typeof converted !== 'string') return converted;
    days = ['?', converted];
  }
  return { expression: `cron(${minute} ${hour} ${days[0]} ${month} ${days[1]} *)` };
}

/** Day-of-week numbers from 0-6 (Sunday 0 or 7) to EventBridge's 1-7 (Sunday 1); names kept, in capitals. */
function dayOfWeekToEventBridge(field: string): string | { problem: string } {
  const day = (token: string): string | undefined => {
    if (/^\d+$/.test(token)) {
      const n = Number(token);
      return n >= 0 && n <= 7 ? String((n % 7) + 1) : undefined;
    }
    const name = token.toUpperCase();
    return DAY_NAMES.includes(name) ? name : undefined;
  };
  const items: string[] = [];
  for (const item of field.split(',')) {
    const [range, step] = item.split('/') as [string, string | undefined];
    let converted: string | undefined;
    if (range === '*') converted = '*';
    else if (range.includes('-')) {
      const [from, to] = range.split('-').map(day);
      converted = from && to ? `${from}-${to}` : undefined;
      if (converted && /^\d/.test(from!) && Number(from) > Number(to)) converted = undefined;
    } else converted = day(range);
    if (converted === undefined || (step !== undefined && !/^\d+$/.test(step))) {
      return { problem: `day-of-week "${field}" is not 0-7, SUN-SAT, a range, a list or a step of them` };
    }
    items.push(step === undefined ? converted : `${converted}/${step}`);
  }
  return items.join(',');
}
