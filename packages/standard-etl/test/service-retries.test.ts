import { evaluateExpression, randomSource } from '@data-platform/state-machine-harness';
import { ASSIGN_ERROR, TRANSIENT_ERRORS, TRANSIENT_RETRY, transientRetry } from '../src/service-retries';

describe('service retries', () => {
  test('transientRetry - backoff with full jitter, about a minute in all', () => {
    expect(transientRetry('dynamodb')).toEqual({ ErrorEquals: [...TRANSIENT_ERRORS.dynamodb], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 6, MaxDelaySeconds: 30, JitterStrategy: 'FULL' });
    let total = 0;
    for (let n = 0; n < TRANSIENT_RETRY.MaxAttempts; n += 1) total += Math.min(TRANSIENT_RETRY.IntervalSeconds * TRANSIENT_RETRY.BackoffRate ** n, TRANSIENT_RETRY.MaxDelaySeconds);
    expect(total).toBe(61);
  });

  test('TRANSIENT_ERRORS - never an error that means something', () => {
    const all: string[] = Object.values(TRANSIENT_ERRORS).flat();
    for (const meaningful of ['DynamoDB.ConditionalCheckFailedException', 'Sfn.ExecutionAlreadyExistsException', 'States.TaskFailed', 'States.Timeout', 'States.ALL']) {
      expect(all).not.toContain(meaningful);
    }
  });

  test('ASSIGN_ERROR - reads an error without a Cause, as jsonata 2.0.6 evaluates it', async () => {
    const scope = (errorOutput: Record<string, unknown>) => ({ states: { errorOutput }, variables: {}, nowMs: 0, random: randomSource(1) });
    const cause = /^\{% (.*) %\}$/.exec(ASSIGN_ERROR.cause)![1]!;
    expect(await evaluateExpression(cause, scope({ Error: 'States.Timeout' }), 'cause')).toBe('no cause given');
    expect(await evaluateExpression(cause, scope({ Error: 'States.TaskFailed', Cause: 'exit 1' }), 'cause')).toBe('exit 1');
  });
});
