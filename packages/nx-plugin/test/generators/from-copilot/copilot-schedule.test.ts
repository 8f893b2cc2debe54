import { parseScheduleExpression } from '@data-platform/standard-etl';
import { parseGoDuration, translateCopilotSchedule } from '../../../src/generators/from-copilot/copilot-schedule';

describe('translateCopilotSchedule', () => {
  // The forms of Copilot's scheduled-job reference, and what Copilot itself deploys for each.
  test.each([
    ['@hourly', 'cron(0 * * * ? *)'],
    ['@daily', 'cron(0 0 * * ? *)'],
    ['@midnight', 'cron(0 0 * * ? *)'],
    ['@weekly', 'cron(0 0 ? * 1 *)'],
    ['@monthly', 'cron(0 0 1 * ? *)'],
    ['@yearly', 'cron(0 0 1 1 ? *)'],
    ['@annually', 'cron(0 0 1 1 ? *)'],
    ['@every 1h', 'rate(1 hour)'],
    ['@every 5m', 'rate(5 minutes)'],
    ['@every 1h30m', 'rate(90 minutes)'],
    ['@every 24h', 'rate(1 day)'],
    ['@every 1.5h', 'rate(90 minutes)'],
    ['rate(6 hours)', 'rate(6 hours)'],
    ['cron(0 9 ? * MON-FRI *)', 'cron(0 9 ? * MON-FRI *)'],
    ['0 9 * * 1-5', 'cron(0 9 ? * 2-6 *)'],
    ['*/15 * * * *', 'cron(*/15 * * * ? *)'],
    ['30 2 1 * *', 'cron(30 2 1 * ? *)'],
    ['0 0 * * 0', 'cron(0 0 ? * 1 *)'],
    ['0 0 * * 7', 'cron(0 0 ? * 1 *)'],
    ['0 6 * * sat,sun', 'cron(0 6 ? * SAT,SUN *)'],
    ['0 6 * * 1/2', 'cron(0 6 ? * 2/2 *)'],
  ])('translateCopilotSchedule - %s is %s, which EventBridge Scheduler reads', (copilot, expression) => {
    expect(translateCopilotSchedule(copilot)).toEqual({ expression });
    expect(typeof parseScheduleExpression(expression)).toBe('object');
  });

  test('translateCopilotSchedule - none is the disabled job', () => {
    expect(translateCopilotSchedule('none')).toBe('none');
  });

  test.each([
    ['@every 30s', 'EventBridge Scheduler runs a rate at most once a minute'],
    ['@every 90s', 'EventBridge Scheduler rates are whole minutes'],
    ['@every soon', '"soon" is not a duration'],
    ['@fortnightly', "Copilot's predefined schedules are"],
    ['0 9 1 * 1', 'it restricts both the day of the month and the day of the week'],
    ['0 9 * * 9', 'day-of-week "9" is not 0-7'],
    ['0 0 9 * * *', 'six fields without cron(...)'],
    ['every day', 'it is neither a predefined schedule'],
  ])('translateCopilotSchedule - refuses %s, saying why', (copilot, why) => {
    const translated = translateCopilotSchedule(copilot);
    expect(translated).toEqual({ problem: expect.stringContaining(why) });
  });
});

describe('parseGoDuration', () => {
  test('parseGoDuration - reads Go durations as Copilot does', () => {
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('90s')).toBe(90_000);
    expect(parseGoDuration('250ms')).toBe(250);
  });

  test('parseGoDuration - says what is wrong with anything else', () => {
    expect(parseGoDuration('1 hour')).toBe('"1 hour" is not a duration (a number and a unit, h, m or s, as in 1h30m)');
    expect(parseGoDuration('')).toBe('it is empty');
  });
});
