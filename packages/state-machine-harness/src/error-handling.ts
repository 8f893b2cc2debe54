/**
 * Retry and Catch as Step Functions applies them, from "Handling errors in Step Functions
 * workflows" (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html)
 * and the Amazon States Language specification (https://states-language.net/spec.html, "Errors",
 * "Retrying after error", "Fallback states"):
 *
 * - Retriers are tried in order; the first whose ErrorEquals names the error applies. When it has
 *   used its MaxAttempts (default 3; 0 never retries), the error goes to the catchers.
 * - The wait before retry n (1-based) is IntervalSeconds (default 1) x BackoffRate^(n-1) (default
 *   2.0), capped by MaxDelaySeconds; with JitterStrategy FULL it is a random time between 0 and
 *   that delay.
 * - Each retrier counts its own attempts within one entry into the state.
 * - Catchers are tried in order; the first whose ErrorEquals names the error applies.
 * - `States.ALL` matches every error name except `States.DataLimitExceeded` and `States.Runtime`,
 *   which always fail the execution; `States.TaskFailed` matches every error of a task except
 *   `States.Timeout`.
 */

/** An error raised by a state: its name and optional cause (Step Functions may send none). */
export class StateError extends Error {
  override readonly name = 'StateError';
  constructor(
    readonly error: string,
    readonly cause?: string,
  ) {
    super(cause === undefined ? error : `${error}: ${cause}`);
  }
}

/** Errors no retrier or catcher can handle: they fail the execution. */
export const UNCATCHABLE = ['States.DataLimitExceeded', 'States.Runtime'];

/** Whether an ErrorEquals list names the error. */
export function errorMatches(errorEquals: readonly string[], error: string, fromTask: boolean): boolean {
  if (UNCATCHABLE.includes(error)) return false;
  return errorEquals.some((name) => {
    if (name === 'States.ALL') return true;
    if (name === 'States.TaskFailed') return fromTask && error !== 'States.Timeout';
    return name === error;
  });
}

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly Assign?: Record<string, unknown>;
  readonly Output?: unknown;
}

/**
 * The wait before the next attempt, in ms, or undefined when no retrier applies or the one that
 * applies has no attempt left. `attempts[i]` counts the retries retrier i made (updated here).
 */
export function nextRetryDelayMs(retriers: readonly Retrier[], attempts: number[], error: string, fromTask: boolean, random: () => number): number | undefined {
  const index = retriers.findIndex((retrier) => errorMatches(retrier.ErrorEquals, error, fromTask));
  if (index < 0) return undefined;
  const retrier = retriers[index]!;
  const made = attempts[index] ?? 0;
  if (made >= (retrier.MaxAttempts ?? 3)) return undefined;
  attempts[index] = made + 1;
  let delay = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** made;
  if (retrier.MaxDelaySeconds !== undefined) delay = Math.min(delay, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') delay = random() * delay;
  return Math.round(delay * 1000);
}

/** The catcher that handles the error, if any. */
export function catcherFor(catchers: readonly Catcher[], error: string, fromTask: boolean): Catcher | undefined {
  return catchers.find((catcher) => errorMatches(catcher.ErrorEquals, error, fromTask));
}
