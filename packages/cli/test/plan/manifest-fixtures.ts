import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readManifestFile, type Manifest, type PipelineEnvironmentManifest, type PipelineManifest } from '@data-platform/core';

/** A pipeline's manifest with the same entry in dev and prod, changed by `entry`. */
export function pipelineManifest(name: string, entry: Partial<PipelineEnvironmentManifest> & Record<string, unknown> = {}): PipelineManifest {
  const base = (env: string): PipelineEnvironmentManifest => ({
    stack: `${name}-${env}`, mode: 'service', cpu: 256, memoryMiB: 512, architecture: 'ARM64', desiredCount: 1,
    retries: 0, maxRuntimeMinutes: 0, logRetentionDays: 30, lake: { read: [], write: [`${name}/`] },
    ...entry,
  } as PipelineEnvironmentManifest);
  return { kind: 'pipeline', version: 1, name, environments: { dev: base('dev'), prod: base('prod') } };
}

/** The manifests of one side of a fixture (`<dir>/<folder>.json`), in file-name order. */
export function readManifestFiles(dir: string): Manifest[] {
  return readdirSync(dir).filter((file) => file.endsWith('.json')).sort().flatMap((file) => readManifestFile(join(dir, file)) ?? []);
}
