import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeManifest, type LedgerRecord, type PipelineManifest, type RunOutcome } from '@data-platform/core';
import { lastIntervals } from '../../src/status/fleet-status';
import { ledgerRun } from './ledger-fixture';

/**
 * A fleet in a workspace and the run ledger its runs would have written: pipeline folders with
 * their manifests (as their synths write them), and, for each job, a record per interval of its
 * last ones, with the outcomes a test chooses. What `fleet:status` reads, in tests, the benchmark
 * and the screenshot of the README.
 */

/** Writes a pipeline folder (`pipelines/<name>/cdktf.json` and its manifest) into a workspace. */
export function writePipelineFolder(root: string, manifest: PipelineManifest): void {
  const dir = join(root, 'pipelines', manifest.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'true' }));
  writeManifest(join(dir, 'cdktf.out'), manifest);
}

/** Decides the outcome of a job's run of one interval: `i` counts from the oldest (0) to the newest (count - 1); undefined: no run. */
export type OutcomeOf = (pipeline: string, i: number, count: number) => RunOutcome | undefined;

/**
 * The records of the last `count` intervals of a scheduled job ending by `nowMs`, one run each (its
 * outcome from `outcomeOf`), started a minute after its interval ended; the newest one RUNNING when
 * asked so.
 */
export function jobRuns(
  pipeline: string,
  schedule: { readonly expression: string; readonly timezone: string },
  count: number,
  nowMs: number,
  outcomeOf: OutcomeOf,
  kind = 'schedule',
): LedgerRecord[] {
  return lastIntervals(schedule, count, nowMs).flatMap(({ start, end }, i) => {
    const outcome = outcomeOf(pipeline, i, count);
    if (outcome === undefined) return [];
    const interval = { startMs: Date.parse(start), endMs: Date.parse(end) };
    const startedMs = Math.min(interval.endMs + 60_000, nowMs - 60_000);
    return [
      ledgerRun(pipeline, interval, outcome, {
        triggerKind: kind,
        startedAt: new Date(startedMs).toISOString(),
        ...(outcome === 'RUNNING' ? { deadline: new Date(nowMs + 3_600_000).toISOString() } : { endedAt: new Date(startedMs + 3 * 60_000).toISOString() }),
      }),
    ];
  });
}

/** A manifest with the freshness promise its synth would have written (`freshWithinHours`, or periods of the schedule). */
export function withFreshness(manifest: PipelineManifest, withinSeconds: number, what: string): PipelineManifest {
  return {
    ...manifest,
    environments: Object.fromEntries(Object.entries(manifest.environments).map(([env, entry]) => [env, { ...entry, freshness: { withinSeconds, what } }])),
  };
}
