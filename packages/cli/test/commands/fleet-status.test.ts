import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerRecord, RunOutcome } from '@data-platform/core';
import { defaultAwsClients } from '../../src/aws/aws-clients';
import { fleetStatus } from '../../src/commands/fleet-status';
import { manifest } from '../fleet/fleet-fixtures';
import { useFakeAws } from '../support/aws-context';
import { jobRuns, withFreshness, writePipelineFolder } from '../support/fleet-ledger';
import { addLedgerTable, ledgerRun, seedLedger } from '../support/ledger-fixture';
import { tempWorkspace, type TempWorkspace } from '../support/stack-fixtures';

const NOW = Date.parse('2026-12-01T12:30:00Z');
const HOURLY = { expression: 'cron(5 * * * ? *)', timezone: 'UTC' };

/**
 * A fleet like the examples, of the tests' own: a job on an hourly schedule, one after it, one
 * started when data lands, an always-on service.
 */
function exampleFleet(root: string): void {
  writePipelineFolder(root, withFreshness(manifest('hourly-products', { owner: 'analytics', schedule: 'cron(5 * * * ? *)' }), 7200, '2 periods of 60 minutes (schedule cron(5 * * * ? *) UTC)'));
  writePipelineFolder(root, withFreshness(manifest('products-summary', { owner: 'analytics', after: ['hourly-products'] }), 10_800, '3 hour(s)'));
  writePipelineFolder(root, withFreshness(manifest('dropped-orders', { onData: ['drops/orders/'] }), 93_600, '26 hour(s)'));
  writePipelineFolder(root, manifest('feed-poller', { mode: 'service' }));
}

/** hourly-products: 24 intervals, the fifth newest failed, the newest running; products-summary: its newest failed; dropped-orders: three quiet windows. */
function exampleLedger(): LedgerRecord[] {
  const hourly = jobRuns('hourly-products', HOURLY, 24, NOW, (_, i, n) => (i === n - 5 ? 'FAILED' : i === n - 1 ? 'RUNNING' : 'SUCCEEDED'));
  const summary = jobRuns('products-summary', HOURLY, 24, NOW, (_, i, n): RunOutcome | undefined => (i === n - 1 ? undefined : i === n - 2 ? 'FAILED' : 'SUCCEEDED'), 'after');
  const windows = [Date.parse('2026-11-30T08:00:00Z'), Date.parse('2026-12-01T06:10:00Z'), Date.parse('2026-12-01T09:40:00Z')].map((startMs) =>
    ledgerRun('dropped-orders', { startMs, endMs: startMs + 5 * 60_000 }, 'SUCCEEDED', { triggerKind: 'data', trigger: { kind: 'data', prefixes: ['drops/orders/'] } }),
  );
  return [...hourly, ...summary, ...windows];
}

