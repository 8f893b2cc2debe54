import { RUN_LEDGER_KEYS, runLedgerTableName, type PipelineEnvironmentManifest } from '@data-platform/core';
// Types only: synth never loads the harness (jsonata, asl-validator); validate and the tests do.
import type { JobDeclaration } from '@data-platform/state-machine-harness';
import { scheduleIntervals } from './data-interval';

const DAY_MS = 86_400_000;

/**
 * What a job's run scenarios check its machines against: its manifest entry (what it declares in
 * one environment), with a scheduled time of its schedule and the one before it, computed by the
 * platform's own occurrence rules from the day of `nowMs` on, and the environment's run ledger.
 */
export function jobDeclaration(pipeline: string, environment: string, entry: PipelineEnvironmentManifest, nowMs: number): JobDeclaration {
  let schedule: JobDeclaration['schedule'];
  if (entry.schedule) {
    const from = new Date(Math.floor(nowMs / DAY_MS) * DAY_MS);
    const intervals = scheduleIntervals(entry.schedule.expression, entry.schedule.timezone, from, new Date(from.getTime() + 400 * DAY_MS));
    const chosen = intervals[1] ?? intervals[0];
    schedule = { ...entry.schedule, ...(chosen ? { occurrencesMs: [chosen.end.getTime()], previousMs: chosen.start.getTime() } : {}) };
  }
  // Each check with a value its query passes with (its lower bound, else its upper) and one it fails
  // with (below the lower bound, else above the upper; no value at all when neither can be crossed).
  const checks = Object.entries(entry.datasets)
    .filter(([, dataset]) => (dataset.checks ?? []).length > 0)
    .map(([name, dataset]) => ({
      dataset: name,
      table: dataset.table,
      checks: (dataset.checks ?? []).map((check) => ({
        id: check.id,
        blocking: check.blocking,
        passing: check.min ?? check.max ?? 0,
        failing: check.min !== undefined && check.min > 0 ? check.min - 1 : check.max !== undefined ? check.max + 3 : null,
      })),
    }));
  return {
    pipeline,
    environment,
    ...(schedule ? { schedule } : {}),
    after: entry.after,
    ...(entry.onData ? { onData: entry.onData } : {}),
    concurrency: entry.concurrency,
    retries: entry.retries,
    maxRuntimeMinutes: entry.maxRuntimeMinutes,
    spot: entry.spot,
    ledger: { table: runLedgerTableName(environment), partitionKey: RUN_LEDGER_KEYS.partition, sortKey: RUN_LEDGER_KEYS.sort },
    ...(checks.length > 0 ? { checks } : {}),
  };
}
