import { harnessErrors } from './errors';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly wake: () => void;
}

/** Lets every pending promise continuation run: jsonata and the interpreter only chain promises. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Virtual time for a simulation: executions, fake tasks and retries sleep on it, and `run` jumps
 * from one wake-up to the next once everything awake has settled. Minutes of Step Functions
 * waiting take microseconds, and the same scenario always interleaves the same way (timers at
 * the same instant wake in the order they were set).
 */
export class VirtualClock {
  private nowMs: number;
  private readonly timers: Timer[] = [];
  private seq = 0;

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  /** Epoch milliseconds. */
  now(): number {
    return this.nowMs;
  }

  /** ISO-8601 text of now, as AWS writes times (`2026-12-01T10:05:00.000Z`). */
  iso(ms: number = this.nowMs): string {
    return new Date(ms).toISOString();
  }

  /** Resolves once virtual time reaches `at` (at once when it has). */
  sleepUntil(at: number): Promise<void> {
    return new Promise((wake) => {
      this.timers.push({ at: Math.max(at, this.nowMs), seq: this.seq++, wake });
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    });
  }

  sleep(ms: number): Promise<void> {
    return this.sleepUntil(this.nowMs + Math.max(0, ms));
  }

  /**
   * Advances virtual time until nothing is left to wake, or until `untilMs` (then now is
   * `untilMs`). Fails after `maxTimers` wake-ups: a machine that loops without end.
   */
  async run(untilMs = Number.POSITIVE_INFINITY, maxTimers = 200_000): Promise<void> {
    await settle();
    for (let woken = 0; ; woken += 1) {
      const next = this.timers[0];
      if (!next || next.at > untilMs) break;
      if (woken >= maxTimers) throw harnessErrors.runaway(maxTimers, this.iso());
      this.timers.shift();
      this.nowMs = next.at;
      next.wake();
      await settle();
    }
    if (Number.isFinite(untilMs)) this.nowMs = Math.max(this.nowMs, untilMs);
  }
}
