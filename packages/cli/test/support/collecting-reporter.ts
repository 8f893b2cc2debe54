import type { Reporter } from '../../src/commands/reporter';

/** A Reporter that keeps what it is told, to assert the lines a person would read. */
export class CollectingReporter implements Reporter {
  readonly steps: string[] = [];
  readonly summaries: string[] = [];
  step(message: string): void {
    this.steps.push(message);
  }
  summary(message: string): void {
    this.summaries.push(message);
  }
  get text(): string {
    return [...this.steps, ...this.summaries].join('\n');
  }
}
