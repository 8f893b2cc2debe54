import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import jsonata from 'jsonata';
import { TRANSIENT_ERRORS, TRANSIENT_RETRY } from '../src/service-retries';
import { NAME, PREFIX, SCHEDULED, SSM, synthPipeline, type FixtureConfig } from './pipeline-fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Step Functions adds `$parse` to JSONata's functions (the jsonata library has no such function). */
const STEP_FUNCTIONS_FUNCTIONS = { parse: (text: string) => JSON.parse(text) as unknown };

/** Evaluates one `{% ... %}` value of a definition as Step Functions would, with `$states` and variables bound. */
async function evaluate(value: string, bindings: Record<string, unknown>): Promise<Json> {
  const match = /^\{% ([\s\S]*) %\}$/.exec(value);
  if (!match) throw new Error(`not a JSONata value: ${value}`);
  return jsonata(match[1]!).evaluate({}, { ...STEP_FUNCTIONS_FUNCTIONS, ...bindings });
}

/** Runs the trigger's route, interval and StartRun arguments for one event: the run it would start. */
async function triggerRun(definition: Json, event: Json): Promise<{ name: string; input: Json }> {
  const states = { input: event, context: {} };
  const route = definition.States.Route.Choices as Json[];
  let next: string | undefined;
  for (const choice of route) if (await evaluate(choice.Condition, { states })) { next = choice.Next; break; }
  if (!next) throw new Error('no route');
  const run = await evaluate(definition.States[next].Assign.run, { states });
  const start = definition.States.StartRun.Arguments;
  return { name: await evaluate(start.Name, { run }), input: JSON.parse(await evaluate(start.Input, { run })) };
}

