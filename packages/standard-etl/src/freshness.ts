import type { ResolvedPipeline } from './resolve-config';

/** What a job promises about its freshness: a run succeeds at least once every `periods` periods. */
export interface FreshnessPromise {
  /** The alarm's period. */
  readonly periodSeconds: number;
  /** How many periods without a success before it is late. */
  readonly periods: number;
  /** The promise in words, e.g. `3 hour(s)` or `2 periods of 60 minutes (schedule cron(5 * * * ? *) UTC)`. */
  readonly what: string;
}

/**
 * The freshness promise of a job: `freshWithinHours` when declared, else `missedRunPeriods`
 * periods of its schedule (its longest gap between runs, in whole minutes); none for a service,
 * or a schedule with `missedRunPeriods: 0`. The freshness alarm watches it, `fleet:status` says
 * fresh or late against it: one computation for both.
 */
export function freshnessPromise(pipeline: ResolvedPipeline): FreshnessPromise | undefined {
  if (pipeline.mode !== 'job') return undefined;
  const { freshWithinHours } = pipeline.orchestration;
  if (freshWithinHours !== undefined) return { periodSeconds: 3_600, periods: freshWithinHours, what: `${freshWithinHours} hour(s)` };
  if (pipeline.missedRunPeriods <= 0 || !pipeline.schedule) return undefined;
  const periodSeconds = Math.ceil(pipeline.schedule.longestGapSeconds / 60) * 60;
  return {
    periodSeconds,
    periods: pipeline.missedRunPeriods,
    what: `${pipeline.missedRunPeriods} periods of ${periodSeconds / 60} minutes (schedule ${pipeline.schedule.expression} ${pipeline.schedule.timezone})`,
  };
}
