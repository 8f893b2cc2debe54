/** How long-running AWS operations are waited for: injected, so tests run in milliseconds. */
export interface Polling {
  /** Time between two polls. */
  readonly intervalMs: number;
  /** How long a service rollout may take before deploy gives up waiting. */
  readonly rolloutTimeoutMs: number;
  /** Waits; `setTimeout` for real. */
  sleep(ms: number): Promise<void>;
  /** The current time in milliseconds; `Date.now` for real. */
  now(): number;
}

export const realPolling: Polling = {
  intervalMs: 10_000,
  rolloutTimeoutMs: 30 * 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** `3m05s`, for elapsed times in progress lines. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
