import type { PipelineEnvironmentManifest, PipelineManifest } from '@data-platform/core';

/** A pipeline's manifest with the same entry in dev and prod, changed by `entry`. */
export function pipelineManifest(name: string, entry: Partial<PipelineEnvironmentManifest> & Record<string, unknown> = {}): PipelineManifest {
  const base = (env: string): PipelineEnvironmentManifest => ({
    stack: `${name}-${env}`, owner: 'orders-team', egress: [], mode: 'service', cpu: 256, memoryMiB: 512, architecture: 'ARM64', desiredCount: 1,
    retries: 0, maxRuntimeMinutes: 0, logRetentionDays: 30, lake: { read: [], write: [`${name}/`] },
    after: [], concurrency: 1, spot: false, datasets: {}, readsDatasets: [],
    ...entry,
  } as PipelineEnvironmentManifest);
  return { kind: 'pipeline', version: 1, name, environments: { dev: base('dev'), prod: base('prod') } };
}

/** The manifests of one side of a fixture (`<dir>/<folder>.json`), as pr-comment reads them. */
export { readManifestDir as readManifestFiles } from '../../src/plan/manifest-sections';
