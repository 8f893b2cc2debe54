import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadEnvironments } from '@data-platform/config';
import { readManifestFile, type PipelineManifest } from '@data-platform/core';
import { pipelineNameOf } from '../src/define-pipeline';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const ROOT = resolve(__dirname, '../../..');
const ENVIRONMENTS = [...loadEnvironments().keys()];

/**
 * Pipeline folders of this test's own, one per way a job is started and one always-on service,
 * written the way a person writes one: a `main.ts` calling `definePipeline(__dirname, ...)` and the
 * `cdktf.json` the generator writes. They live in a temporary folder and resolve the workspace's
 * packages through NODE_PATH.
 */
const FIXTURES: Readonly<Record<string, string>> = {
  'hourly-products': `{
    owner: 'analytics',
    mode: 'job',
    schedule: 'cron(5 * * * ? *)',
    retries: 2,
    maxRuntimeMinutes: 30,
    expectedRuntimeMinutes: 3,
    variables: { STORE_DOMAIN: 'acme-demo.example.com' },
    secrets: { STORE_TOKEN: 'store-token' },
    datasets: {
      products: {
        description: 'One row per product, per hourly snapshot.',
        columns: { id: { type: 'bigint', description: 'Product id' }, title: 'string', snapshot_at: 'timestamp' },
        partitionedBy: 'hour',
        format: 'jsonl.gz',
      },
    },
    overrides: { prod: { logRetentionDays: 90 } },
  }`,
  'products-summary': `{
    owner: 'analytics',
    mode: 'job',
    after: ['hourly-products'],
    freshWithinHours: 3,
    datasets: {
      summary: {
        description: 'Products counted per interval.',
        columns: { products: 'bigint', interval_start: 'timestamp' },
        partitionedBy: 'hour',
        format: 'jsonl.gz',
      },
    },
    lake: { read: ['hourly-products.products'] },
  }`,
  'dropped-orders': `{
    owner: 'analytics',
    mode: 'job',
    onData: { prefixes: ['partner-drops/orders/'] },
    freshWithinHours: 26,
    datasets: {
      orders: { description: 'One row per order dropped.', columns: { order_id: 'string', amount_cents: 'bigint' }, partitionedBy: 'day', format: 'parquet' },
    },
    lake: { read: ['partner-drops/orders/'], outsideOwnPrefix: { reason: 'Partners drop their exports there; this pipeline only reads them.' } },
  }`,
  'events-poller': `{
    owner: 'analytics',
    mode: 'service',
    variables: { LOOP_INTERVAL: '300' },
    datasets: {
      events: { description: 'One row per event polled.', columns: { event_id: 'string', received_at: 'timestamp' }, partitionedBy: 'hour', format: 'jsonl.gz' },
    },
    lake: { write: ['./state/'] },
  }`,
};

interface Run {
  readonly code: number;
  readonly stderr: string;
  /** The synthesized stacks, by name. */
  readonly stacks: Record<string, Json>;
  /** The folder's manifest (`cdktf.out/fleet-manifest.json`), when written. */
  readonly manifest?: PipelineManifest;
}

