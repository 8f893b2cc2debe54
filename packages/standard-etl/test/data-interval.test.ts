import {
  currentInterval,
  DataInterval,
  executionName,
  formatCompactTime,
  formatIntervalTime,
  intervalInput,
  intervalsStartingIn,
  parseCompactTime,
  parseExecutionName,
  scheduleIntervals,
  utcOffsetMs,
} from '../src/data-interval';

const at = (iso: string) => new Date(iso);
const interval = (start: string, end: string): DataInterval => ({ start: at(start), end: at(end) });
const show = (intervals: readonly DataInterval[]) => intervals.map((i) => `${i.start.toISOString()} ${i.end.toISOString()}`);

describe('formatCompactTime', () => {
  test('formatCompactTime - writes YYYYMMDDTHHMMZ in UTC', () => {
    expect(formatCompactTime(at('2026-12-01T10:00:00Z'))).toBe('20261201T1000Z');
    expect(formatCompactTime(at('2026-03-29T01:05:00+02:00'))).toBe('20260328T2305Z');
  });

  test('parseCompactTime - reads it back, and refuses impossible dates', () => {
    expect(parseCompactTime('20261201T1000Z')).toEqual(at('2026-12-01T10:00:00Z'));
    expect(parseCompactTime('20260230T1000Z')).toBeUndefined();
    expect(parseCompactTime('2026-12-01T10:00Z')).toBeUndefined();
  });

  test('formatIntervalTime - writes the environment variables form', () => {
    expect(formatIntervalTime(at('2026-12-01T10:00:00.000Z'))).toBe('2026-12-01T10:00:00Z');
    expect(intervalInput(interval('2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z'))).toEqual({
      start: '2026-12-01T10:00:00Z',
      end: '2026-12-01T11:00:00Z',
    });
  });
});

describe('executionName', () => {
  const hour = interval('2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z');

  test('executionName - kind, start and end, with an optional suffix', () => {
    expect(executionName('schedule', hour)).toBe('schedule-20261201T1000Z-20261201T1100Z');
    expect(executionName('manual', hour, '3fa9c1')).toBe('manual-20261201T1000Z-20261201T1100Z-3fa9c1');
    expect(executionName('backfill', interval('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'), '1')).toBe(
      'backfill-20261101T0000Z-20261102T0000Z-1',
    );
  });

  test('parseExecutionName - reads every name executionName writes', () => {
    expect(parseExecutionName('manual-20261201T1000Z-20261201T1100Z-3fa9c1')).toEqual({ kind: 'manual', interval: hour, suffix: '3fa9c1' });
    expect(parseExecutionName('data-20261201T1000Z-20261201T1100Z')).toEqual({ kind: 'data', interval: hour });
    for (const kind of ['schedule', 'after', 'data', 'manual', 'backfill'] as const) {
      expect(parseExecutionName(executionName(kind, hour, '7'))).toEqual({ kind, interval: hour, suffix: '7' });
    }
  });

  test('parseExecutionName - undefined for names it did not write', () => {
    expect(parseExecutionName('4f2c6a0e-1b7d-4c39-9f0e-2d8f0c1a9b3e')).toBeUndefined();
    expect(parseExecutionName('cron-20261201T1000Z-20261201T1100Z')).toBeUndefined();
    expect(parseExecutionName('manual-20261201T1100Z-20261201T1000Z')).toBeUndefined();
    expect(parseExecutionName('manual-20261201T1000Z-20261201T1100Z-a:b')).toBeUndefined();
  });

  test('executionName - throws on an interval that ends before it starts', () => {
    expect(() => executionName('manual', interval('2026-12-01T11:00:00Z', '2026-12-01T10:00:00Z'))).toThrow(
      'data interval start 2026-12-01T11:00:00.000Z, end 2026-12-01T10:00:00.000Z is not an interval; start must be a valid time earlier than end.',
    );
  });

  test('executionName - throws on an interval with seconds', () => {
    expect(() => executionName('manual', interval('2026-12-01T10:00:30Z', '2026-12-01T11:00:00Z'))).toThrow(
      'data interval start 2026-12-01T10:00:30.000Z, end 2026-12-01T11:00:00.000Z has seconds; run names hold whole minutes, so both ends must fall on a minute.',
    );
  });

  test('executionName - throws on a suffix that would break the name', () => {
    expect(() => executionName('schedule', hour, 'a b')).toThrow(
      'execution name suffix "a b" is not allowed; a suffix is 1 to 41 letters or digits (execution names are at most 80 characters).',
    );
    expect(() => executionName('schedule', hour, 'x'.repeat(42))).toThrow('a suffix is 1 to 41 letters or digits');
    expect(executionName('schedule', hour, 'x'.repeat(41))).toHaveLength(80);
  });
});

