/**
 * When a recurring schedule fires, as EventBridge Scheduler reads it: `cron(...)` in its time zone
 * (wall-clock time, so a daylight-saving change moves the UTC instant), `rate(...)` every fixed
 * period. Pure functions of their arguments: no clock inside.
 */
import { parseCron, type Cron } from './schedule-expression';

const MINUTE_MS = 60_000;
const RATE = /^rate\((\d+) (minute|hour|day)s?\)$/;
const RATE_UNIT_MS: Readonly<Record<string, number>> = { minute: MINUTE_MS, hour: 60 * MINUTE_MS, day: 24 * 60 * MINUTE_MS };
/** How far ahead a cron occurrence is looked for (a schedule that fires less than once in 5 years has none). */
const HORIZON_MS = 5 * 366 * 24 * 60 * MINUTE_MS;

/** The offset of `timezone` from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetMs(timezone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return wall - Math.floor(instant / MINUTE_MS) * MINUTE_MS;
}

/** The first minute strictly after `after` that the cron matches, in `timezone`. */
function nextCron(cron: Cron, timezone: string, after: number): number | undefined {
  let t = Math.floor(after / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const end = after + HORIZON_MS;
  while (t <= end) {
    const offset = offsetMs(timezone, t);
    const local = new Date(t + offset);
    const [y, m, d, h, mi] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), local.getUTCHours(), local.getUTCMinutes()];
    if (!cron.matchesDay(y, m, d)) {
      t += (24 * 60 - (h * 60 + mi)) * MINUTE_MS; // the next local midnight
    } else if (!cron.hours.includes(h)) {
      t += (60 - mi) * MINUTE_MS; // the next local hour
    } else if (!cron.minutes.includes(mi)) {
      const next = cron.minutes.find((minute) => minute > mi);
      t += ((next ?? 60) - mi) * MINUTE_MS;
    } else {
      return t;
    }
  }
  return undefined;
}

/**
 * The first time strictly after `after` that the schedule fires. A `rate(...)` schedule counts its
 * periods from `rateStart` (when the schedule was created, or any earlier run of it); without one,
 * from the Unix epoch, which is exact for periods dividing a day only in UTC.
 * Returns undefined for an expression that is not a recurring schedule, or one that does not fire in
 * the next five years.
 */
export function nextOccurrence(expression: string, timezone: string, after: Date, rateStart = new Date(0)): Date | undefined {
  const rate = RATE.exec(expression);
  if (rate) {
    const period = Number(rate[1]) * RATE_UNIT_MS[rate[2]!]!;
    const start = rateStart.getTime();
    const periods = Math.floor((after.getTime() - start) / period) + 1;
    return new Date(start + periods * period);
  }
  const body = /^cron\((.*)\)$/.exec(expression)?.[1];
  if (body === undefined) return undefined;
  const cron = parseCron(body);
  if (typeof cron === 'string') return undefined;
  const next = nextCron(cron, timezone, after.getTime());
  return next === undefined ? undefined : new Date(next);
}

/** Every time the schedule fires in (from, to], oldest first. */
export function occurrencesBetween(expression: string, timezone: string, from: Date, to: Date, rateStart?: Date): Date[] {
  const found: Date[] = [];
  for (let t = nextOccurrence(expression, timezone, from, rateStart); t && t.getTime() <= to.getTime(); t = nextOccurrence(expression, timezone, t, rateStart)) {
    found.push(t);
  }
  return found;
}
