import { join } from 'node:path';
import { writeManifest } from '@data-platform/core';
import { backfill, backfillIntervals, intervalSchedule, ledgerListing, planBackfill } from '../../src/commands/backfill';
import { requiredTimeRange } from '../../src/commands/time-range';
import { CommandError } from '../../src/errors';
import { fleetOf } from '../../src/fleet/fleet-view';
import { useFakeAws, testContext } from '../support/aws-context';
import { addLedgerTable, ledgerRun, runsRecordThemselves, seedLedger } from '../support/ledger-fixture';
import { RecordingRunner } from '../support/recording-runner';
import { pipelineStack } from '../support/stack-fixtures';
import { manifest } from '../fleet/fleet-fixtures';

const MACHINE = 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-ticketing-api-dev';
const DAYS = requiredTimeRange('ticketing-api-dev', 'backfill', { from: '2026-11-01', to: '2026-11-05' });

describe('backfill', () => {
  const { aws, workspace } = useFakeAws();
  let stack: ReturnType<typeof pipelineStack>;
  beforeEach(() => {
    stack = pipelineStack(workspace().root, { mode: 'schedule' });
    writeManifest(join(stack.project.dir, 'cdktf.out'), manifest('ticketing-api', { schedule: 'cron(0 0 * * ? *)' }));
    aws.stateMachines.clear();
    aws.stateMachines.add(MACHINE);
    aws.startedExecutions.length = 0;
    aws.runs.clear();
    aws.maxRunning = 0;
    aws.executionScript = () => [{ status: 'RUNNING' }, { status: 'RUNNING' }, { status: 'SUCCEEDED' }];
    addLedgerTable(aws);
    runsRecordThemselves(aws, 'ticketing-api');
  });
  afterAll(() => {
    aws.executionScript = undefined;
    aws.onExecution = undefined;
  });

  const context = () => testContext(new RecordingRunner(() => undefined), workspace().root);

  test('backfill - one run per daily interval in the range, oldest first, named from its interval, each followed to its end', async () => {
    const ctx = context();
    await backfill(stack, ctx, { range: DAYS });
    expect(aws.startedExecutions.map((e) => e.name)).toEqual([
      'backfill-20261101T0000Z-20261102T0000Z-1',
      'backfill-20261102T0000Z-20261103T0000Z-1',
      'backfill-20261103T0000Z-20261104T0000Z-1',
      'backfill-20261104T0000Z-20261105T0000Z-1',
    ]);
    expect(JSON.parse(aws.startedExecutions[0]!.input)).toEqual({
      interval: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' },
      trigger: { kind: 'backfill', attempt: 1 },
    });
    expect(aws.maxRunning).toBe(1);
    expect(ctx.report.steps[0]).toBe('ticketing-api-dev: 4 intervals of cron(0 0 * * ? *) UTC (its own schedule) starting in [2026-11-01T00:00:00Z, 2026-11-05T00:00:00Z)');
    expect(ctx.report.steps).toContain('[1/4] 2026-11-01T00:00:00Z → 2026-11-02T00:00:00Z: backfill-20261101T0000Z-20261102T0000Z-1 SUCCEEDED (20s)');
    expect(ctx.report.summaries[0]).toContain('ticketing-api-dev: every interval succeeded.\n| interval');
  });

  test('backfill - never more than --concurrency runs at once', async () => {
    await backfill(stack, context(), { range: requiredTimeRange('ticketing-api-dev', 'backfill', { from: '2026-11-01', to: '2026-11-08' }), concurrency: 3 });
    expect(aws.startedExecutions).toHaveLength(7);
    expect(aws.maxRunning).toBe(3);
  });

  test('backfill - a failed interval does not stop the others; the same range again reruns only it, as attempt 2', async () => {
    aws.executionScript = (name) => [{ status: 'RUNNING' }, name.startsWith('backfill-20261102T') ? { status: 'FAILED', error: 'States.TaskFailed', cause: 'exit code 1' } : { status: 'SUCCEEDED' }];
    const failure = (await backfill(stack, context(), { range: DAYS, concurrency: 2 }).catch((e: unknown) => e)) as Error;
    expect(failure).toBeInstanceOf(CommandError);
    expect(failure.message).toMatch(/^ticketing-api-dev: 1 of 4 intervals did not succeed:\n\| interval/);
    expect(failure.message).toMatch(/\| 2026-11-02T00:00:00Z → 2026-11-03T00:00:00Z \| FAILED +\| backfill-20261102T0000Z-20261103T0000Z-1 \|/);
    expect(failure.message).toContain('it reruns only the intervals that failed or never ran');
    expect(aws.startedExecutions).toHaveLength(4);

    aws.executionScript = () => [{ status: 'SUCCEEDED' }];
    const ctx = context();
    await backfill(stack, ctx, { range: DAYS });
    expect(aws.startedExecutions.slice(4).map((e) => e.name)).toEqual(['backfill-20261102T0000Z-20261103T0000Z-2']);
    expect(ctx.report.steps).toContain('[1/4] 2026-11-01T00:00:00Z → 2026-11-02T00:00:00Z: already succeeded (backfill-20261101T0000Z-20261102T0000Z-1), skipped');
  });

  test('backfill - what already ran comes from the run ledger, whatever its age: one Query of the range, no ListExecutions', async () => {
    // A year ago, long past Step Functions' 90 days: scheduled runs that succeeded and one that failed.
    const day = (d: number) => ({ startMs: Date.UTC(2026, 10, d), endMs: Date.UTC(2026, 10, d + 1) });
    await seedLedger([
      ledgerRun('ticketing-api', day(1), 'SUCCEEDED'),
      ledgerRun('ticketing-api', day(2), 'FAILED'),
      ledgerRun('ticketing-api', day(3), 'GAVE_UP'),
      ledgerRun('ticketing-api', day(4), 'SUCCEEDED'),
      // Another pipeline's run of the same day, and this one's of the day after the range: not read as this range's.
      ledgerRun('orders', day(2), 'SUCCEEDED'),
      ledgerRun('ticketing-api', day(5), 'SUCCEEDED'),
    ]);
    aws.requests.length = 0;
    const ctx = context();
    await backfill(stack, ctx, { range: DAYS });
    expect(aws.startedExecutions.map((e) => e.name)).toEqual(['backfill-20261102T0000Z-20261103T0000Z-1', 'backfill-20261103T0000Z-20261104T0000Z-1']);
    expect(aws.operations().filter((o) => o.startsWith('dynamodb:') || o === 'states:ListExecutions')).toEqual(['dynamodb:Query']);
    expect(JSON.parse(aws.requests.find((r) => r.operation === 'Query')!.body)).toMatchObject({
      TableName: 'data-platform-runs-dev',
      KeyConditionExpression: '#pk = :pipeline AND #sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pipeline': { S: 'ticketing-api' }, ':from': { S: '2026-11-01T00:00:00Z#' }, ':to': { S: '2026-11-05T00:00:00Z' } },
      ConsistentRead: true,
    });
    expect(ctx.report.steps).toContain('[4/4] 2026-11-04T00:00:00Z → 2026-11-05T00:00:00Z: already succeeded (schedule-20261104T0000Z-20261105T0000Z), skipped');
  });

  test('backfill - --dry-run lists the intervals and touches no AWS', async () => {
    const ctx = context();
    await backfill(stack, ctx, { range: requiredTimeRange('ticketing-api-dev', 'backfill', { from: '2026-11-01T06:00Z', to: '2026-11-03' }), dryRun: true });
    expect(ctx.report.steps.slice(1)).toEqual(['[1/1] 2026-11-02T00:00:00Z → 2026-11-03T00:00:00Z']);
    expect(aws.requests).toEqual([]);
  });

  test('backfill - throws for a range with more intervals than one backfill runs, and for one with none', async () => {
    writeManifest(join(stack.project.dir, 'cdktf.out'), manifest('ticketing-api', { schedule: 'rate(5 minutes)' }));
    await expect(backfill(stack, context(), { range: DAYS })).rejects.toThrow(
      'ticketing-api-dev: the range holds 1152 intervals of rate(5 minutes) UTC, more than the 1000 one backfill runs; check --from and --to, or split the range into several backfills.',
    );
    writeManifest(join(stack.project.dir, 'cdktf.out'), manifest('ticketing-api', { schedule: 'cron(0 0 1 * ? *)' }));
    const midMonth = requiredTimeRange('ticketing-api-dev', 'backfill', { from: '2026-11-02', to: '2026-11-05' });
    await expect(backfill(stack, context(), { range: midMonth })).rejects.toThrow(
      'ticketing-api-dev: no interval of cron(0 0 1 * ? *) UTC starts in [2026-11-02T00:00:00Z, 2026-11-05T00:00:00Z); widen the range.',
    );
    expect(aws.requests).toEqual([]);
  });

  test('backfill - throws for a job that runs when data lands, saying what to run instead', async () => {
    writeManifest(join(stack.project.dir, 'cdktf.out'), manifest('ticketing-api', { onData: ['drops/'] }));
    await expect(backfill(stack, context(), { range: DAYS })).rejects.toThrow(
      'backfill cuts a range into the intervals of a schedule, and ticketing-api-dev has none: it runs when data lands (onData), in windows of its own. ' +
        'Start one run per interval you need with `npx nx run ticketing-api:run -c <env> -- --from <start> --to <end>` instead.',
    );
  });

  test('backfill - throws for an always-on service and a bad --concurrency, before touching AWS', async () => {
    await expect(backfill(pipelineStack(workspace().root, { mode: 'service' }), context(), { range: DAYS })).rejects.toThrow(
      'backfill runs a job once per data interval: ticketing-api-dev has no aws_sfn_state_machine',
    );
    await expect(backfill(stack, context(), { range: DAYS, concurrency: 0 })).rejects.toThrow('backfill: --concurrency is 0; expected a whole number of runs at once from 1 to 20.');
    expect(aws.requests).toEqual([]);
  });

  test('backfill - in a protected environment, refused outside the deploy workflow before any AWS call', async () => {
    const prod = pipelineStack(workspace().root, { mode: 'schedule', environment: 'prod' });
    writeManifest(join(prod.project.dir, 'cdktf.out'), manifest('ticketing-api', { schedule: 'cron(0 0 * * ? *)' }));
    const ctx = { ...context(), env: {} };
    await expect(backfill(prod, ctx, { range: DAYS })).rejects.toThrow('ticketing-api-prod: environment "prod" is protected: backfill runs only in the deploy workflow on one of its deploy sources');
    expect(aws.requests).toEqual([]);
  });
});