describe('definePipeline', () => {
  let workspace: string;
  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'standard-etl-pipelines-'));
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  /** A pipeline folder outside the repository: `main.ts` with the given configuration, and the generator's `cdktf.json`. */
  function pipelineFolder(name: string, config: string): string {
    const folder = join(workspace, 'pipelines', name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: 'node -r @data-platform/core/register main.ts' }));
    writeFileSync(join(folder, 'main.ts'), `import { definePipeline } from '@data-platform/standard-etl';\n\ndefinePipeline(__dirname, ${config});\n`);
    return folder;
  }

  /** Runs a pipeline folder's app as its `cdktf.json` says (what `cdktf synth` and `data-platform synth` run), into a temporary folder. */
  function synthFolder(folder: string): Promise<Run> {
    const app = (JSON.parse(readFileSync(join(folder, 'cdktf.json'), 'utf8')) as { app: string }).app;
    const outdir = mkdtempSync(join(tmpdir(), 'standard-etl-synth-'));
    const env = { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), CDKTF_OUTDIR: outdir };
    return new Promise((done) => {
      execFile('sh', ['-c', app], { cwd: folder, env }, (error, _stdout, stderr) => {
        const stacksDir = join(outdir, 'stacks');
        const stacks = existsSync(stacksDir)
          ? Object.fromEntries(readdirSync(stacksDir).map((stack) => [stack, JSON.parse(readFileSync(join(stacksDir, stack, 'cdk.tf.json'), 'utf8'))]))
          : {};
        const manifest = readManifestFile(join(outdir, 'fleet-manifest.json'));
        rmSync(outdir, { recursive: true, force: true });
        done({ code: error ? Number(error.code ?? 1) : 0, stderr, stacks, ...(manifest ? { manifest: manifest as PipelineManifest } : {}) });
      });
    });
  }

  describe('definePipeline - one folder per way a job starts, and a service', () => {
    const names = Object.keys(FIXTURES);
    let runs: Record<string, Run>;
    beforeAll(async () => {
      const results = await Promise.all(names.map((name) => synthFolder(pipelineFolder(name, FIXTURES[name]!))));
      runs = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
    });

    const resourceTypes = (name: string, environment = 'dev') => Object.keys(runs[name]!.stacks[`${name}-${environment}`].resource).sort();

    test.each(names)('definePipeline - %s synthesizes one stack per environment, named after its folder, and prints nothing', (name) => {
      const run = runs[name]!;
      expect([run.code, run.stderr]).toEqual([0, '']);
      expect(Object.keys(run.stacks).sort()).toEqual(ENVIRONMENTS.map((environment) => `${name}-${environment}`).sort());
    });

    test.each(names)('definePipeline - %s writes its manifest beside its stacks: one entry per environment, as resolved there', (name) => {
      const { manifest } = runs[name]!;
      expect(manifest).toMatchObject({ kind: 'pipeline', version: 1, name });
      expect(Object.keys(manifest!.environments).sort()).toEqual([...ENVIRONMENTS].sort());
      for (const [environment, entry] of Object.entries(manifest!.environments)) {
        expect(entry.stack).toBe(`${name}-${environment}`);
        // The task role writes its datasets' prefixes, and only under its own prefix.
        const datasetPrefixes = Object.values(entry.datasets).map((d) => d.prefix);
        expect(datasetPrefixes.length).toBeGreaterThan(0);
        expect(entry.lake.write).toEqual(expect.arrayContaining(datasetPrefixes));
        for (const prefix of entry.lake.write) expect(prefix.startsWith(`${name}/`)).toBe(true);
      }
    });

    test('definePipeline - settings per environment: an override applies to its environment only', () => {
      const { environments } = runs['hourly-products']!.manifest!;
      expect([environments.dev!.logRetentionDays, environments.prod!.logRetentionDays]).toEqual([30, 90]);
    });

    test('definePipeline - a scheduled job: a schedule, a manifest counting its runs a month and the state transitions of one run', () => {
      expect(resourceTypes('hourly-products')).toEqual(expect.arrayContaining(['aws_scheduler_schedule', 'aws_sfn_state_machine', 'aws_dynamodb_table']));
      expect(resourceTypes('hourly-products')).not.toContain('aws_ecs_service');
      expect(runs['hourly-products']!.manifest!.environments.dev).toMatchObject({
        mode: 'job',
        schedule: { expression: 'cron(5 * * * ? *)', timezone: 'UTC' },
        scheduledRunsPerMonth: 730,
        standardTransitionsPerRun: 7,
        after: [],
        // missedRunPeriods (2) periods of its hourly schedule: what the freshness alarm and fleet:status hold it to.
        freshness: { withinSeconds: 7200, what: '2 periods of 60 minutes (schedule cron(5 * * * ? *) UTC)' },
      });
    });

    test('definePipeline - a job after an upstream: no schedule of its own, a rule on the upstream, its dataset read on exactly its prefix', () => {
      expect(resourceTypes('products-summary')).not.toContain('aws_scheduler_schedule');
      expect(resourceTypes('products-summary')).toContain('aws_cloudwatch_event_rule');
      const entry = runs['products-summary']!.manifest!.environments.dev!;
      expect(entry).toMatchObject({ after: ['hourly-products'], freshWithinHours: 3, freshness: { withinSeconds: 10_800, what: '3 hour(s)' }, readsDatasets: ['hourly-products.products'] });
      expect(entry.schedule).toBeUndefined();
      expect(entry.lake.read).toEqual(['hourly-products/products/']);
      expect(entry.datasets.summary).toMatchObject({ table: 'products_summary_summary', prefix: 'products-summary/summary/', partitionedBy: 'hour', format: 'jsonl.gz' });
    });

    test('definePipeline - a job started when data lands: its prefixes and quiet window in the manifest, read outside its own prefix with a reason', () => {
      expect(resourceTypes('dropped-orders')).toContain('aws_cloudwatch_event_rule');
      const entry = runs['dropped-orders']!.manifest!.environments.dev!;
      expect(entry.onData).toEqual({ prefixes: ['partner-drops/orders/'], quietMinutes: 5 });
      expect(entry.lake.read).toEqual(['partner-drops/orders/']);
      expect(entry.datasets.orders!.columns.amount_cents).toEqual({ type: 'bigint', pii: false });
    });

    test('definePipeline - a service: an ECS service, no runs, neither runs a month nor transitions counted', () => {
      expect(resourceTypes('events-poller')).toContain('aws_ecs_service');
      expect(resourceTypes('events-poller')).not.toContain('aws_sfn_state_machine');
      const entry = runs['events-poller']!.manifest!.environments.dev!;
      expect(entry.mode).toBe('service');
      expect(entry.scheduledRunsPerMonth).toBeUndefined();
      expect(entry.standardTransitionsPerRun).toBeUndefined();
      expect(entry.lake.write).toEqual(['events-poller/events/', 'events-poller/state/']);
    });
  });

  describe('definePipeline - bad input', () => {
    test('definePipeline - prints one line naming pipeline, field, value and what is allowed, exits 1 and synthesizes nothing', async () => {
      const run = await synthFolder(pipelineFolder('bad-size', "{ owner: 'analytics', mode: 'service', cpu: 256, memoryMiB: 4096 }"));
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        'error: pipeline "bad-size" (bad-size-dev/Pipeline): cpu/memoryMiB is {"cpu":256,"memoryMiB":4096}; ' +
          'Fargate (ARM64) does not offer this pair; it offers cpu 256 with memoryMiB 512, 1024, 2048.\n',
      );
      expect(run.stacks).toEqual({});
      expect(run.manifest).toBeUndefined();
    });

    test('definePipeline - an error in one environment stops every stack', async () => {
      const run = await synthFolder(pipelineFolder('prod-only-bad', "{ owner: 'analytics', mode: 'service', overrides: { prod: { variables: { DB_PASSWORD: 'hunter2' } } } }"));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^error: pipeline "prod-only-bad" \(prod-only-bad-prod\/Pipeline\): overrides\.prod\.variables\.DB_PASSWORD is "DB_PASSWORD"; /);
      expect(run.stderr).not.toContain('hunter2');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stacks).toEqual({});
    });
  });
});

describe('pipelineNameOf', () => {
  test('pipelineNameOf - the name is the folder name', () => {
    expect(pipelineNameOf('/repo/pipelines/ticketing-api')).toBe('ticketing-api');
    expect(pipelineNameOf('/repo/pipelines/ticketing-api/')).toBe('ticketing-api');
  });
});
