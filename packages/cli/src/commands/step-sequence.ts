import { commandErrors } from '../errors';
import { reasonOf } from '../failure-message';
import type { Reporter } from './reporter';

/**
 * A command's steps, in order. Each step that succeeds is recorded with what it did; when one
 * fails, the error says which, what was done before it and what was not done, so a person knows
 * the state they are in.
 */
export class StepSequence {
  private readonly done: string[] = [];
  private readonly finished = new Set<string>();

  constructor(
    private readonly what: string,
    private readonly planned: readonly string[],
    private readonly report: Reporter,
    /** What to do after a failure, e.g. "run deploy again: it is idempotent". */
    private readonly after: string,
  ) {}

  /** Runs one step; `outcome` turns its result into the line printed and remembered as done. */
  async run<T>(name: string, action: () => Promise<T>, outcome: (result: T) => string): Promise<T> {
    let result: T;
    try {
      result = await action();
    } catch (error) {
      throw commandErrors.stepFailed(this.what, name, reasonOf(error), this.done, this.remaining(), this.after);
    }
    this.finished.add(name);
    const line = outcome(result);
    this.done.push(line);
    this.report.step(line);
    return result;
  }

  /** A planned step that turned out not to be needed. */
  skip(name: string, why: string): void {
    this.finished.add(name);
    this.done.push(`${name}: skipped (${why})`);
    this.report.step(`${name}: skipped (${why})`);
  }

  private remaining(): string[] {
    return this.planned.filter((name) => !this.finished.has(name));
  }
}
