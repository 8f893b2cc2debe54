/**
 * The base of every error a person can act on: bad configuration or bad pipeline input. The app
 * runner prints its message alone (no stack trace) and exits 1 before anything is written.
 */
export class PlatformError extends Error {
  override readonly name: string = 'PlatformError';
}
