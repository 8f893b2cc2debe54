import jsonata from 'jsonata';
import { scheduleIntervals, utcOffsetMs } from '../src/data-interval';
import { scheduleJsonata } from '../src/schedule-jsonata';

/** Evaluates the generated expression as Step Functions would, for one scheduled time. */
async function interval(expression: string, timezone: string, scheduledMs: number): Promise<{ start: number; end: number }> {
  const generated = scheduleJsonata(expression, timezone);
  if ('refusal' in generated) throw new Error(generated.refusal);
  return (await jsonata(generated.jsonata).evaluate({}, { t: scheduledMs })) as { start: number; end: number };
}

/**
 * The intervals of a year, computed both ways: every one of them, or for schedules that run more
 * than daily, every one within three days of an offset change and the first of each day otherwise.
 */
async function compareOverYear(expression: string, timezone: string, year = 2026): Promise<number> {
  const expected = scheduleIntervals(expression, timezone, new Date(Date.UTC(year, 0, 1)), new Date(Date.UTC(year + 1, 0, 1)));
  const generated = scheduleJsonata(expression, timezone);
  if ('refusal' in generated) throw new Error(generated.refusal);
  const compiled = jsonata(generated.jsonata);
  const nearChange = (ms: number) => [-3, 3].some((days) => utcOffsetMs(timezone, ms) !== utcOffsetMs(timezone, ms + days * 86_400_000));
  const sampled = expected.length <= 400 ? expected : expected.filter(({ end }, i) => nearChange(end.getTime()) || expected[i - 1]?.end.getUTCDate() !== end.getUTCDate());
  for (const { start, end } of sampled) {
    // Scheduler's scheduled time is the occurrence; a few seconds late changes nothing.
    const got = (await compiled.evaluate({}, { t: end.getTime() + 7_000 })) as { start: number; end: number };
    expect({ expression, start: new Date(got.start).toISOString(), end: new Date(got.end).toISOString() }).toEqual({
      expression,
      start: start.toISOString(),
      end: end.toISOString(),
    });
  }
  return expected.length;
}

describe('scheduleJsonata', () => {
  test('scheduleJsonata - rate: the aligned period before the scheduled time', async () => {
    expect(await interval('rate(1 hour)', 'UTC', Date.parse('2026-12-01T10:00:20Z'))).toEqual({
      start: Date.parse('2026-12-01T09:00:00Z'),
      end: Date.parse('2026-12-01T10:00:00Z'),
    });
  });

  test('scheduleJsonata - hourly cron in UTC agrees with scheduleIntervals over a year', async () => {
    expect(await compareOverYear('cron(5 * * * ? *)', 'UTC')).toBe(8760);
  });

  test('scheduleJsonata - hourly cron in Europe/London agrees across both DST changes', async () => {
    // 8760 local hours, less the one skipped in March; the one repeated in October runs once.
    expect(await compareOverYear('cron(0 * * * ? *)', 'Europe/London')).toBe(8759);
  });

  test('scheduleJsonata - daily in the skipped and repeated hours of Europe/London', async () => {
    expect(await compareOverYear('cron(30 1 * * ? *)', 'Europe/London')).toBe(364);
    expect(await compareOverYear('cron(30 2 * * ? *)', 'Europe/London')).toBe(365);
  });

  test('scheduleJsonata - weekdays, monthly forms and steps in America/New_York', async () => {
    await compareOverYear('cron(0 9 ? * MON-FRI *)', 'America/New_York');
    await compareOverYear('cron(0 12 L * ? *)', 'America/New_York');
    await compareOverYear('cron(0 8 ? * 2#1 *)', 'America/New_York');
    await compareOverYear('cron(15 2 ? * 6L *)', 'America/New_York');
    await compareOverYear('cron(0/20 1-3 1,15 * ? *)', 'America/New_York');
  });

  test('scheduleJsonata - a leap day schedule, in a zone without DST', async () => {
    expect(await compareOverYear('cron(0 0 29 2 ? *)', 'Asia/Kolkata', 2028)).toBe(1);
  });

  test('scheduleJsonata - refuses the nearest-weekday form', () => {
    expect(scheduleJsonata('cron(0 9 15W * ? *)', 'UTC')).toEqual({
      refusal: 'cannot: the nearest-weekday form "15W" of day-of-month is not computed by the trigger; list the days instead',
    });
  });

  test('scheduleJsonata - fails, never computes wrong, after the years it covers', async () => {
    await expect(interval('cron(0 * * * ? *)', 'UTC', Date.parse('2047-01-01T10:00:00Z'))).rejects.toMatchObject({
      message: expect.stringContaining('is outside the years 2025-2045 this trigger covers; deploy the pipeline again to extend them'),
    });
  });

  test('scheduleJsonata - one line, which asl-validator accepts in a definition', () => {
    const generated = scheduleJsonata('cron(0 9 ? * MON-FRI *)', 'America/New_York');
    if ('refusal' in generated) throw new Error(generated.refusal);
    expect(generated.jsonata).not.toMatch(/[\r\n]/);
  });
});
