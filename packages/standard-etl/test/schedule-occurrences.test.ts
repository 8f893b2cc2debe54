import { nextOccurrence, occurrencesBetween } from '../src/schedule-occurrences';

describe('schedule occurrences', () => {
  test('nextOccurrence - hourly cron at minute 5 in UTC: the next :05, strictly after', () => {
    expect(nextOccurrence('cron(5 * * * ? *)', 'UTC', new Date('2026-12-01T10:04:00Z'))?.toISOString()).toBe('2026-12-01T10:05:00.000Z');
    expect(nextOccurrence('cron(5 * * * ? *)', 'UTC', new Date('2026-12-01T10:05:00Z'))?.toISOString()).toBe('2026-12-01T11:05:00.000Z');
  });

  test('nextOccurrence - a daily cron in a time zone follows its wall clock across daylight saving', () => {
    // 02:30 in Paris: 01:30 UTC in winter, 00:30 UTC in summer (DST from 2026-03-29).
    expect(nextOccurrence('cron(30 2 * * ? *)', 'Europe/Paris', new Date('2026-03-27T12:00:00Z'))?.toISOString()).toBe('2026-03-28T01:30:00.000Z');
    expect(nextOccurrence('cron(30 3 * * ? *)', 'Europe/Paris', new Date('2026-03-30T12:00:00Z'))?.toISOString()).toBe('2026-03-31T01:30:00.000Z');
  });

  test('nextOccurrence - weekdays only and the last day of the month', () => {
    expect(nextOccurrence('cron(0 9 ? * MON-FRI *)', 'UTC', new Date('2026-12-04T10:00:00Z'))?.toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(nextOccurrence('cron(0 0 L * ? *)', 'UTC', new Date('2026-02-02T00:00:00Z'))?.toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });

  test('nextOccurrence - rate counts periods from its start', () => {
    const start = new Date('2026-12-01T10:20:00Z');
    expect(nextOccurrence('rate(1 hour)', 'UTC', new Date('2026-12-01T12:00:00Z'), start)?.toISOString()).toBe('2026-12-01T12:20:00.000Z');
    expect(nextOccurrence('rate(15 minutes)', 'UTC', new Date('2026-12-01T12:00:00Z'))?.toISOString()).toBe('2026-12-01T12:15:00.000Z');
  });

  test('nextOccurrence - undefined for what is not a recurring schedule, or a year that has passed', () => {
    expect(nextOccurrence('at(2026-12-01T10:00:00)', 'UTC', new Date('2026-01-01T00:00:00Z'))).toBeUndefined();
    expect(nextOccurrence('cron(0 0 1 1 ? 2020)', 'UTC', new Date('2026-01-01T00:00:00Z'))).toBeUndefined();
  });

  test('occurrencesBetween - every firing in (from, to], oldest first', () => {
    expect(occurrencesBetween('cron(5 * * * ? *)', 'UTC', new Date('2026-12-01T09:05:00Z'), new Date('2026-12-01T11:05:00Z')).map((d) => d.toISOString())).toEqual([
      '2026-12-01T10:05:00.000Z',
      '2026-12-01T11:05:00.000Z',
    ]);
  });
});