describe('backfillIntervals', () => {
  const HOURLY_AT_5 = { expression: 'cron(5 * * * ? *)', timezone: 'UTC' };
  const day = (d: number) => requiredTimeRange('x-dev', 'backfill', { from: `2026-11-${String(d).padStart(2, '0')}`, to: `2026-11-${String(d + 1).padStart(2, '0')}` });

  test('backfillIntervals - day-by-day backfills of an hourly :05 job tile: each of the 24 intervals of every day runs exactly once', () => {
    const days = [1, 2, 3, 4].map((d) => backfillIntervals(HOURLY_AT_5, day(d)));
    for (const intervals of days) expect(intervals).toHaveLength(24);
    const all = days.flat().map((i) => [i.start.toISOString(), i.end.toISOString()]);
    // Consecutive, without gap or overlap, from the first :05 of the first day to the first :05 after the last day.
    expect(all[0]).toEqual(['2026-11-01T00:05:00.000Z', '2026-11-01T01:05:00.000Z']);
    expect(all[all.length - 1]).toEqual(['2026-11-04T23:05:00.000Z', '2026-11-05T00:05:00.000Z']);
    all.slice(1).forEach(([start], i) => expect(start).toBe(all[i]![1]));
    expect(new Set(all.map(([start]) => start)).size).toBe(96);
    // The interval across midnight belongs to the day it starts in.
    expect(days[0]!.at(-1)!.end.toISOString()).toBe('2026-11-02T00:05:00.000Z');
    expect(days[1]![0]!.start.toISOString()).toBe('2026-11-02T00:05:00.000Z');
  });

  test('backfillIntervals - one range over the same days gives the same intervals as the days one by one', () => {
    const whole = backfillIntervals(HOURLY_AT_5, requiredTimeRange('x-dev', 'backfill', { from: '2026-11-01', to: '2026-11-05' }));
    expect(whole).toEqual([1, 2, 3, 4].flatMap((d) => backfillIntervals(HOURLY_AT_5, day(d))));
  });

  test('backfillIntervals - an interval is in the range its start is in, even when it ends after --to', () => {
    const range = requiredTimeRange('x-dev', 'backfill', { from: '2026-11-01T10:01Z', to: '2026-11-01T10:30Z' });
    expect(backfillIntervals({ expression: 'rate(1 hour)', timezone: 'UTC' }, range)).toEqual([]);
    expect(backfillIntervals(HOURLY_AT_5, range)).toEqual([{ start: new Date('2026-11-01T10:05:00Z'), end: new Date('2026-11-01T11:05:00Z') }]);
  });
});

