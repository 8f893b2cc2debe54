import { loadEnvironment } from '@data-platform/config';
import type { PipelineEnvironmentManifest, PipelineManifest } from '@data-platform/core';
import { estimatePipelineCost } from '../../src/cost/pipeline-cost';

const dev = loadEnvironment('dev');

/** A manifest of one pipeline with a dev entry; the fields as standard-etl writes them, plus those added by others. */
function manifest(name: string, entry: Partial<PipelineEnvironmentManifest> & Record<string, unknown>): PipelineManifest {
  const base: PipelineEnvironmentManifest = {
    stack: `${name}-dev`, owner: 'analytics', egress: [], mode: 'job', cpu: 256, memoryMiB: 512, architecture: 'ARM64', desiredCount: 0,
    retries: 2, maxRuntimeMinutes: 60, logRetentionDays: 30, lake: { read: [], write: [`${name}/`] }, after: [], concurrency: 1, spot: false, datasets: {}, readsDatasets: [],
  };
  return { kind: 'pipeline', version: 1, name, environments: { dev: { ...base, ...entry } as PipelineEnvironmentManifest } };
}

const item = (estimate: ReturnType<typeof estimatePipelineCost>, name: string) => estimate.lines.find((l) => l.item === name)?.monthlyUsd;

describe('estimatePipelineCost: checked by hand against the eu-west-1 price table', () => {
  test('estimatePipelineCost - a service: 730 hours × desiredCount at the ARM64 rate, plus logs', () => {
    const estimate = estimatePipelineCost(manifest('poller', { mode: 'service', desiredCount: 2, expectedLogGBPerMonth: 2 }), dev);
    // 0.25 vCPU × $0.03238 + 0.5 GB × $0.00356 = $0.009875/h; × 730 h × 2 tasks = $14.4175
    expect(item(estimate, 'Fargate, always on')).toBeCloseTo(14.4175, 4);
    // 2 GB × $0.57 = $1.14 ingested; 2 × 30 / 30.4167 = 1.97260 GB kept × $0.03 = $0.059178
    expect(item(estimate, 'CloudWatch Logs')).toBeCloseTo(1.199178, 5);
    expect(estimate.monthlyUsd).toBeCloseTo(15.616678, 5);
    expect(estimate.spotSavingUsd).toBeUndefined();
    expect(estimate.notes).toEqual([]);
  });

  test('estimatePipelineCost - a scheduled job: runs of its schedule × expectedRuntimeMinutes, its transitions, default logs', () => {
    const estimate = estimatePipelineCost(
      manifest('hourly', { cpu: 512, memoryMiB: 1024, schedule: { expression: 'rate(1 hour)', timezone: 'UTC' }, scheduledRunsPerMonth: 730, expectedRuntimeMinutes: 6, standardTransitionsPerRun: 3 }),
      dev,
    );
    // 730 runs × 6 min = 73 h; 0.5 × $0.03238 + 1 × $0.00356 = $0.01975/h; 73 × 0.01975 = $1.44175
    expect(item(estimate, 'Fargate, per run')).toBeCloseTo(1.44175, 5);
    // 730 × 3 = 2,190 transitions × $0.000025 = $0.05475
    expect(item(estimate, 'Step Functions transitions')).toBeCloseTo(0.05475, 6);
    // 1 GB (default) × $0.57 + 30/30.4167 GB × $0.03 = $0.599589
    expect(item(estimate, 'CloudWatch Logs')).toBeCloseTo(0.599589, 5);
    expect(estimate.notes).toContain('logs: 1 GB a month assumed; declare expectedLogGBPerMonth');
  });

  test('estimatePipelineCost - a job with data checks: one Athena query per checked dataset and run, at the 10 MB minimum', () => {
    const dataset = (checks: number) => ({
      description: 'd', columns: {}, partitionedBy: 'hour', format: 'parquet', prefix: 'p/', table: 't',
      checks: Array.from({ length: checks }, (_, i) => ({ id: `notNull(c${i})`, kind: 'notNull', blocking: true, min: 0, max: 0 })),
    });
    const estimate = estimatePipelineCost(
      manifest('hourly', { schedule: { expression: 'rate(1 hour)', timezone: 'UTC' }, scheduledRunsPerMonth: 730, datasets: { a: dataset(3), b: dataset(1), c: dataset(0) } as never }),
      dev,
    );
    // 730 runs × 2 queries = 1,460 × 10 MB (10,485,760 bytes) / 1,099,511,627,776 bytes per TB × $5 = $0.0696182
    expect(estimate.lines.find((l) => l.item === 'Athena, data checks')).toEqual({
      item: 'Athena, data checks',
      basis: '730 runs × 2 queries (4 checks) = 1460 at the 10 MB minimum, $0.000048 each ($5/TB)',
      monthlyUsd: expect.closeTo(0.0696182, 6),
    });
    expect(estimate.notes).toContain('checks: each query billed at Athena\'s 10 MB minimum; a partition larger than that is billed what the query scans (the checked columns once, again per sql check)');
    expect(estimatePipelineCost(manifest('plain', { scheduledRunsPerMonth: 730, schedule: { expression: 'rate(1 hour)', timezone: 'UTC' } }), dev).lines.map((l) => l.item)).not.toContain('Athena, data checks');
  });

  test('estimatePipelineCost - a spot job: the Spot rate, and the saving against on-demand', () => {
    const estimate = estimatePipelineCost(
      manifest('nightly', { architecture: 'X86_64', cpu: 1024, memoryMiB: 2048, spot: true, schedule: { expression: 'cron(0 2 * * ? *)', timezone: 'UTC' }, scheduledRunsPerMonth: 30, expectedRuntimeMinutes: 40, expectedLogGBPerMonth: 0 }),
      dev,
    );
    // 30 runs × 40 min = 20 h; Spot 1 × $0.01334053 + 2 × $0.00146489 = $0.01627031/h; × 20 = $0.3254062
    expect(item(estimate, 'Fargate Spot, per run')).toBeCloseTo(0.3254062, 6);
    // On demand 1 × $0.04048 + 2 × $0.004445 = $0.04937/h; × 20 = $0.9874; saving $0.6619938
    expect(estimate.spotSavingUsd).toBeCloseTo(0.6619938, 6);
    expect(estimate.notes).toContain('spot: saves $0.66 a month against on-demand ($0.99); a run Spot interrupts is retried on demand');

    const arm = estimatePipelineCost(manifest('nightly', { spot: true, scheduledRunsPerMonth: 30, schedule: { expression: 'cron(0 2 * * ? *)', timezone: 'UTC' }, expectedRuntimeMinutes: 40 }), dev);
    // Fargate Spot runs no ARM64 task: 20 h at the ARM64 on-demand rate, $0.009875/h
    expect(item(arm, 'Fargate, per run')).toBeCloseTo(0.1975, 6);
    expect(arm.spotSavingUsd).toBeUndefined();
    expect(arm.notes).toContain('spot: Fargate Spot runs X86_64 tasks only; priced on demand');
  });

  test('estimatePipelineCost - a job after another takes its upstream\'s runs; without any, none are counted and it says so', () => {
    const upstream = manifest('hourly', { schedule: { expression: 'rate(1 hour)', timezone: 'UTC' }, scheduledRunsPerMonth: 730 });
    const after = manifest('summary', { after: ['hourly'], expectedRuntimeMinutes: 2 });
    const estimate = estimatePipelineCost(after, dev, [upstream, after]);
    expect(estimate.lines[0]!.basis).toContain('730 runs (after hourly (rate(1 hour))) × 2 min');
    // 730 × 2 / 60 h × $0.009875/h
    expect(item(estimate, 'Fargate, per run')).toBeCloseTo((730 * 2 / 60) * 0.009875, 6);
    const orphan = estimatePipelineCost(manifest('drops', { onData: { prefixes: ['drops/'], quietMinutes: 5 } }), dev);
    expect(item(orphan, 'Fargate, per run')).toBe(0);
    expect(orphan.notes).toContain('runs: none counted: the job has no schedule of its own or of an upstream; declare expectedRunsPerMonth');
    const declared = estimatePipelineCost(manifest('drops', { expectedRunsPerMonth: 60, expectedRuntimeMinutes: 10 }), dev);
    expect(item(declared, 'Fargate, per run')).toBeCloseTo(10 * 0.009875, 6);
  });

  test('estimatePipelineCost - throws on a region without a price table', () => {
    expect(() => estimatePipelineCost(manifest('poller', { mode: 'service', desiredCount: 1 }), { ...dev, region: 'ap-south-2' })).toThrow(
      'pipeline "poller" (dev): region "ap-south-2" has no price table; priced regions are us-east-1, eu-west-1. ' +
        'Add a table for it in packages/cli/src/cost/prices.ts, read from the pages listed there, with the date read.',
    );
  });

  test('estimatePipelineCost - throws on an environment the manifest does not hold', () => {
    expect(() => estimatePipelineCost(manifest('poller', { mode: 'service' }), loadEnvironment('prod'))).toThrow(
      'cost: poller\'s manifest has no entry for environment "prod"; it has dev. Synthesize it again.',
    );
  });
});
