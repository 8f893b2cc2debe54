import { nextScheduled, shortTime } from '../../src/status/next-run';

describe('nextScheduled', () => {
  test('nextScheduled - the next occurrence after now, with the platform\'s own rules', () => {
    expect(nextScheduled('cron(5 * * * ? *)', 'UTC', new Date('2026-12-01T12:30:00Z'))?.toISOString()).toBe('2026-12-01T13:05:00.000Z');
    expect(nextScheduled('rate(6 hours)', 'UTC', new Date('2026-12-01T12:30:00Z'))?.toISOString()).toBe('2026-12-01T18:00:00.000Z');
    expect(nextScheduled('not a schedule', 'UTC', new Date('2026-12-01T12:30:00Z'))).toBeUndefined();
  });

  test('shortTime - minutes and the zone, for tables', () => {
    expect(shortTime('2026-12-01T10:00:00.000Z')).toBe('2026-12-01 10:00Z');
  });
});
