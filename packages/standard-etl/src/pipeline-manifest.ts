import type { PipelineEnvironmentManifest, PipelineManifest } from '@data-platform/core';
import { MANIFEST_VERSION } from '@data-platform/core';
import { freshnessPromise } from './freshness';
import type { ResolvedPipeline } from './resolve-config';
import { runsPerMonth } from './schedule-expression';

/**
 * One environment's entry of a pipeline's manifest: what the fleet checks and reports read.
 * `standardTransitionsPerRun` is read from the synthesized state machines (see state-transitions.ts).
 */
export function manifestEntry(pipeline: ResolvedPipeline, standardTransitionsPerRun?: number): PipelineEnvironmentManifest {
  const scheduledRunsPerMonth = pipeline.schedule ? runsPerMonth(pipeline.schedule.expression) : undefined;
  const { orchestration } = pipeline;
  const freshness = freshnessPromise(pipeline);
  return {
    stack: `${pipeline.name}-${pipeline.environment.name}`,
    owner: pipeline.owner,
    egress: pipeline.egress.map((rule) => ({
      port: rule.port,
      to: rule.to,
      reason: rule.reason,
      ...(rule.publicReason !== undefined ? { publicReason: rule.publicReason } : {}),
    })),
    mode: pipeline.mode,
    cpu: pipeline.cpu,
    memoryMiB: pipeline.memoryMiB,
    architecture: pipeline.architecture,
    desiredCount: pipeline.desiredCount,
    ...(pipeline.schedule ? { schedule: { expression: pipeline.schedule.expression, timezone: pipeline.schedule.timezone } } : {}),
    retries: pipeline.retries,
    maxRuntimeMinutes: pipeline.maxRuntimeMinutes,
    logRetentionDays: pipeline.logRetentionDays,
    lake: { read: [...pipeline.lake.read], write: [...pipeline.lake.write] },
    ...(pipeline.expectedRuntimeMinutes !== undefined ? { expectedRuntimeMinutes: pipeline.expectedRuntimeMinutes } : {}),
    ...(pipeline.expectedRunsPerMonth !== undefined ? { expectedRunsPerMonth: pipeline.expectedRunsPerMonth } : {}),
    ...(pipeline.expectedLogGBPerMonth !== undefined ? { expectedLogGBPerMonth: pipeline.expectedLogGBPerMonth } : {}),
    ...(scheduledRunsPerMonth !== undefined ? { scheduledRunsPerMonth } : {}),
    ...(standardTransitionsPerRun !== undefined ? { standardTransitionsPerRun } : {}),
    after: [...orchestration.after],
    ...(orchestration.onData ? { onData: { prefixes: [...orchestration.onData.prefixes], quietMinutes: orchestration.onData.quietMinutes } } : {}),
    concurrency: orchestration.concurrency,
    ...(orchestration.freshWithinHours !== undefined ? { freshWithinHours: orchestration.freshWithinHours } : {}),
    ...(freshness ? { freshness: { withinSeconds: freshness.periodSeconds * freshness.periods, what: freshness.what } } : {}),
    spot: pipeline.spot,
    datasets: Object.fromEntries(pipeline.datasets.map((dataset) => [dataset.name, {
      description: dataset.description,
      columns: Object.fromEntries(dataset.columns.map(({ name, ...column }) => [name, column])),
      partitionedBy: dataset.partitionedBy,
      format: dataset.format,
      prefix: dataset.prefix,
      table: dataset.table,
      ...(dataset.checks.length > 0
        ? { checks: dataset.checks.map((check) => ({ ...check, ...(check.columns ? { columns: [...check.columns] } : {}), ...(check.values ? { values: [...check.values] } : {}) })) }
        : {}),
    }])),
    readsDatasets: [...pipeline.readsDatasets],
  };
}

/** A pipeline folder's manifest, from its configuration resolved in every environment. */
export function pipelineManifest(
  name: string,
  resolved: readonly ResolvedPipeline[],
  transitions: Readonly<Record<string, number | undefined>> = {},
): PipelineManifest {
  return {
    kind: 'pipeline',
    version: MANIFEST_VERSION,
    name,
    environments: Object.fromEntries(resolved.map((pipeline) => [pipeline.environment.name, manifestEntry(pipeline, transitions[pipeline.environment.name])])),
  };
}