describe('scheduleIntervals', () => {
  test('scheduleIntervals - an hourly cron gives the hours whose end is in the range', () => {
    expect(show(scheduleIntervals('cron(5 * * * ? *)', 'UTC', at('2026-12-01T10:00:00Z'), at('2026-12-01T13:00:00Z')))).toEqual([
      '2026-12-01T09:05:00.000Z 2026-12-01T10:05:00.000Z',
      '2026-12-01T10:05:00.000Z 2026-12-01T11:05:00.000Z',
      '2026-12-01T11:05:00.000Z 2026-12-01T12:05:00.000Z',
    ]);
  });

  test('scheduleIntervals - an end equal to "to" is left out, an end equal to "from" is in', () => {
    expect(show(scheduleIntervals('cron(0 0 * * ? *)', 'UTC', at('2026-11-01T00:00:00Z'), at('2026-11-03T00:00:00Z')))).toEqual([
      '2026-10-31T00:00:00.000Z 2026-11-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z 2026-11-02T00:00:00.000Z',
    ]);
  });

  test('scheduleIntervals - rate periods are aligned on the epoch', () => {
    expect(show(scheduleIntervals('rate(6 hours)', 'Europe/London', at('2026-12-01T05:00:00Z'), at('2026-12-01T13:00:00Z')))).toEqual([
      '2026-12-01T00:00:00.000Z 2026-12-01T06:00:00.000Z',
      '2026-12-01T06:00:00.000Z 2026-12-01T12:00:00.000Z',
    ]);
    expect(show(scheduleIntervals('rate(15 minutes)', 'UTC', at('2026-12-01T10:07:00Z'), at('2026-12-01T10:31:00Z')))).toEqual([
      '2026-12-01T10:00:00.000Z 2026-12-01T10:15:00.000Z',
      '2026-12-01T10:15:00.000Z 2026-12-01T10:30:00.000Z',
    ]);
  });

  test('scheduleIntervals - a weekday cron spans the weekend in one interval', () => {
    expect(show(scheduleIntervals('cron(0 9 ? * MON-FRI *)', 'UTC', at('2026-12-07T00:00:00Z'), at('2026-12-09T00:00:00Z')))).toEqual([
      '2026-12-04T09:00:00.000Z 2026-12-07T09:00:00.000Z',
      '2026-12-07T09:00:00.000Z 2026-12-08T09:00:00.000Z',
    ]);
  });

  test('scheduleIntervals - Europe/London daily at 01:30 loses the run of the spring-forward day', () => {
    // 2026-03-29 01:00 GMT jumps to 02:00 BST: 01:30 local does not exist that day.
    expect(show(scheduleIntervals('cron(30 1 * * ? *)', 'Europe/London', at('2026-03-28T00:00:00Z'), at('2026-03-31T00:00:00Z')))).toEqual([
      '2026-03-27T01:30:00.000Z 2026-03-28T01:30:00.000Z',
      '2026-03-28T01:30:00.000Z 2026-03-30T00:30:00.000Z',
    ]);
    // 02:30 local exists that day (as 01:30Z): it runs.
    expect(scheduleIntervals('cron(30 2 * * ? *)', 'Europe/London', at('2026-03-29T00:00:00Z'), at('2026-03-30T00:00:00Z')).map((i) => i.end)).toEqual([
      at('2026-03-29T01:30:00Z'),
    ]);
  });

  test('scheduleIntervals - Europe/London daily at 01:30 runs once on the fall-back day, at the first 01:30', () => {
    // 2026-10-25 02:00 BST falls back to 01:00 GMT: 01:30 local happens at 00:30Z and again at 01:30Z.
    expect(show(scheduleIntervals('cron(30 1 * * ? *)', 'Europe/London', at('2026-10-24T12:00:00Z'), at('2026-10-27T00:00:00Z')))).toEqual([
      '2026-10-24T00:30:00.000Z 2026-10-25T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z 2026-10-26T01:30:00.000Z',
    ]);
  });

  test('scheduleIntervals - Europe/London hourly: 23 intervals on the spring-forward day, 24 on the fall-back day', () => {
    const spring = scheduleIntervals('cron(0 * * * ? *)', 'Europe/London', at('2026-03-29T00:00:00Z'), at('2026-03-29T23:00:00Z'));
    expect(spring).toHaveLength(23);
    expect(spring.every((i) => i.end.getTime() - i.start.getTime() === 3_600_000)).toBe(true);
    // 01:00 local happens twice (00:00Z and 01:00Z) and runs once: the interval after it lasts two hours.
    const fall = scheduleIntervals('cron(0 * * * ? *)', 'Europe/London', at('2026-10-24T23:00:00Z'), at('2026-10-26T00:00:00Z'));
    expect(fall).toHaveLength(24);
    expect(show(fall.filter((i) => i.end.getTime() - i.start.getTime() !== 3_600_000))).toEqual([
      '2026-10-25T00:00:00.000Z 2026-10-25T02:00:00.000Z',
    ]);
  });

  test('scheduleIntervals - day-of-month forms in a time zone', () => {
    expect(show(scheduleIntervals('cron(0 12 L * ? *)', 'America/New_York', at('2026-02-01T00:00:00Z'), at('2026-04-01T00:00:00Z')))).toEqual([
      '2026-01-31T17:00:00.000Z 2026-02-28T17:00:00.000Z',
      '2026-02-28T17:00:00.000Z 2026-03-31T16:00:00.000Z',
    ]);
  });

  test('scheduleIntervals - an empty list when no occurrence ends in the range', () => {
    expect(scheduleIntervals('cron(0 0 1 * ? *)', 'UTC', at('2026-12-02T00:00:00Z'), at('2026-12-30T00:00:00Z'))).toEqual([]);
  });

  test('scheduleIntervals - throws on an empty range', () => {
    expect(() => scheduleIntervals('rate(1 hour)', 'UTC', at('2026-12-02T00:00:00Z'), at('2026-12-01T00:00:00Z'))).toThrow(
      'the range from 2026-12-02T00:00:00.000Z to 2026-12-01T00:00:00.000Z is empty; "from" must be earlier than "to".',
    );
  });

  test('scheduleIntervals - throws on a schedule Scheduler refuses', () => {
    expect(() => scheduleIntervals('rate(1 hours)', 'UTC', at('2026-12-01T00:00:00Z'), at('2026-12-02T00:00:00Z'))).toThrow(
      'schedule "rate(1 hours)" cannot give data intervals: write "rate(1 hour)": the unit is singular for 1 and plural above.',
    );
  });

  test('scheduleIntervals - throws when the first interval has no start', () => {
    expect(() => scheduleIntervals('cron(0 0 1 1 ? 2026)', 'UTC', at('2026-01-01T00:00:00Z'), at('2026-01-02T00:00:00Z'))).toThrow(
      'schedule "cron(0 0 1 1 ? 2026)" has no occurrence in the 16 years before 2026-01-01T00:00:00.000Z, so the interval ending then has no start; use a schedule that recurs.',
    );
  });
});

