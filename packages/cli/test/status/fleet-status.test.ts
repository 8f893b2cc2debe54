import { lastIntervals } from '../../src/status/fleet-status';

describe('lastIntervals', () => {
  const NOW = Date.parse('2026-12-01T12:30:00Z');

  test('lastIntervals - the last intervals of a schedule that ended by now, oldest first', () => {
    expect(lastIntervals({ expression: 'cron(5 * * * ? *)', timezone: 'UTC' }, 3, NOW)).toEqual([
      { start: '2026-12-01T09:05:00Z', end: '2026-12-01T10:05:00Z' },
      { start: '2026-12-01T10:05:00Z', end: '2026-12-01T11:05:00Z' },
      { start: '2026-12-01T11:05:00Z', end: '2026-12-01T12:05:00Z' },
    ]);
  });

  test('lastIntervals - a daily cron in a time zone, across a daylight-saving change, as the scheduled runs cut them: 01:30 of 29 March 2026 does not exist in London, so that day has no run', () => {
    const intervals = lastIntervals({ expression: 'cron(30 1 * * ? *)', timezone: 'Europe/London' }, 3, Date.parse('2026-03-31T12:00:00Z'));
    expect(intervals).toEqual([
      { start: '2026-03-27T01:30:00Z', end: '2026-03-28T01:30:00Z' },
      { start: '2026-03-28T01:30:00Z', end: '2026-03-30T00:30:00Z' },
      { start: '2026-03-30T00:30:00Z', end: '2026-03-31T00:30:00Z' },
    ]);
  });

  test('lastIntervals - none for an expression that is not a schedule', () => {
    expect(lastIntervals({ expression: 'every hour', timezone: 'UTC' }, 3, NOW)).toEqual([]);
  });
});
