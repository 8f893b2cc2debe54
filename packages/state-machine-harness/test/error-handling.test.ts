import { catcherFor, errorMatches, nextRetryDelayMs } from '../src/error-handling';

describe('error handling', () => {
  test('errorMatches - States.ALL matches every error but States.Runtime and States.DataLimitExceeded', () => {
    expect(errorMatches(['States.ALL'], 'DynamoDB.ConditionalCheckFailedException', true)).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Timeout', true)).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Runtime', true)).toBe(false);
    expect(errorMatches(['States.ALL'], 'States.DataLimitExceeded', true)).toBe(false);
  });

  test('errorMatches - States.TaskFailed matches a task\'s errors except States.Timeout', () => {
    expect(errorMatches(['States.TaskFailed'], 'ECS.AmazonECSException', true)).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout', true)).toBe(false);
    expect(errorMatches(['States.TaskFailed'], 'States.NoChoiceMatched', false)).toBe(false);
  });

  test('nextRetryDelayMs - IntervalSeconds x BackoffRate^n, capped by MaxDelaySeconds, until MaxAttempts', () => {
    const retriers = [{ ErrorEquals: ['X'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 4, MaxDelaySeconds: 30 }];
    const attempts: number[] = [];
    const delays = Array.from({ length: 5 }, () => nextRetryDelayMs(retriers, attempts, 'X', true, () => 0.5));
    expect(delays).toEqual([2_000, 6_000, 18_000, 30_000, undefined]);
  });

  test('nextRetryDelayMs - defaults: 1 second, rate 2, 3 attempts; MaxAttempts 0 never retries', () => {
    const attempts: number[] = [];
    const delays = Array.from({ length: 4 }, () => nextRetryDelayMs([{ ErrorEquals: ['States.ALL'] }], attempts, 'E', true, () => 0));
    expect(delays).toEqual([1_000, 2_000, 4_000, undefined]);
    expect(nextRetryDelayMs([{ ErrorEquals: ['E'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'] }], [], 'E', true, () => 0)).toBeUndefined();
  });

  test('nextRetryDelayMs - JitterStrategy FULL waits a random time up to the delay', () => {
    const retriers = [{ ErrorEquals: ['X'], IntervalSeconds: 10, JitterStrategy: 'FULL' as const }];
    expect(nextRetryDelayMs(retriers, [], 'X', true, () => 0.25)).toBe(2_500);
    expect(nextRetryDelayMs(retriers, [], 'X', true, () => 0)).toBe(0);
  });

  test('nextRetryDelayMs - the first retrier naming the error applies, each counting its own attempts', () => {
    const retriers = [{ ErrorEquals: ['A'], MaxAttempts: 1, IntervalSeconds: 5 }, { ErrorEquals: ['States.ALL'], MaxAttempts: 2, IntervalSeconds: 1 }];
    const attempts: number[] = [];
    expect(nextRetryDelayMs(retriers, attempts, 'A', true, () => 0)).toBe(5_000);
    expect(nextRetryDelayMs(retriers, attempts, 'B', true, () => 0)).toBe(1_000);
    expect(nextRetryDelayMs(retriers, attempts, 'A', true, () => 0)).toBeUndefined();
    expect(attempts).toEqual([1, 1]);
  });

  test('catcherFor - the first catcher naming the error', () => {
    const catchers = [{ ErrorEquals: ['A'], Next: 'OnA' }, { ErrorEquals: ['States.ALL'], Next: 'OnAny' }];
    expect(catcherFor(catchers, 'A', true)?.Next).toBe('OnA');
    expect(catcherFor(catchers, 'B', true)?.Next).toBe('OnAny');
    expect(catcherFor(catchers, 'States.Runtime', true)).toBeUndefined();
  });
});
