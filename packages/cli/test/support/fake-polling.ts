import type { Polling } from '../../src/aws/polling';

/** A clock that only moves when the code sleeps: waits of minutes take no time, and stay deterministic. */
export function fakePolling(overrides: Partial<Pick<Polling, 'intervalMs' | 'rolloutTimeoutMs'>> = {}): Polling & { slept: number } {
  let now = Date.parse('2026-03-01T10:00:00Z');
  const polling = {
    intervalMs: 10_000,
    rolloutTimeoutMs: 30 * 60_000,
    ...overrides,
    slept: 0,
    now: () => now,
    sleep: async (ms: number) => {
      polling.slept += 1;
      if (polling.slept > 10_000) throw new Error('fake polling: more than 10000 sleeps, the code under test does not stop');
      now += ms;
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
  return polling;
}