describe('ScheduledRun', () => {
  const config: FixtureConfig = { mode: 'job', schedule: 'cron(5 * * * ? *)', timezone: 'Europe/London', retries: 3, maxRuntimeMinutes: 45 };

  test('ScheduledRun - EventBridge Scheduler starts the trigger at the schedule, in its time zone, with the scheduled time', () => {
    const synth = synthPipeline(config);
    expect(synth.text).toHaveResourceWithProperties(SchedulerSchedule, {
      name: PREFIX,
      group_name: 'default',
      schedule_expression: 'cron(5 * * * ? *)',
      schedule_expression_timezone: 'Europe/London',
      flexible_time_window: { mode: 'OFF' },
      state: 'ENABLED',
    });
    const schedule = synth.resource('aws_scheduler_schedule');
    expect(schedule.target.arn).toMatch(/^\$\{aws_sfn_state_machine\.Pipeline_ScheduledRun_Trigger_StateMachine_[0-9A-F]{8}\.arn\}$/);
    expect(JSON.parse(schedule.target.input)).toEqual({ trigger: { kind: 'schedule', scheduledTime: '<aws.scheduler.scheduled-time>' } });
    expect(synth.resources('aws_ecs_service')).toHaveLength(0);
  });

  test('ScheduledRun - the main machine runs the task with the data interval of its input, retried, each attempt bounded', () => {
    const definition = synthPipeline(config).stateMachineDefinition();
    expect(definition.QueryLanguage).toBe('JSONata');
    const run = definition.States.RunTask;
    expect(run).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::ecs:runTask.sync',
      TimeoutSeconds: 45 * 60,
      Retry: [
        { ErrorEquals: ['ECS.AmazonECSException', 'ECS.ServerException', 'ECS.ThrottlingException', 'AmazonECS.Unknown'], ...TRANSIENT_RETRY },
        { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 60, BackoffRate: 2, MaxAttempts: 3, JitterStrategy: 'FULL' },
      ],
      Next: 'FreeRunSlot',
    });
    expect(run.Arguments).toMatchObject({ LaunchType: 'FARGATE', PropagateTags: 'TASK_DEFINITION', EnableExecuteCommand: false });
    expect(run.Arguments.Cluster).toMatch(SSM('ClusterArn'));
    expect(run.Arguments.Overrides.ContainerOverrides).toEqual([{
      Name: 'app',
      Environment: [
        { Name: 'DATA_INTERVAL_START', Value: '{% $states.context.Execution.Input.interval.start %}' },
        { Name: 'DATA_INTERVAL_END', Value: '{% $states.context.Execution.Input.interval.end %}' },
        { Name: 'RUN_ID', Value: '{% $states.context.Execution.Name %}' },
      ],
    }]);
    // Waiting for the running one (45 min + 1), 4 attempts of 45 minutes, waits of 1 + 2 + 4 minutes, a 5-minute margin.
    expect(definition.TimeoutSeconds).toBe(45 * 60 + 60 + 4 * 45 * 60 + (60 + 120 + 240) + 300);
  });

  test('ScheduledRun - one run at a time: a conditional PutItem takes the slot, a conditional DeleteItem frees it on every path', () => {
    const definition = synthPipeline(config).stateMachineDefinition();
    const { States } = definition;
    expect(definition.StartAt).toBe('RecordStart');
    expect(States.RecordStart.Next).toBe('Prepare');
    expect(States.TakeRunSlot).toMatchObject({
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Arguments: { ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR runId = :me' },
      Retry: [{ ErrorEquals: [...TRANSIENT_ERRORS.dynamodb], ...TRANSIENT_RETRY }],
      Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'RunSlotTaken' }, { ErrorEquals: ['States.ALL'], Next: 'RecordSlotUnavailable' }],
      Next: 'RunTask',
    });
    expect(States.TakeRunSlot.Retry[0].ErrorEquals).not.toContain('DynamoDB.ConditionalCheckFailedException');
    expect(States.TakeRunSlot.Arguments.TableName).toMatch(/^\$\{aws_dynamodb_table\.Pipeline_ScheduledRun_RunsTable(_Table)?_[0-9A-F]{8}\.name\}$/);
    expect(States.RunSlotTaken.Choices).toEqual([{ Condition: '{% $millis() - $waitingSince < 2700000 %}', Assign: { slot: 1 }, Next: 'WaitForRunningOne' }]);
    expect(States.RunSlotTaken.Default).toBe('RecordGaveUp');
    expect(States.WaitForRunningOne).toEqual({ Type: 'Wait', Seconds: 60, Next: 'TakeRunSlot' });
    expect(States.GaveUpWaiting).toMatchObject({ Type: 'Fail', Error: 'Pipeline.GaveUpWaiting' });
    expect(States.RunTask.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'FreeRunSlotAfterFailure' })]);
    for (const [name, next] of [['FreeRunSlot', 'RecordSucceeded'], ['FreeRunSlotAfterFailure', 'RecordFailed']]) {
      expect(States[name]).toMatchObject({
        Resource: 'arn:aws:states:::dynamodb:deleteItem',
        Arguments: { ConditionExpression: 'runId = :me' },
        Retry: [{ ErrorEquals: [...TRANSIENT_ERRORS.dynamodb], ...TRANSIENT_RETRY }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: next }],
        Next: next,
      });
    }
    expect(States.RunFailed).toMatchObject({ Type: 'Fail', Error: 'Pipeline.RunFailed' });
  });

  test('ScheduledRun - the run ledger: a run records itself RUNNING first, then its outcome on every path it handles, and goes on if a write fails', () => {
    const { States } = synthPipeline(config).stateMachineDefinition();
    for (const [state, next] of [
      ['RecordStart', 'Prepare'],
      ['RecordSucceeded', 'Succeeded'],
      ['RecordFailed', 'RunFailed'],
      ['RecordGaveUp', 'GaveUpWaiting'],
      ['RecordSlotUnavailable', 'RunSlotUnavailable'],
    ]) {
      expect(States[state!]).toMatchObject({
        Resource: 'arn:aws:states:::dynamodb:putItem',
        Arguments: { TableName: 'data-platform-runs-dev' },
        Retry: [{ ErrorEquals: [...TRANSIENT_ERRORS.dynamodb], ...TRANSIENT_RETRY }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: next }],
        Next: next,
      });
    }
  });

  test('ScheduledRun - the run ledger: the records a run writes, with its interval, trigger, attempts, last task and outcome', async () => {
    const { States } = synthPipeline(config).stateMachineDefinition();
    const input = { interval: { start: '2026-12-01T09:05:00Z', end: '2026-12-01T10:05:00Z' }, trigger: { kind: 'schedule', scheduledTime: '2026-12-01T10:05:00Z' } };
    const context = {
      Execution: {
        Id: 'arn:aws:states:eu-west-1:111111111111:execution:dp-test-pipeline-dev:schedule-20261201T0905Z-20261201T1005Z',
        Name: 'schedule-20261201T0905Z-20261201T1005Z',
        StartTime: '2026-12-01T10:05:01.250Z',
        Input: input,
      },
    };
    const common = {
      pk: { S: 'test-pipeline' },
      sk: { S: '2026-12-01T09:05:00Z#schedule-20261201T0905Z-20261201T1005Z' },
      run: { S: 'schedule-20261201T0905Z-20261201T1005Z' },
      executionArn: { S: context.Execution.Id },
      intervalStart: { S: '2026-12-01T09:05:00Z' },
      intervalEnd: { S: '2026-12-01T10:05:00Z' },
      triggerKind: { S: 'schedule' },
      trigger: { S: JSON.stringify(input.trigger) },
      startedAt: { S: '2026-12-01T10:05:01.250Z' },
      deadline: { S: new Date(Date.parse('2026-12-01T10:05:01.250Z') + synthPipeline(config).stateMachineDefinition().TimeoutSeconds * 1000).toISOString() },
      recordedBy: { S: 'run' },
    };
    const started = Date.parse('2026-12-01T10:05:01.250Z') / 1000;
    expect(await evaluate(States.RecordStart.Arguments.Item, { states: { context } })).toEqual({
      ...common,
      outcome: { S: 'RUNNING' },
      expiresAt: { N: String(Math.floor(started) + 400 * 86_400) },
    });
    const ended = Date.parse('2026-12-01T10:40:00Z');
    const task = { arn: 'arn:aws:ecs:eu-west-1:111111111111:task/data-platform-dev/abc', exitCode: 2, stopReason: 'Essential container in task exited' };
    const failed = await evaluate(States.RecordFailed.Arguments.Item, {
      states: { context },
      attempts: 3,
      task,
      checks: [],
      error: 'States.TaskFailed',
      cause: '{"ExitCode":2}',
      millis: () => ended,
    });
    expect(failed).toEqual({
      ...common,
      outcome: { S: 'FAILED' },
      endedAt: { S: '2026-12-01T10:40:00.000Z' },
      attempts: { N: '3' },
      taskArn: { S: task.arn },
      exitCode: { N: '2' },
      stopReason: { S: task.stopReason },
      error: { S: 'Pipeline.RunFailed' },
      cause: { S: expect.stringContaining('failed after 3 attempt(s) (States.TaskFailed:') },
      expiresAt: { N: String(ended / 1000 + 400 * 86_400) },
    });
    const checks = [{ dataset: 'orders', check: 'rowCount', blocking: true, passed: true, observed: 120, expected: 'at least 1' }];
    const succeeded = await evaluate(States.RecordSucceeded.Arguments.Item, { states: { context }, attempts: 1, task: {}, checks, millis: () => ended });
    expect(succeeded).toMatchObject({ outcome: { S: 'SUCCEEDED' }, attempts: { N: '1' }, checks: { S: JSON.stringify(checks) } });
    expect(succeeded).not.toHaveProperty('error');
    expect(succeeded).not.toHaveProperty('taskArn');
  });

  test('ScheduledRun - the run ledger: what an attempt leaves for the record, from a task that succeeded or from the cause of one that failed', async () => {
    const { States } = synthPipeline(config).stateMachineDefinition();
    const arn = 'arn:aws:ecs:eu-west-1:111111111111:task/data-platform-dev/abc';
    const result = { TaskArn: arn, StoppedReason: 'Essential container in task exited', Containers: [{ Name: 'app', ExitCode: 0 }] };
    expect(await evaluate(States.RunTask.Assign.task, { states: { result, context: { State: { RetryCount: 1 } } } })).toEqual({
      arn,
      exitCode: 0,
      stopReason: 'Essential container in task exited',
    });
    expect(await evaluate(States.RunTask.Assign.attempts, { states: { context: { State: { RetryCount: 1 } } } })).toBe(2);
    const catcher = States.RunTask.Catch[0].Assign;
    const cause = JSON.stringify({ Attachments: [], Containers: [{ ExitCode: 137, Name: 'app' }], StoppedReason: 'Task stopped by user', TaskArn: arn });
    expect(await evaluate(catcher.task, { states: { errorOutput: { Error: 'States.TaskFailed', Cause: cause } } })).toEqual({ arn, exitCode: 137, stopReason: 'Task stopped by user' });
    // A timeout carries no cause, a refused call a message: nothing to read, and nothing fails.
    expect(await evaluate(catcher.task, { states: { errorOutput: { Error: 'States.Timeout' } } })).toEqual({});
    expect(await evaluate(catcher.task, { states: { errorOutput: { Error: 'ECS.AmazonECSException', Cause: 'Rate exceeded' } } })).toEqual({});
  });

  test('ScheduledRun - the lock expires with the execution, so an aborted run cannot hold it', async () => {
    const definition = synthPipeline(config).stateMachineDefinition();
    const expiry = definition.States.TakeRunSlot.Arguments.Item.expiresAt.N;
    const now = Date.parse('2026-12-01T10:05:00Z');
    const seconds = Number(await jsonata(/^\{% (.*) %\}$/.exec(expiry)![1]!).evaluate({}, { millis: () => now }));
    expect(seconds).toBe(now / 1000 + definition.TimeoutSeconds);
  });

  test('ScheduledRun - the failure cause names the run, its interval and the attempts', async () => {
    const definition = synthPipeline(config).stateMachineDefinition();
    const context = { Execution: { Name: 'schedule-20261201T0905Z-20261201T1005Z', Input: { interval: { start: '2026-12-01T09:05:00Z', end: '2026-12-01T10:05:00Z' } } } };
    expect(await evaluate(definition.States.RunFailed.Cause, { states: { context }, attempts: 4, error: 'States.TaskFailed', cause: '{"stopCode":"EssentialContainerExited"}' })).toBe(
      'Run schedule-20261201T0905Z-20261201T1005Z of test-pipeline (dev), data interval 2026-12-01T09:05:00Z to 2026-12-01T10:05:00Z failed ' +
        "after 4 attempt(s) (States.TaskFailed: {'stopCode':'EssentialContainerExited'})",
    );
    expect(await evaluate(definition.States.GaveUpWaiting.Cause, { states: { context } })).toBe(
      'Run schedule-20261201T0905Z-20261201T1005Z of test-pipeline (dev), data interval 2026-12-01T09:05:00Z to 2026-12-01T10:05:00Z gave up: ' +
        'another run held the run slot for 45 minutes (its maxRuntimeMinutes). It never ran; run it again when the other run has ended.',
    );
  });

  test('ScheduledRun - concurrency N tries N slots before it waits', () => {
    const definition = synthPipeline({ ...config, concurrency: { limit: 3, reason: 'intervals are independent' } }).stateMachineDefinition();
    expect(definition.States.RunSlotTaken.Choices[0]).toEqual({ Condition: '{% $slot < 3 %}', Assign: { slot: '{% $slot + 1 %}' }, Next: 'TakeRunSlot' });
  });

  test('ScheduledRun - spot runs the first attempt on FARGATE_SPOT and retries on FARGATE', async () => {
    const run = synthPipeline({ ...config, spot: true }).stateMachineDefinition().States.RunTask;
    expect(run.Arguments.LaunchType).toBeUndefined();
    const strategy = (retryCount: number) => evaluate(run.Arguments.CapacityProviderStrategy, { states: { context: { State: { RetryCount: retryCount } } } });
    expect(await strategy(0)).toEqual([{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }]);
    expect(await strategy(1)).toEqual([{ CapacityProvider: 'FARGATE', Weight: 1 }]);
  });

  test('ScheduledRun - the runs table: on demand, encrypted, with a TTL', () => {
    expect(synthPipeline(config).text).toHaveResourceWithProperties(DynamodbTable, {
      name: `${PREFIX}-runs`,
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'pk',
      ttl: { attribute_name: 'expiresAt', enabled: true },
      server_side_encryption: { enabled: true },
    });
  });

  test('ScheduledRun - the trigger turns a scheduled time into the run of the period that ends then', async () => {
    const definition = synthPipeline(config).triggerDefinition();
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(await triggerRun(definition, { trigger: { kind: 'schedule', scheduledTime: '2026-07-01T10:05:00Z' } })).toEqual({
      name: 'schedule-20260701T0905Z-20260701T1005Z',
      input: { interval: { start: '2026-07-01T09:05:00Z', end: '2026-07-01T10:05:00Z' }, trigger: { kind: 'schedule', scheduledTime: '2026-07-01T10:05:00Z' } },
    });
    expect(definition.States.StartRun.Catch).toEqual([{ ErrorEquals: ['Sfn.ExecutionAlreadyExistsException'], Next: 'AlreadyRun' }]);
  });

  test('ScheduledRun - after one upstream: one rule, its upstream interval, from the input or else the name', async () => {
    const synth = synthPipeline({ mode: 'job', after: ['shopify-products'], freshWithinHours: 3 });
    const rule = synth.resources('aws_cloudwatch_event_rule').find((r) => r.name === `${PREFIX}-after`);
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: ['SUCCEEDED'], stateMachineArn: ['arn:aws:states:eu-west-1:111111111111:stateMachine:dp-shopify-products-dev'] },
    });
    expect(synth.resources('aws_scheduler_schedule')).toHaveLength(0);
    const detail = {
      name: 'schedule-20261201T0905Z-20261201T1005Z',
      stateMachineArn: 'arn:aws:states:eu-west-1:111111111111:stateMachine:dp-shopify-products-dev',
      executionArn: 'arn:aws:states:eu-west-1:111111111111:execution:dp-shopify-products-dev:schedule-20261201T0905Z-20261201T1005Z',
    };
    const expected = {
      name: 'after-20261201T0905Z-20261201T1005Z',
      input: {
        interval: { start: '2026-12-01T09:05:00Z', end: '2026-12-01T10:05:00Z' },
        trigger: { kind: 'after', upstreams: [{ pipeline: 'shopify-products', execution: detail.executionArn }] },
      },
    };
    const definition = synth.triggerDefinition();
    const input = JSON.stringify({ interval: { start: '2026-12-01T09:05:00Z', end: '2026-12-01T10:05:00Z' } });
    expect(await triggerRun(definition, { source: 'aws.states', detail: { ...detail, input } })).toEqual(expected);
    expect(await triggerRun(definition, { source: 'aws.states', detail: { ...detail, input: null } })).toEqual(expected);
  });

  test('ScheduledRun - after several upstreams: successes are recorded per interval, the last one starts the run', async () => {
    const definition = synthPipeline({ mode: 'job', after: ['b-up', 'a-up'], freshWithinHours: 3 }).triggerDefinition();
    expect(definition.States.FromUpstream.Next).toBe('RecordUpstream');
    expect(definition.States.RecordUpstream).toMatchObject({
      Resource: 'arn:aws:states:::dynamodb:updateItem',
      Arguments: { UpdateExpression: 'ADD upstreams :upstream, executions :execution SET expiresAt = :expiry', ReturnValues: 'ALL_NEW' },
    });
    const done = definition.States.AllUpstreamsSucceeded.Choices[0];
    expect(await evaluate(done.Condition, { arrived: ['a-up'] })).toBe(false);
    expect(await evaluate(done.Condition, { arrived: ['b-up', 'a-up'] })).toBe(true);
    const executions = ['arn:aws:states:eu-west-1:1:execution:dp-a-up-dev:x', 'arn:aws:states:eu-west-1:1:execution:dp-b-up-dev:y'];
    expect((await evaluate(done.Assign.run, { run: { kind: 'after', start: 0, end: 1 }, executions })).trigger).toEqual({
      kind: 'after',
      upstreams: [{ pipeline: 'a-up', execution: executions[0] }, { pipeline: 'b-up', execution: executions[1] }],
    });
  });

  test('ScheduledRun - on data: one rule on the lake prefixes, one run per quiet window, waiting for its end', async () => {
    const synth = synthPipeline({ mode: 'job', onData: { prefixes: ['partner-drops/orders/'], quietMinutes: 5 }, freshWithinHours: 26 });
    const rule = synth.resources('aws_cloudwatch_event_rule').find((r) => r.name === `${PREFIX}-on-data`);
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern).toMatchObject({ source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { object: { key: [{ prefix: 'partner-drops/orders/' }] } } });
    expect(pattern.detail.bucket.name).toEqual([expect.stringMatching(SSM('LakeBucketName'))]);
    const definition = synth.triggerDefinition();
    const event = (time: string) => ({ source: 'aws.s3', time, detail: { bucket: { name: 'lake' }, object: { key: 'partner-drops/orders/a.csv' } } });
    const first = await triggerRun(definition, event('2026-12-01T10:01:12Z'));
    expect(first).toEqual({
      name: 'data-20261201T1000Z-20261201T1005Z',
      input: { interval: { start: '2026-12-01T10:00:00Z', end: '2026-12-01T10:05:00Z' }, trigger: { kind: 'data', prefixes: ['partner-drops/orders/'] } },
    });
    // Another object of the same window: the same name and input, so StartExecution returns the same run.
    expect(await triggerRun(definition, event('2026-12-01T10:04:59Z'))).toEqual(first);
    const main = synth.stateMachineDefinition();
    expect(main.StartAt).toBe('RecordStart');
    expect(main.States.RecordStart.Next).toBe('WaitForQuietWindow');
    expect(main.States.WaitForQuietWindow.Timestamp).toBe(
      "{% $states.context.Execution.Input.trigger.kind = 'data' ? $states.context.Execution.Input.interval.end : $states.context.Execution.StartTime %}",
    );
  });

  test('ScheduledRun - each role may start only its own next step', () => {
    const scheduled = synthPipeline(config);
    // A job has one kind of trigger: the events role belongs to one run after its upstreams.
    const { schedule: _schedule, ...unscheduled } = config;
    const synth = synthPipeline({ ...unscheduled, after: ['shopify-products'], freshWithinHours: 3 });
    const only = (path: string, of = synth) => Object.values(of.policy(path));
    const machine = (id: string) => expect.stringMatching(new RegExp(`^\\$\\{aws_sfn_state_machine\\.Pipeline_ScheduledRun_${id}_[0-9A-F]{8}\\.arn\\}$`));
    expect(only('ScheduledRun/SchedulerRole/PermissionsDocument', scheduled)).toEqual([
      { sid: 'StartOwnTrigger', effect: 'Allow', actions: ['states:StartExecution'], resources: [machine('Trigger_StateMachine')] },
    ]);
    expect(only('ScheduledRun/Trigger/EventsRole/PermissionsDocument')).toEqual([
      { sid: 'StartOwnTrigger', effect: 'Allow', actions: ['states:StartExecution'], resources: [machine('Trigger_StateMachine')] },
    ]);
    expect(only('ScheduledRun/Trigger/Role/PermissionsDocument')).toEqual([
      { sid: 'StartOwnRuns', effect: 'Allow', actions: ['states:StartExecution'], resources: [`arn:aws:states:eu-west-1:111111111111:stateMachine:${PREFIX}`] },
    ]);
    const target = synth.resources('aws_cloudwatch_event_target').find((t) => t.target_id === 'trigger');
    expect(target.arn).toEqual(machine('Trigger_StateMachine'));
  });

  test('ScheduledRun - the state machine role runs this task family on the shared cluster, stops only its own tasks, passes its two roles to ECS only, holds its run slots, records its own runs', () => {
    const synth = synthPipeline(config);
    const statements = synth.policy('ScheduledRun/StateMachineRole/PermissionsDocument');
    expect(Object.keys(statements).sort()).toEqual([
      'HoldOwnRunSlots', 'ManagedRuleForTaskEvents', 'PassOwnRolesToEcs', 'RecordOwnRuns', 'RunOwnTaskOnSharedCluster', 'StopOwnTasks', 'TagOwnTaskAtLaunch',
      'WatchTasksOnSharedCluster',
    ]);
    expect(statements.RecordOwnRuns).toEqual({
      sid: 'RecordOwnRuns',
      effect: 'Allow',
      actions: ['dynamodb:PutItem'],
      resources: ['arn:aws:dynamodb:eu-west-1:111111111111:table/data-platform-runs-dev'],
      condition: [{ test: 'ForAllValues:StringEquals', variable: 'dynamodb:LeadingKeys', values: ['test-pipeline'] }],
    });
    expect(statements.StopOwnTasks).toMatchObject({
      actions: ['ecs:StopTask'],
      condition: [
        { test: 'ArnEquals', variable: 'ecs:cluster' },
        { test: 'StringEquals', variable: 'aws:ResourceTag/project', values: [NAME] },
        { test: 'StringEquals', variable: 'aws:ResourceTag/environment', values: ['dev'] },
        { test: 'StringEquals', variable: 'aws:ResourceTag/managed-by', values: ['data-platform'] },
      ],
    });
    expect(statements.RunOwnTaskOnSharedCluster).toMatchObject({
      actions: ['ecs:RunTask'],
      resources: [`arn:aws:ecs:eu-west-1:111111111111:task-definition/${PREFIX}:*`],
      condition: [{ test: 'ArnEquals', variable: 'ecs:cluster' }],
    });
    expect(statements.HoldOwnRunSlots).toMatchObject({
      actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
      resources: [expect.stringMatching(/^\$\{aws_dynamodb_table\.Pipeline_ScheduledRun_RunsTable(_Table)?_[0-9A-F]{8}\.arn\}$/)],
    });
    expect(statements.PassOwnRolesToEcs).toMatchObject({
      actions: ['iam:PassRole'],
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }],
    });
  });

  test('ScheduledRun - the subnets come from the shared platform, split when the run starts', () => {
    const { AwsvpcConfiguration } = synthPipeline(config).stateMachineDefinition().States.RunTask.Arguments.NetworkConfiguration;
    expect(AwsvpcConfiguration.Subnets).toMatch(
      /^\{% \$split\('\$\{data\.aws_ssm_parameter\.Pipeline_ScheduledRun_TaskSubnetIds_[0-9A-F]{8}\.insecure_value\}', ','\) %\}$/,
    );
  });

  test('ScheduledRun - retries 0 retries only what ECS refused; retries 2 and 60 minutes by default', () => {
    const once = synthPipeline({ ...config, retries: 0 }).stateMachineDefinition().States.RunTask;
    expect(once.Retry).toEqual([{ ErrorEquals: [...TRANSIENT_ERRORS.ecs], ...TRANSIENT_RETRY }]);
    const run = synthPipeline(SCHEDULED).stateMachineDefinition().States.RunTask;
    expect(run.TimeoutSeconds).toBe(3600);
    expect(run.Retry[1]).toMatchObject({ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 });
  });

  test('ScheduledRun - throws on a schedule the trigger cannot compute', () => {
    expect(() => synthPipeline({ mode: 'job', schedule: 'cron(0 9 15W * ? *)', missedRunPeriods: 0 })).toThrow(
      'pipeline "test-pipeline" (test-pipeline-dev/Pipeline): schedule is "cron(0 9 15W * ? *)"; the trigger cannot compute the data interval of ' +
        'this schedule: the nearest-weekday form "15W" of day-of-month is not computed by the trigger; list the days instead; a data interval is never guessed.',
    );
  });
});
