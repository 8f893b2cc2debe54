import type { LedgerRecord } from '@data-platform/core';
import { status } from '../../src/commands/status';
import { testContext, useFakeAws } from '../support/aws-context';
import { addLedgerTable, ledgerRun, seedLedger } from '../support/ledger-fixture';
import { RecordingRunner } from '../support/recording-runner';
import { ALWAYS_ON, HOURLY_JOB, standardEtlStack } from '../support/standard-etl-fixture';
import { pipelineStack, sharedStack } from '../support/stack-fixtures';

const MACHINE = 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-shop-sync-dev';
/** The fake clock's start (fake-polling), in epoch seconds. */
const T0 = Date.parse('2026-03-01T10:00:00Z') / 1000;
const HOUR = 3_600_000;
const at = (time: string) => Date.parse(time);

/**
 * The ledger of shop-sync: a run that failed after 3 attempts (its last task exited 2), an older
 * one that succeeded, the run of the hour before that stopped from outside (its end recorded from
 * its status event), and another pipeline's run that must not show.
 */
const FAILED = ledgerRun('shop-sync', { startMs: at('2026-03-01T08:00:00Z'), endMs: at('2026-03-01T09:00:00Z') }, 'FAILED', {
  startedAt: '2026-03-01T09:05:00.000Z',
  endedAt: '2026-03-01T09:10:00.000Z',
  taskArn: 'arn:aws:ecs:eu-west-1:111111111111:task/data-platform-dev/aaa3',
  exitCode: 2,
  stopReason: 'Essential container in task exited',
});
const SUCCEEDED = ledgerRun('shop-sync', { startMs: at('2026-03-01T07:00:00Z'), endMs: at('2026-03-01T08:00:00Z') }, 'SUCCEEDED', {
  run: 'manual-20260301T0700Z-20260301T0800Z-3fa9c1',
  triggerKind: 'manual',
  trigger: { kind: 'manual', startedBy: 'arn:aws:sts::111111111111:assumed-role/dev/ana' },
  startedAt: '2026-03-01T07:30:00.000Z',
  endedAt: '2026-03-01T07:32:00.000Z',
  taskArn: 'arn:aws:ecs:eu-west-1:111111111111:task/data-platform-dev/bbb1',
});
const STOPPED = ledgerRun('shop-sync', { startMs: at('2026-03-01T06:00:00Z'), endMs: at('2026-03-01T07:00:00Z') }, 'ABORTED', {
  startedAt: '2026-03-01T07:05:00.000Z',
  endedAt: '2026-03-01T07:06:00.000Z',
  recordedBy: 'status-event',
  attempts: undefined,
  taskArn: undefined,
  exitCode: undefined,
  error: undefined,
  cause: undefined,
});
const OTHER = ledgerRun('other-job', { startMs: at('2026-03-01T08:00:00Z'), endMs: at('2026-03-01T09:00:00Z') }, 'SUCCEEDED');
const LEDGER: LedgerRecord[] = [FAILED, SUCCEEDED, STOPPED, OTHER].map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as LedgerRecord);

