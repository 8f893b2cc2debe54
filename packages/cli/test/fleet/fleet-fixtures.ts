import type { PipelineEnvironmentManifest, PipelineManifest } from '@data-platform/core';

/** What a test pipeline declares beyond the defaults: its mode, triggers, prefixes and datasets. */
export interface PipelineSpec {
  /** @default 'orders-team' (a team of TEAMS) */
  readonly owner?: string;
  readonly egress?: PipelineEnvironmentManifest['egress'];
  readonly mode?: 'service' | 'job';
  readonly schedule?: string;
  readonly after?: readonly string[];
  readonly onData?: readonly string[];
  readonly writes?: readonly string[];
  readonly reads?: readonly string[];
  readonly datasets?: readonly string[];
  readonly readsDatasets?: readonly string[];
}

/** A pipeline's manifest as its synth writes it, with one entry per environment (dev and prod alike). */
export function manifest(name: string, spec: PipelineSpec = {}): PipelineManifest {
  const mode = spec.mode ?? 'job';
  const entry = {
    stack: `${name}-dev`,
    owner: spec.owner ?? 'orders-team',
    egress: [...(spec.egress ?? [])],
    mode,
    cpu: 256,
    memoryMiB: 512,
    architecture: 'ARM64',
    desiredCount: mode === 'service' ? 1 : 0,
    ...(spec.schedule ? { schedule: { expression: spec.schedule, timezone: 'UTC' } } : {}),
    retries: 2,
    maxRuntimeMinutes: 60,
    logRetentionDays: 30,
    lake: { read: [...(spec.reads ?? []), ...(spec.onData ?? [])], write: [...(spec.writes ?? [`${name}/`])] },
    after: [...(spec.after ?? [])],
    concurrency: 1,
    spot: false,
    ...(spec.onData ? { onData: { prefixes: [...spec.onData], quietMinutes: 5 } } : {}),
    datasets: Object.fromEntries(
      (spec.datasets ?? []).map((d) => [d, { description: d, columns: {}, partitionedBy: 'day', format: 'jsonl.gz', prefix: `${name}/${d}/`, table: `${name.replace(/-/g, '_')}_${d}` }]),
    ),
    readsDatasets: [...(spec.readsDatasets ?? [])],
  } as PipelineEnvironmentManifest;
  return { kind: 'pipeline', version: 1, name, environments: { dev: entry, prod: { ...entry, stack: `${name}-prod` } } };
}