describe('fleet-status', () => {
  const { aws } = useFakeAws();
  let workspace: TempWorkspace;
  beforeEach(() => {
    workspace = tempWorkspace();
    addLedgerTable(aws);
    aws.serviceStates.set('dp-feed-poller-dev', [{ serviceName: 'dp-feed-poller-dev', status: 'ACTIVE', desiredCount: 1, runningCount: 1, pendingCount: 0, deployments: [], events: [] }]);
  });
  afterEach(() => workspace.remove());
  const run = (argv: readonly string[] = []) => fleetStatus(argv, { aws: defaultAwsClients, now: () => NOW }, workspace.root);

  test('fleet-status - the table of every pipeline and each job\'s grid, from a ledger seeded through the loopback endpoint; exit 1 when a last run failed', async () => {
    exampleFleet(workspace.root);
    await seedLedger(exampleLedger());
    aws.requests.length = 0;
    const result = await run();
    const lines = result.output.split('\n');
    expect(lines[0]).toBe('fleet dev (eu-west-1, account 111111111111) at 2026-12-01 12:30Z: 4 pipeline(s), 1 need(s) attention');
    expect(lines[1]).toMatch(/^PIPELINE +OWNER +MODE +LAST INTERVAL +OUTCOME +FRESHNESS +RUNNING +NEXT RUN$/);
    expect(lines[2]).toMatch(/^dropped-orders +orders-team +job +2026-12-01 09:40Z → 09:45Z +SUCCEEDED +fresh \(within 26h\) +- +on data under drops\/orders\/$/);
    expect(lines[3]).toMatch(/^feed-poller +orders-team +service +- +- +- +1\/1 tasks +always on$/);
    expect(lines[4]).toMatch(/^hourly-products +analytics +job +2026-12-01 11:05Z → 12:05Z +RUNNING +fresh \(within 2h\) +1 +2026-12-01 13:05Z$/);
    expect(lines[5]).toMatch(/^products-summary +analytics +job +2026-12-01 10:05Z → 11:05Z +FAILED +fresh \(within 3h\) +- +after hourly-products$/);
    const grid = lines.slice(lines.indexOf('') + 2);
    expect(grid[0]).toBe(`dropped-orders    ${' '.repeat(21)}■■■  2026-11-30 08:00Z → 2026-12-01 09:45Z`);
    expect(grid[1]).toBe(`hourly-products   ${'■'.repeat(19)}x■■■>  2026-11-30 12:05Z → 2026-12-01 12:05Z`);
    expect(grid[2]).toBe(`products-summary  ${'■'.repeat(22)}x·  2026-11-30 12:05Z → 2026-12-01 12:05Z`);
    expect(grid[3]).toBe('■ succeeded  x failed  g gave up waiting  t timed out  a stopped  > running  ? lost (no end recorded)  · no run');
    expect(result.output).toContain('needs attention:\n  products-summary: last run after-20261201T1005Z-20261201T1105Z FAILED: Run after-20261201T1005Z-20261201T1105Z of products-summary (dev) failed after 3 attempt(s)');
    expect(result.exitCode).toBe(1);
    // Two Queries of the ledger per job, one DescribeServices for the services, nothing of Step Functions.
    expect(aws.operations().sort()).toEqual(['dynamodb:Query', 'dynamodb:Query', 'dynamodb:Query', 'dynamodb:Query', 'dynamodb:Query', 'dynamodb:Query', 'ecs:DescribeServices', 'sts:GetCallerIdentity']);
  });

  test('fleet-status - --json: one document, each grid holding what the ledger holds, interval by interval', async () => {
    exampleFleet(workspace.root);
    const ledger = exampleLedger();
    await seedLedger(ledger);
    const status = JSON.parse((await run(['--json'])).output);
    const hourly = status.pipelines.find((p: { name: string }) => p.name === 'hourly-products');
    expect(hourly.grid).toHaveLength(24);
    const recorded = ledger.filter((r) => r.pipeline === 'hourly-products').map((r) => [r.intervalStart, r.outcome, r.run]);
    expect(hourly.grid.map((c: { start: string; outcome: string; run: { name: string } }) => [c.start, c.outcome, c.run.name])).toEqual(recorded);
    expect(hourly.freshness).toEqual({ state: 'fresh', promise: '2 periods of 60 minutes (schedule cron(5 * * * ? *) UTC)', withinSeconds: 7200, lastSuccessAt: '2026-12-01T11:09:00.000Z' });
    expect(status.edges).toEqual([expect.objectContaining({ from: 'hourly-products', to: 'products-summary', kind: 'after' })]);
    expect(status.needingAttention).toBe(1);
  });

  test('fleet-status - an empty ledger: every job never ran, and one with a promise is late', async () => {
    exampleFleet(workspace.root);
    const result = await run();
    expect(result.output).toMatch(/\nhourly-products +analytics +job +never ran +- +late \(within 2h\) +- +2026-12-01 13:05Z\n/);
    expect(result.output).toContain(`hourly-products   ${'·'.repeat(24)}  2026-11-30 12:05Z → 2026-12-01 12:05Z`);
    expect(result.output).toContain(`dropped-orders    ${' '.repeat(24)}  no interval yet`);
    expect(result.output).toContain('  hourly-products: late: no run succeeded yet, and it promises one within 2h (2 periods of 60 minutes (schedule cron(5 * * * ? *) UTC))');
    expect(result.exitCode).toBe(1);
  });

  test('fleet-status - a pipeline that never ran beside others that did: only it is late', async () => {
    exampleFleet(workspace.root);
    await seedLedger(exampleLedger().filter((r) => r.pipeline !== 'dropped-orders' && !(r.pipeline === 'products-summary' && r.outcome === 'FAILED')));
    const status = (await run(['--json'])).status!;
    const byName = Object.fromEntries(status.pipelines.map((p) => [p.name, p]));
    expect(byName['dropped-orders']!.last).toBeUndefined();
    expect(byName['dropped-orders']!.freshness!.state).toBe('late');
    expect(byName['dropped-orders']!.grid).toEqual([]);
    expect(status.pipelines.filter((p) => p.problems.length > 0).map((p) => p.name)).toEqual(['dropped-orders']);
  });

  test('fleet-status - an always-on service beside jobs: its tasks from ECS; one running fewer than it should, or not deployed, needs attention', async () => {
    writePipelineFolder(workspace.root, manifest('feed-poller', { mode: 'service' }));
    writePipelineFolder(workspace.root, manifest('api-mirror', { mode: 'service' }));
    writePipelineFolder(workspace.root, withFreshness(manifest('hourly-products', { schedule: 'cron(5 * * * ? *)' }), 7200, '2 periods'));
    aws.serviceStates.set('dp-feed-poller-dev', [{ status: 'ACTIVE', desiredCount: 2, runningCount: 1, pendingCount: 1, deployments: [], events: [] }]);
    await seedLedger(jobRuns('hourly-products', HOURLY, 24, NOW, () => 'SUCCEEDED'));
    const result = await run();
    expect(result.output).toMatch(/\nfeed-poller +orders-team +service +- +- +- +1\/2 tasks +always on\n/);
    expect(result.output).toMatch(/\napi-mirror +orders-team +service +- +- +- +not deployed +always on\n/);
    expect(result.output).toContain('  api-mirror: service dp-api-mirror-dev is not in cluster data-platform-dev: not deployed\n  feed-poller: 1 of 2 task(s) running');
    expect(result.status!.pipelines.find((p) => p.name === 'hourly-products')!.problems).toEqual([]);
    expect(result.exitCode).toBe(1);
  });

  test('fleet-status - all well: exit 0', async () => {
    writePipelineFolder(workspace.root, withFreshness(manifest('hourly-products', { schedule: 'cron(5 * * * ? *)' }), 7200, '2 periods'));
    await seedLedger(jobRuns('hourly-products', HOURLY, 24, NOW, () => 'SUCCEEDED'));
    const result = await run();
    expect(result.output.split('\n')[0]).toMatch(/1 pipeline\(s\), none needs attention$/);
    expect(result.exitCode).toBe(0);
  });

  test('fleet-status - a throttled read of the ledger is retried; one refused past its retries stops, naming the table', async () => {
    exampleFleet(workspace.root);
    await seedLedger(exampleLedger());
    aws.dynamodbThrottles = 2;
    expect((await run(['--json'])).status!.pipelines).toHaveLength(4);
    aws.dynamodbThrottles = 1000;
    await expect(run()).rejects.toThrow(/^fleet dev: the run ledger \(data-platform-runs-dev\) could not be read: Query: ProvisionedThroughputExceededException/);
  });

  test('fleet-status - 50 pipelines × 24 intervals: every grid complete, two Queries a job', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `job-${String(i + 1).padStart(2, '0')}`);
    for (const name of names) writePipelineFolder(workspace.root, withFreshness(manifest(name, { schedule: 'cron(5 * * * ? *)' }), 7200, '2 periods'));
    await seedLedger(names.flatMap((name) => jobRuns(name, HOURLY, 24, NOW, (_, i) => (i % 7 === 3 ? 'FAILED' : 'SUCCEEDED'))));
    aws.requests.length = 0;
    const status = (await run(['--json'])).status!;
    expect(status.pipelines).toHaveLength(50);
    for (const pipeline of status.pipelines) {
      expect(pipeline.grid!.map((c) => c.outcome)).toEqual(Array.from({ length: 24 }, (_, i) => (i % 7 === 3 ? 'FAILED' : 'SUCCEEDED')));
    }
    // (A read another test left under way may still land: only this fleet's are counted.)
    expect(aws.requests.filter((r) => r.operation === 'Query' && r.body.includes('"job-'))).toHaveLength(100);
  });

  test('fleet-status - --html writes dist/status/<env>.html and says where', async () => {
    exampleFleet(workspace.root);
    await seedLedger(exampleLedger());
    const result = await run(['--html', '--last', '12']);
    expect(result.page).toBe(join('dist', 'status', 'dev.html'));
    expect(existsSync(join(workspace.root, 'dist', 'status', 'dev.html'))).toBe(true);
    expect(readFileSync(join(workspace.root, 'dist', 'status', 'dev.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(result.output).toMatch(/\npage: dist\/status\/dev\.html \(\d+ KB\)\n$/);
    expect(result.status!.pipelines.find((p) => p.name === 'hourly-products')!.grid).toHaveLength(12);
  });

  test('fleet-status - throws for a --last out of range, or a pipeline without a manifest, before touching AWS', async () => {
    await expect(run(['--last', '0'])).rejects.toThrow('fleet-status: --last is "0"; expected a whole number of intervals from 1 to 200 (default 24).');
    writePipelineFolder(workspace.root, manifest('hourly-products'));
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(workspace.root, 'pipelines', 'new-one'), { recursive: true });
    writeFileSync(join(workspace.root, 'pipelines', 'new-one', 'cdktf.json'), '{}');
    await expect(run()).rejects.toThrow('fleet-status: pipelines/new-one has no manifest (cdktf.out/fleet-manifest.json), so the status would miss it');
    expect(aws.requests).toEqual([]);
  });
});
