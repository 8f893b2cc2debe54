import type { PipelineEnvironmentManifest, PipelineManifest } from '@data-platform/core';
import { MANIFEST_VERSION } from '@data-platform/core';
import type { ResolvedPipeline } from './resolve-config';

/** One environment's entry of a pipeline's manifest: what the fleet checks and reports read. */
export function manifestEntry(pipeline: ResolvedPipeline): PipelineEnvironmentManifest {
  return {
    stack: `${pipeline.name}-${pipeline.environment.name}`,
    mode: pipeline.mode === 'service' ? 'service' : 'job',
    cpu: pipeline.cpu,
    memoryMiB: pipeline.memoryMiB,
    architecture: pipeline.architecture,
    desiredCount: pipeline.desiredCount,
    ...(pipeline.schedule ? { schedule: { expression: pipeline.schedule.expression, timezone: pipeline.schedule.timezone } } : {}),
    retries: pipeline.retries,
    maxRuntimeMinutes: pipeline.maxRuntimeMinutes,
    logRetentionDays: pipeline.logRetentionDays,
    lake: { read: [...pipeline.lake.read], write: [...pipeline.lake.write] },
    datasets: Object.fromEntries(pipeline.datasets.map((dataset) => [dataset.name, {
      description: dataset.description,
      columns: Object.fromEntries(dataset.columns.map(({ name, ...column }) => [name, column])),
      partitionedBy: dataset.partitionedBy,
      format: dataset.format,
      prefix: dataset.prefix,
      table: dataset.table,
    }])),
    readsDatasets: [...pipeline.readsDatasets],
  };
}

/** A pipeline folder's manifest, from its configuration resolved in every environment. */
export function pipelineManifest(name: string, resolved: readonly ResolvedPipeline[]): PipelineManifest {
  return {
    kind: 'pipeline',
    version: MANIFEST_VERSION,
    name,
    environments: Object.fromEntries(resolved.map((pipeline) => [pipeline.environment.name, manifestEntry(pipeline)])),
  };
}
