import { status } from '../../src/commands/status';
import { testContext, useFakeAws } from '../support/aws-context';
import type { FakeRun } from '../support/fake-aws';
import { RecordingRunner } from '../support/recording-runner';
import { ALWAYS_ON, HOURLY_JOB, standardEtlStack } from '../support/standard-etl-fixture';
import { pipelineStack, sharedStack } from '../support/stack-fixtures';

const MACHINE = 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-shop-sync-dev';
/** The fake clock's start (fake-polling), in epoch seconds. */
const T0 = Date.parse('2026-03-01T10:00:00Z') / 1000;
const TASK = (id: string) => `arn:aws:ecs:eu-west-1:111111111111:task/data-platform-dev/${id}`;

function submitted(id: string) {
  return { type: 'TaskSubmitted', taskSubmittedEventDetails: { resourceType: 'ecs', resource: 'runTask.sync', output: JSON.stringify({ Tasks: [{ TaskArn: TASK(id) }], Failures: [] }) } };
}
function failed(id: string, exitCode: number, reason: string) {
  return {
    type: 'TaskFailed',
    taskFailedEventDetails: { resourceType: 'ecs', resource: 'runTask.sync', error: 'States.TaskFailed', cause: JSON.stringify({ TaskArn: TASK(id), StoppedReason: reason, Containers: [{ Name: 'app', ExitCode: exitCode }] }) },
  };
}
function succeeded(id: string) {
  return { type: 'TaskSucceeded', taskSucceededEventDetails: { resourceType: 'ecs', resource: 'runTask.sync', output: JSON.stringify({ TaskArn: TASK(id), StoppedReason: 'Essential container in task exited', Containers: [{ Name: 'app', ExitCode: 0 }] }) } };
}

/** A failed run retried twice (three tasks, the last exits 2), and an older successful one without an interval in its input. */
const RUNS: FakeRun[] = [
  {
    name: 'schedule-20260301T0800Z-20260301T0900Z',
    status: 'FAILED',
    startDate: T0 - 3300,
    stopDate: T0 - 3000,
    input: JSON.stringify({ interval: { start: '2026-03-01T08:00:00Z', end: '2026-03-01T09:00:00Z' }, trigger: { kind: 'schedule', scheduledTime: '2026-03-01T09:05:00Z' } }),
    error: 'States.TaskFailed',
    history: [
      { type: 'ExecutionStarted' },
      submitted('aaa1'), failed('aaa1', 1, 'Essential container in task exited'),
      submitted('aaa2'), failed('aaa2', 1, 'Essential container in task exited'),
      submitted('aaa3'), failed('aaa3', 2, 'Essential container in task exited'),
      { type: 'ExecutionFailed' },
    ],
  },
  {
    name: 'manual-20260301T070000Z-3fa9c1',
    status: 'SUCCEEDED',
    startDate: T0 - 9000,
    stopDate: T0 - 8880,
    input: '{}',
    history: [{ type: 'ExecutionStarted' }, submitted('bbb1'), succeeded('bbb1'), { type: 'ExecutionSucceeded' }],
  },
];