describe('intervalsStartingIn', () => {
  test('intervalsStartingIn - the intervals whose start is in the range, the last one ending after it', () => {
    expect(show(intervalsStartingIn('cron(5 * * * ? *)', 'UTC', at('2026-12-01T10:00:00Z'), at('2026-12-01T12:00:00Z')))).toEqual([
      '2026-12-01T10:05:00.000Z 2026-12-01T11:05:00.000Z',
      '2026-12-01T11:05:00.000Z 2026-12-01T12:05:00.000Z',
    ]);
  });

  test('intervalsStartingIn - a start equal to "from" is in, one equal to "to" is out: ranges that follow each other tile', () => {
    const days = ['2026-11-01', '2026-11-02', '2026-11-03'].map((d) => at(`${d}T00:00:00Z`));
    const first = intervalsStartingIn('cron(0 0 * * ? *)', 'UTC', days[0]!, days[1]!);
    const second = intervalsStartingIn('cron(0 0 * * ? *)', 'UTC', days[1]!, days[2]!);
    expect(show([...first, ...second])).toEqual(['2026-11-01T00:00:00.000Z 2026-11-02T00:00:00.000Z', '2026-11-02T00:00:00.000Z 2026-11-03T00:00:00.000Z']);
  });

  test('intervalsStartingIn - rate periods aligned on the epoch; a weekday cron spans the weekend', () => {
    expect(show(intervalsStartingIn('rate(6 hours)', 'UTC', at('2026-12-01T05:00:00Z'), at('2026-12-01T13:00:00Z')))).toEqual([
      '2026-12-01T06:00:00.000Z 2026-12-01T12:00:00.000Z',
      '2026-12-01T12:00:00.000Z 2026-12-01T18:00:00.000Z',
    ]);
    expect(show(intervalsStartingIn('cron(0 9 ? * MON-FRI *)', 'UTC', at('2026-12-11T00:00:00Z'), at('2026-12-12T00:00:00Z')))).toEqual([
      '2026-12-11T09:00:00.000Z 2026-12-14T09:00:00.000Z',
    ]);
  });

  test('intervalsStartingIn - an occurrence with none after it starts no interval', () => {
    expect(intervalsStartingIn('cron(0 0 1 1 ? 2026)', 'UTC', at('2025-12-01T00:00:00Z'), at('2026-02-01T00:00:00Z'))).toEqual([]);
  });

  test('intervalsStartingIn - throws on an empty range', () => {
    expect(() => intervalsStartingIn('rate(1 hour)', 'UTC', at('2026-12-02T00:00:00Z'), at('2026-12-01T00:00:00Z'))).toThrow(
      'the range from 2026-12-02T00:00:00.000Z to 2026-12-01T00:00:00.000Z is empty; "from" must be earlier than "to".',
    );
  });
});

