import { isTimeZone, parseScheduleExpression, runsPerMonth } from '../src/schedule-expression';

const gap = (expression: string) => {
  const parsed = parseScheduleExpression(expression);
  if (typeof parsed === 'string') throw new Error(`${expression} refused: ${parsed}`);
  return parsed.longestGapSeconds;
};

describe('parseScheduleExpression', () => {
  test('parseScheduleExpression - rate expressions give their interval', () => {
    expect(gap('rate(1 minute)')).toBe(60);
    expect(gap('rate(15 minutes)')).toBe(900);
    expect(gap('rate(1 hour)')).toBe(3600);
    expect(gap('rate(2 days)')).toBe(172800);
  });

  test('parseScheduleExpression - refuses a rate whose unit does not agree with its value', () => {
    expect(parseScheduleExpression('rate(1 hours)')).toBe('write "rate(1 hour)": the unit is singular for 1 and plural above');
    expect(parseScheduleExpression('rate(5 minute)')).toBe('write "rate(5 minutes)": the unit is singular for 1 and plural above');
    expect(parseScheduleExpression('rate(0 minutes)')).toBe('a rate is at least 1');
    expect(parseScheduleExpression('rate(1 week)')).toBe('a rate is a whole number followed by minute(s), hour(s) or day(s)');
  });

  test('parseScheduleExpression - cron gives the longest time between two runs', () => {
    expect(gap('cron(5 * * * ? *)')).toBe(3600);
    expect(gap('cron(0/15 * * * ? *)')).toBe(900);
    expect(gap('cron(30 2 * * ? *)')).toBe(86400);
    expect(gap('cron(0 6,18 * * ? *)')).toBe(12 * 3600);
    expect(gap('cron(0 9 ? * MON-FRI *)')).toBe(3 * 86400); // Friday to Monday
    expect(gap('cron(0 9 ? * 2 *)')).toBe(7 * 86400);
  });

  test('parseScheduleExpression - monthly forms: L, LW, nW, n#k, nL', () => {
    expect(gap('cron(0 12 L * ? *)')).toBe(31 * 86400);
    expect(gap('cron(0 12 LW * ? *)')).toBeGreaterThanOrEqual(28 * 86400);
    expect(gap('cron(0 9 15W * ? *)')).toBeGreaterThanOrEqual(28 * 86400);
    expect(gap('cron(0 8 ? * 2#1 *)')).toBe(35 * 86400);
    expect(gap('cron(0 9 ? * 6L *)')).toBe(35 * 86400);
    // Days 1 to 7 of each month: the long gap is from the 7th to the 1st of the next month.
    expect(gap('cron(0 0 1-7 * ? *)')).toBe(25 * 86400);
  });

  test('parseScheduleExpression - a yearly schedule is a year apart; one that runs once has no finite gap', () => {
    expect(gap('cron(0 0 1 1 ? *)')).toBe(365 * 86400);
    expect(gap('cron(0 0 1 1 ? 2025)')).toBe(Infinity);
  });

  test.each([
    ['cron(0 9 * * * *)', 'exactly one of day-of-month and day-of-week must be "?" (Scheduler does not combine them)'],
    ['cron(0 9 ? * ? *)', 'exactly one of day-of-month and day-of-week must be "?" (Scheduler does not combine them)'],
    ['cron(0 9 * * ?)', 'cron takes 6 fields separated by single spaces (minutes hours day-of-month month day-of-week year), and this has 5'],
    ['cron(0  9 * * ? *)', 'cron takes 6 fields separated by single spaces (minutes hours day-of-month month day-of-week year), and this has 6'],
    ['cron(60 * * * ? *)', 'minutes: 60 is outside 0-59'],
    ['cron(0 24 * * ? *)', 'hours: 24 is outside 0-23'],
    ['cron(0 0 32 * ? *)', 'day-of-month: 32 is outside 1-31'],
    ['cron(0 0 ? FOO * *)', 'month: "FOO" is not a value'],
    ['cron(0 0 ? * 8 *)', 'day-of-week: 8 is outside 1-7'],
    ['cron(0 0 ? * 2#6 *)', 'day-of-week: "2#6" asks for occurrence 6; a month has occurrences 1 to 5'],
    ['cron(0 0 * * ? 1969)', 'year: 1969 is outside 1970-2199'],
    ['cron(0 10-2 * * ? *)', 'hours: the range "10-2" runs backwards'],
    ['cron(0/0 * * * ? *)', 'minutes: the step in "0/0" must be at least 1'],
    ['at(2030-01-01T00:00:00)', 'an at() expression runs once, and a pipeline schedule recurs'],
    ['0 * * * *', 'it is neither rate(...) nor cron(...)'],
  ])('parseScheduleExpression - refuses %s', (expression, reason) => {
    expect(parseScheduleExpression(expression)).toBe(reason);
  });
});

describe('isTimeZone', () => {
  test('isTimeZone - IANA names pass, others do not', () => {
    for (const zone of ['UTC', 'Europe/London', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5']) expect(isTimeZone(zone)).toBe(true);
    for (const zone of ['Europe/Londres', 'GMT+1', '+01:00', '', 'Mars/Olympus']) expect(isTimeZone(zone)).toBe(false);
  });
});

describe('runsPerMonth', () => {
  test('runsPerMonth - a rate runs 730 hours a month divided by its period', () => {
    expect(runsPerMonth('rate(1 hour)')).toBe(730);
    expect(runsPerMonth('rate(15 minutes)')).toBe(2920);
    expect(runsPerMonth('rate(2 days)')).toBeCloseTo(15.2083, 4);
  });

  test('runsPerMonth - a cron runs its occurrences of a year divided by 12', () => {
    expect(runsPerMonth('cron(5 * * * ? *)')).toBe(730);
    expect(runsPerMonth('cron(30 2 * * ? *)')).toBeCloseTo(30.4167, 4);
    expect(runsPerMonth('cron(0 9 ? * MON-FRI *)')).toBeCloseTo(261 / 12, 6);
  });

  test('runsPerMonth - an expression Scheduler refuses has no runs', () => {
    expect(runsPerMonth('cron(5 * * *)')).toBeUndefined();
    expect(runsPerMonth('every hour')).toBeUndefined();
  });
});