describe('status', () => {
  const { aws, workspace } = useFakeAws();
  beforeEach(() => {
    aws.stateMachines.clear();
    aws.runs.clear();
    aws.stateMachines.add(MACHINE);
  });
  const context = () => testContext(new RecordingRunner(() => undefined), workspace().root);

  test('status - job: the last runs with interval, duration, outcome, attempts, exit code, stop reason and logs link; the next scheduled time', async () => {
    aws.runs.set(MACHINE, RUNS);
    const ctx = context();
    await status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), ctx);
    const text = ctx.report.summaries[0]!;
    const lines = text.split('\n');
    expect(lines[0]).toBe('shop-sync-dev (owner analytics): last 2 run(s) of dp-shop-sync-dev, newest first');
    expect(lines[1]).toMatch(/^INTERVAL +STARTED +DURATION +OUTCOME +ATTEMPTS +EXIT +CHECKS +STOP REASON +RUN +LOGS$/);
    expect(lines[2]).toMatch(
      /^2026-03-01 08:00Z → 2026-03-01 09:00Z +2026-03-01 09:05Z +5m00s +FAILED +3 +2 +- +Essential container in task exited +schedule-20260301T0800Z-20260301T0900Z +https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#logsV2:log-groups\/log-group\/\$252Fdata-platform\$252Fdev\$252Fpipelines\$252Fshop-sync\/log-events\/app\$252Fapp\$252Faaa3$/,
    );
    // An older run: no interval in its input, nor in its name.
    expect(lines[3]).toMatch(/^- +2026-03-01 07:30Z +2m00s +SUCCEEDED +1 +0 +- +Essential container in task exited +manual-20260301T070000Z-3fa9c1 +https:.*app\$252Fapp\$252Fbbb1$/);
    expect(lines[4]).toBe('next scheduled run: 2026-03-01 10:05Z (cron(5 * * * ? *), UTC)');
    expect(aws.operations()).toEqual([
      'sts:GetCallerIdentity',
      'states:ListExecutions',
      'states:DescribeExecution',
      'states:GetExecutionHistory',
      'states:DescribeExecution',
      'states:GetExecutionHistory',
    ]);
  });

  test('status - job: each run\'s data checks in a column, and every check of the newest run that ran them', async () => {
    const results = [
      { dataset: 'products', check: 'notNull(id)', blocking: true, passed: true, observed: 0, expected: '0' },
      { dataset: 'products', check: 'unique(id)', blocking: true, passed: false, observed: 4, expected: '0' },
      { dataset: 'products', check: 'acceptedValues(status)', blocking: false, passed: false, observed: 1, expected: '0' },
    ];
    aws.runs.set(MACHINE, [{
      name: 'schedule-20260301T0900Z-20260301T1000Z',
      status: 'FAILED',
      startDate: T0 - 600,
      stopDate: T0 - 400,
      input: JSON.stringify({ interval: { start: '2026-03-01T09:00:00Z', end: '2026-03-01T10:00:00Z' }, trigger: { kind: 'schedule' } }),
      error: 'Pipeline.ChecksFailed',
      history: [
        { type: 'ExecutionStarted' }, submitted('ccc1'), succeeded('ccc1'),
        { type: 'PassStateExited', stateExitedEventDetails: { name: 'CheckResults', output: JSON.stringify({ checks: results }) } },
        { type: 'ExecutionFailed' },
      ],
    }, RUNS[1]!]);
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
    aws.runs.set(MACHINE, RUNS);
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
          attempts: 3,
          exitCode: 2,
          stopReason: 'Essential container in task exited',
          taskIds: ['aaa1', 'aaa2', 'aaa3'],
          durationSeconds: 300,
        },
      ],
    });
    expect((json.runs as unknown[]).length).toBe(1);
  });

  test('status - job: the interval comes from the execution name when the input has none', async () => {
    aws.runs.set(MACHINE, [{ ...RUNS[1]!, name: 'backfill-20261101T0000Z-20261102T0000Z-1' }]);
    const ctx = context();
    await status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), ctx, { json: true });
    expect(JSON.parse(ctx.report.summaries[0]!)).toMatchObject({ runs: [{ interval: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' }, trigger: 'backfill' }] });
  });

  test('status - job that never ran: says so, with the next scheduled time', async () => {
    const ctx = context();
    await status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), ctx);
    expect(ctx.report.summaries).toEqual([
      'shop-sync-dev (owner analytics): no run yet (state machine dp-shop-sync-dev has no execution).\nnext scheduled run: 2026-03-01 10:05Z (cron(5 * * * ? *), UTC)\nStart one now: `npx nx run shop-sync:run -c dev`.',
    ]);
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

  test('status - throws, saying to deploy, when the state machine does not exist', async () => {
    aws.stateMachines.clear();
    await expect(status(standardEtlStack(workspace().root, 'shop-sync', HOURLY_JOB), context())).rejects.toThrow(
      `shop-sync-dev: the state machine ${MACHINE} is not deployed yet. Deploy it first: \`npx nx run shop-sync:deploy -c dev\`.`,
    );
  });
});