describe('ledgerListing', () => {
  test('ledgerListing - a run that gave up is a failure; a RUNNING record past its deadline is LOST, no longer open', () => {
    const day = { startMs: Date.UTC(2026, 10, 1), endMs: Date.UTC(2026, 10, 2) };
    const now = Date.UTC(2026, 10, 3);
    const listing = ledgerListing([
      ledgerRun('x', day, 'GAVE_UP'),
      ledgerRun('x', day, 'RUNNING', { run: 'manual-20261101T0000Z-20261102T0000Z-a', deadline: new Date(now - 1).toISOString() }),
      ledgerRun('x', day, 'RUNNING', { run: 'manual-20261101T0000Z-20261102T0000Z-b', deadline: new Date(now + 1).toISOString() }),
    ], now);
    expect(listing.map((l) => l.status)).toEqual(['FAILED', 'LOST', 'RUNNING']);
  });
});

describe('planBackfill', () => {
  const [first, second, third] = [0, 1, 2].map((d) => ({ start: new Date(Date.UTC(2026, 10, 1 + d)), end: new Date(Date.UTC(2026, 10, 2 + d)) }));
  test('planBackfill - skips what any run already succeeded for, follows what is open, else the next attempt', () => {
    const arn = (name: string) => `arn:aws:states:eu-west-1:111111111111:execution:dp-x-dev:${name}`;
    const listed = [
      { name: 'schedule-20261101T0000Z-20261102T0000Z', status: 'SUCCEEDED' },
      { name: 'backfill-20261102T0000Z-20261103T0000Z-1', status: 'FAILED' },
      { name: 'backfill-20261102T0000Z-20261103T0000Z-2', status: 'TIMED_OUT' },
      { name: 'manual-20261103T0000Z-20261104T0000Z-3fa9c1', status: 'RUNNING' },
      { name: 'an-older-name-without-interval', status: 'SUCCEEDED' },
    ].map((e) => ({ ...e, executionArn: arn(e.name) }));
    expect(planBackfill([first!, second!, third!], listed)).toEqual([
      { kind: 'skip', execution: 'schedule-20261101T0000Z-20261102T0000Z' },
      { kind: 'start', attempt: 3 },
      { kind: 'follow', execution: listed[3] },
    ]);
  });

  test('intervalSchedule - a job after upstreams only takes its first upstream\'s schedule', () => {
    const fleet = fleetOf([manifest('root', { schedule: 'rate(1 hour)' }), manifest('mid', { after: ['root'] }), manifest('leaf', { after: ['mid'] })], 'dev');
    expect(intervalSchedule(fleet, 'leaf')).toEqual({ schedule: { expression: 'rate(1 hour)', timezone: 'UTC' }, why: 'the schedule of root, which it runs after' });
  });
});