describe('currentInterval', () => {
  test('currentInterval - the period that ended most recently', () => {
    expect(currentInterval('cron(5 * * * ? *)', 'UTC', at('2026-12-01T10:30:00Z'))).toEqual(
      interval('2026-12-01T09:05:00Z', '2026-12-01T10:05:00Z'),
    );
    expect(currentInterval('rate(1 day)', 'UTC', at('2026-12-01T10:30:00Z'))).toEqual(
      interval('2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z'),
    );
  });

  test('currentInterval - an occurrence at now has ended', () => {
    expect(currentInterval('cron(0 * * * ? *)', 'UTC', at('2026-12-01T10:00:00Z'))).toEqual(
      interval('2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z'),
    );
  });

  test('currentInterval - in the schedule time zone', () => {
    expect(currentInterval('cron(0 2 * * ? *)', 'Europe/London', at('2026-07-01T12:00:00Z'))).toEqual(
      interval('2026-06-30T01:00:00Z', '2026-07-01T01:00:00Z'),
    );
  });
});

describe('utcOffsetMs', () => {
  test('utcOffsetMs - follows daylight saving time', () => {
    expect(utcOffsetMs('Europe/London', Date.parse('2026-01-15T12:00:00Z'))).toBe(0);
    expect(utcOffsetMs('Europe/London', Date.parse('2026-07-15T12:00:00Z'))).toBe(3_600_000);
    expect(utcOffsetMs('Asia/Kolkata', Date.parse('2026-07-15T12:00:00Z'))).toBe(19_800_000);
  });
});