describe('status', () => {
  const { aws, workspace } = useFakeAws();
  beforeEach(() => {
    addLedgerTable(aws);
  });
  const context = () => testContext(new RecordingRunner(() => undefined), workspace().root);

  test('status - job: the last runs from the run ledger, newest first, with interval, duration, outcome, attempts, exit code, stop reason and logs link; the next scheduled time', async () => {
    await seedLedger(LEDGER);
    aws.requests.length = 0;
    const ctx = context();
    await status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), ctx);
    const lines = ctx.report.summaries[0]!.split('\n');
    expect(lines[0]).toBe('shop-sync-dev (owner analytics): last 3 run(s) of dp-shop-sync-dev, newest first (run ledger data-platform-runs-dev)');
    expect(lines[1]).toMatch(/^INTERVAL +STARTED +DURATION +OUTCOME +ATTEMPTS +EXIT +CHECKS +STOP REASON +RUN +LOGS$/);
    expect(lines[2]).toMatch(
      /^2026-03-01 08:00Z → 2026-03-01 09:00Z +2026-03-01 09:05Z +5m00s +FAILED +3 +2 +- +Essential container in task exited +schedule-20260301T0800Z-20260301T0900Z +https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#logsV2:log-groups\/log-group\/\$252Fdata-platform\$252Fdev\$252Fpipelines\$252Fshop-sync\/log-events\/app\$252Fapp\$252Faaa3$/,
    );
    expect(lines[3]).toMatch(/^2026-03-01 07:00Z → 2026-03-01 08:00Z +2026-03-01 07:30Z +2m00s +SUCCEEDED +1 +0 +- +- +manual-20260301T0700Z-20260301T0800Z-3fa9c1 +https:.*app\$252Fapp\$252Fbbb1$/);
    // Stopped from outside: its end came from its status event, without attempts or a task.
    expect(lines[4]).toMatch(/^2026-03-01 06:00Z → 2026-03-01 07:00Z +2026-03-01 07:05Z +1m00s +ABORTED +- +- +- +- +schedule-20260301T0600Z-20260301T0700Z +https:.*shop-sync$/);
    expect(lines[5]).toBe('next scheduled run: 2026-03-01 10:05Z (cron(5 * * * ? *), UTC)');
    // One Query of the ledger's start-time index: no ListExecutions, no execution history.
    expect(aws.operations()).toEqual(['sts:GetCallerIdentity', 'dynamodb:Query']);
    expect(JSON.parse(aws.requests[1]!.body)).toMatchObject({ TableName: 'data-platform-runs-dev', IndexName: 'byStart', ScanIndexForward: false, Limit: 10 });
  });

  test('status - job: each run\'s data checks in a column, and every check of the newest run that ran them', async () => {
    const results = [
      { dataset: 'products', check: 'notNull(id)', blocking: true, passed: true, observed: 0, expected: '0' },
      { dataset: 'products', check: 'unique(id)', blocking: true, passed: false, observed: 4, expected: '0' },
      { dataset: 'products', check: 'acceptedValues(status)', blocking: false, passed: false, observed: 1, expected: '0' },
    ];
    await seedLedger([
      ledgerRun('shop-sync', { startMs: at('2026-03-01T09:00:00Z'), endMs: at('2026-03-01T10:00:00Z') }, 'FAILED', {
        attempts: 1,
        exitCode: 0,
        error: 'Pipeline.ChecksFailed',
        cause: 'Run schedule-20260301T0900Z-20260301T1000Z of shop-sync (dev) wrote data that failed its blocking checks',
        checks: results,
      }),
      SUCCEEDED,
    ]);
    const ctx = context();
    await status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), ctx);
    const lines = ctx.report.summaries[0]!.split('\n');
    expect(lines[2]).toMatch(/ +FAILED +1 +0 +1 FAILED, 1 warning, 1 passed +/);
    expect(lines[3]).toMatch(/ +SUCCEEDED +1 +0 +- +/);
    expect(lines.slice(4, 9)).toEqual([
      'data checks of schedule-20260301T0900Z-20260301T1000Z:',
      'DATASET   CHECK                   KIND    OBSERVED  EXPECTED  RESULT',
      'products  notNull(id)             blocks  0         0         passed',
      'products  unique(id)              blocks  4         0         FAILED',
      'products  acceptedValues(status)  warns   1         0         warning',
    ]);
    await status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), ctx, { json: true, limit: '1' });
    expect((JSON.parse(ctx.report.summaries[1]!) as { runs: Array<{ checks: unknown }> }).runs[0]!.checks).toEqual(results);
  });

  test('status - job --json --limit 1: the newest run only, as one JSON document', async () => {
    await seedLedger(LEDGER);
    const ctx = context();
    await status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), ctx, { json: true, limit: '1' });
    expect(ctx.report.steps).toEqual([]);
    const json = JSON.parse(ctx.report.summaries[0]!) as Record<string, unknown>;
    expect(json).toMatchObject({
      stack: 'shop-sync-dev',
      owner: 'analytics',
      mode: 'job',
      stateMachineArn: MACHINE,
      schedule: { expression: 'cron(5 * * * ? *)', timezone: 'UTC', next: '2026-03-01T10:05:00.000Z' },
      runs: [
        {
          name: 'schedule-20260301T0800Z-20260301T0900Z',
          status: 'FAILED',
          interval: { start: '2026-03-01T08:00:00Z', end: '2026-03-01T09:00:00Z' },
          trigger: 'schedule',
          triggeredBy: { kind: 'schedule', scheduledTime: '2026-03-01T09:00:00Z' },
          attempts: 3,
          exitCode: 2,
          stopReason: 'Essential container in task exited',
          error: 'Pipeline.RunFailed',
          taskIds: ['aaa3'],
          durationSeconds: 300,
          executionUrl: `https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/${FAILED.executionArn}`,
        },
      ],
    });
    expect((json.runs as unknown[]).length).toBe(1);
  });

  test('status - job: a run still recorded RUNNING past its deadline is LOST, and the table says what that means', async () => {
    const lost = ledgerRun('shop-sync', { startMs: at('2026-02-28T08:00:00Z'), endMs: at('2026-02-28T09:00:00Z') }, 'RUNNING', {
      startedAt: '2026-02-28T09:01:00.000Z',
      deadline: '2026-02-28T13:01:00.000Z',
    });
    const running = ledgerRun('shop-sync', { startMs: at('2026-03-01T08:00:00Z'), endMs: at('2026-03-01T09:00:00Z') }, 'RUNNING', {
      startedAt: new Date(T0 * 1000 - 10 * 60_000).toISOString(),
      deadline: new Date(T0 * 1000 + HOUR).toISOString(),
    });
    await seedLedger([lost, running]);
    const ctx = context();
    await status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), ctx, { json: true });
    expect((JSON.parse(ctx.report.summaries[0]!) as { runs: Array<{ status: string; durationSeconds: number }> }).runs.map((r) => [r.status, r.durationSeconds])).toEqual([
      ['RUNNING', 600],
      ['LOST', 4 * 3600],
    ]);
    const text = context();
    await status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), text);
    expect(text.report.summaries[0]).toMatch(/\nLOST: the run outlived its execution timeout and no end was recorded/);
  });

  test('status - job that never ran: says so, with the next scheduled time', async () => {
    await seedLedger([OTHER]);
    const ctx = context();
    await status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), ctx);
    expect(ctx.report.summaries).toEqual([
      'shop-sync-dev (owner analytics): no run yet (the run ledger data-platform-runs-dev holds no run of shop-sync).\nnext scheduled run: 2026-03-01 10:05Z (cron(5 * * * ? *), UTC)\nStart one now: `npx nx run shop-sync:run -c dev`.',
    ]);
  });

  test('status - job: a throttled ledger read is retried by the SDK; one refused past its retries stops with the table named', async () => {
    await seedLedger(LEDGER);
    aws.dynamodbThrottles = 2;
    const ctx = context();
    await status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), ctx, { json: true });
    expect(aws.operations().filter((o) => o === 'dynamodb:Query')).toHaveLength(3);
    expect((JSON.parse(ctx.report.summaries[0]!) as { runs: unknown[] }).runs).toHaveLength(3);
    aws.dynamodbThrottles = 100;
    await expect(status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), context())).rejects.toThrow(
      /^shop-sync-dev: the run ledger \(data-platform-runs-dev\) could not be read: Query: ProvisionedThroughputExceededException: .*Run the command again; a throttled read is retried before it fails\.$/,
    );
  });

  test('status - throws, saying to deploy the shared stack, when the run ledger does not exist', async () => {
    aws.tables.clear();
    await expect(status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), context())).rejects.toThrow(
      'the run ledger of dev, DynamoDB table data-platform-runs-dev, does not exist: the runs record themselves there. Deploy the shared stack first: `npx nx run shared:deploy -c dev`.',
    );
  });

  test('status - service: desired and running tasks, rollout state, latest events newest first', async () => {
    const stack = standardEtlStack(workspace().root, 'feed-poller', ALWAYS_ON);
    aws.serviceStates.set('dp-feed-poller-dev', [
      {
        serviceName: 'dp-feed-poller-dev',
        status: 'ACTIVE',
        desiredCount: 1,
        runningCount: 0,
        pendingCount: 1,
        deployments: [{ status: 'PRIMARY', taskDefinition: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/dp-feed-poller-dev:4', rolloutState: 'IN_PROGRESS', rolloutStateReason: 'ECS deployment ecs-svc/4 in progress.' }],
        events: [
          { id: 'e1', createdAt: T0 - 60, message: '(service dp-feed-poller-dev) has started 1 tasks: (task c0ffee).' },
          { id: 'e2', createdAt: T0 - 30, message: '(service dp-feed-poller-dev) has stopped 1 running tasks: (task beef).' },
        ],
      },
    ]);
    const ctx = context();
    await status(stack, ctx);
    expect(ctx.report.summaries[0]).toBe(
      [
        'feed-poller-dev (owner orders-team): service dp-feed-poller-dev in cluster data-platform-dev (ACTIVE)',
        'tasks: 1 desired, 0 running, 1 pending',
        'rollout: IN_PROGRESS on dp-feed-poller-dev:4 (ECS deployment ecs-svc/4 in progress.)',
        'logs: https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fdata-platform$252Fdev$252Fpipelines$252Ffeed-poller',
        'latest events:',
        '  2026-03-01 09:59Z  (service dp-feed-poller-dev) has stopped 1 running tasks: (task beef).',
        '  2026-03-01 09:59Z  (service dp-feed-poller-dev) has started 1 tasks: (task c0ffee).',
      ].join('\n'),
    );
  });

  test('status - service not deployed: says so', async () => {
    const ctx = context();
    await status(standardEtlStack(workspace().root, 'feed-poller', ALWAYS_ON), ctx);
    expect(ctx.report.summaries).toEqual(['feed-poller-dev (owner orders-team): service dp-feed-poller-dev is not in cluster data-platform-dev: not deployed yet (`npx nx run feed-poller:deploy -c dev`).']);
  });

  test('status - throws for a --limit that is not 1 to 100, before touching AWS', async () => {
    await expect(status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), context(), { limit: 'ten' })).rejects.toThrow(
      'shop-sync-dev: --limit is "ten"; expected a whole number of runs from 1 to 100 (default 10).',
    );
    await expect(status(pipelineStack(workspace().root, { mode: 'schedule' }), context(), { limit: '0' })).rejects.toThrow('ticketing-api-dev: --limit is "0"');
    expect(aws.requests).toEqual([]);
  });

  test('status - throws for a stack that is not a pipeline', async () => {
    await expect(status(sharedStack(workspace().root), context())).rejects.toThrow(
      'status is for pipeline stacks only: shared-dev has no aws_ecr_repository (run it in a folder under pipelines/).',
    );
  });

});