describe('requiredTimeRange', () => {
  test('requiredTimeRange - UTC dates and whole-minute times; throws for anything else, naming the stack', () => {
    expect(requiredTimeRange('x-dev', 'backfill', { from: '2026-11-01', to: '2026-11-01T06:30Z' })).toEqual({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-01T06:30:00Z') });
    expect(() => requiredTimeRange('x-dev', 'backfill', { from: '2026-11-31', to: '2026-12-01' })).toThrow(
      'x-dev: --from is "2026-11-31"; expected an ISO date (2026-11-01) or time with its zone (2026-11-01T10:00Z).',
    );
    expect(() => requiredTimeRange('x-dev', 'backfill', { from: '2026-11-02', to: '2026-11-01' })).toThrow(
      'x-dev: --from 2026-11-02 is not before --to 2026-11-01; the interval is [from, to), so from must be earlier.',
    );
    expect(() => requiredTimeRange('x-dev', 'backfill', { to: '2026-11-01' })).toThrow(
      'x-dev: --from is missing; give both --from and --to (ISO dates or UTC times, end exclusive).',
    );
    expect(() => requiredTimeRange('x-dev', 'backfill', {})).toThrow(
      'x-dev: backfill needs a data interval here (a range to cut into intervals): give it, e.g. `-- --from 2026-11-01 --to 2026-11-02` (ISO dates or UTC times, end exclusive).',
    );
  });
});
