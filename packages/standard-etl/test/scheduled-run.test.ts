import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { PREFIX, SCHEDULED, SSM, synthPipeline } from './pipeline-fixture';

describe('ScheduledRun', () => {
  const config = { mode: 'schedule' as const, schedule: 'cron(5 * * * ? *)', timezone: 'Europe/London', retries: 3, maxRuntimeMinutes: 45 };

  test('ScheduledRun - EventBridge Scheduler starts the state machine at the schedule, in its time zone', () => {
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
    expect(schedule.target.arn).toMatch(/^\$\{aws_sfn_state_machine\.Pipeline_ScheduledRun_StateMachine_[0-9A-F]{8}\.arn\}$/);
    expect(schedule.target.role_arn).toMatch(/^\$\{aws_iam_role\.Pipeline_ScheduledRun_SchedulerRole_[0-9A-F]{8}\.arn\}$/);
    expect(synth.resources('aws_ecs_service')).toHaveLength(0);
  });

  test('ScheduledRun - the state machine runs the task with runTask.sync, retries with backoff and stops it at the maximum runtime', () => {
    const definition = synthPipeline(config).stateMachineDefinition();
    const run = definition.States.RunTask;
    expect(definition.StartAt).toBe('RunTask');
    expect(run).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::ecs:runTask.sync',
      TimeoutSeconds: 45 * 60,
      Retry: [{ ErrorEquals: ['States.TaskFailed', 'ECS.AmazonECSException', 'AmazonECS.Unknown'], IntervalSeconds: 60, BackoffRate: 2, MaxAttempts: 3, JitterStrategy: 'FULL' }],
      End: true,
    });
    expect(run.Parameters).toMatchObject({ LaunchType: 'FARGATE', PropagateTags: 'TASK_DEFINITION', EnableExecuteCommand: false });
    expect(run.Parameters.Cluster).toMatch(SSM('ClusterArn'));
    expect(run.Parameters.TaskDefinition).toMatch(/^\$\{aws_ecs_task_definition\.Pipeline_TaskDefinition_[0-9A-F]{8}\.arn\}$/);
    // 4 attempts of 45 minutes, waits of 1 + 2 + 4 minutes, and a 5-minute margin.
    expect(definition.TimeoutSeconds).toBe(4 * 45 * 60 + (60 + 120 + 240) + 300);
  });

  test('ScheduledRun - the subnets come from the shared platform, split when the run starts', () => {
    const { AwsvpcConfiguration } = synthPipeline(config).stateMachineDefinition().States.RunTask.Parameters.NetworkConfiguration;
    expect(AwsvpcConfiguration['Subnets.$']).toMatch(
      /^States\.StringSplit\('\$\{data\.aws_ssm_parameter\.Pipeline_ScheduledRun_TaskSubnetIds_[0-9A-F]{8}\.insecure_value\}', ','\)$/,
    );
    expect(AwsvpcConfiguration.SecurityGroups).toEqual([expect.stringMatching(SSM('TaskSecurityGroupId'))]);
    const parameters = Object.entries(synthPipeline(config).json.data.aws_ssm_parameter);
    expect(parameters.find(([id]) => id.startsWith('Pipeline_ScheduledRun_TaskSubnetIds_'))?.[1]).toEqual({ name: '/data-platform/dev/shared/task-subnet-ids' });
  });

  test('ScheduledRun - no Retry block when retries is 0', () => {
    expect(synthPipeline({ ...config, retries: 0 }).stateMachineDefinition().States.RunTask).not.toHaveProperty('Retry');
  });

  test('ScheduledRun - retries 2 and 60 minutes by default', () => {
    const run = synthPipeline(SCHEDULED).stateMachineDefinition().States.RunTask;
    expect(run.TimeoutSeconds).toBe(3600);
    expect(run.Retry[0].MaxAttempts).toBe(2);
  });

  test('ScheduledRun - the state machine role runs this task family on the shared cluster and passes its two roles to ECS only', () => {
    const synth = synthPipeline(config);
    const statements = synth.policy('ScheduledRun/StateMachineRole/PermissionsDocument');
    expect(Object.keys(statements).sort()).toEqual(
      ['ManagedRuleForTaskEvents', 'PassOwnRolesToEcs', 'RunOwnTaskOnSharedCluster', 'TagOwnTaskAtLaunch', 'WatchAndStopOwnTask'],
    );
    expect(statements.RunOwnTaskOnSharedCluster).toMatchObject({
      actions: ['ecs:RunTask'],
      resources: [`arn:aws:ecs:eu-west-1:111111111111:task-definition/${PREFIX}:*`],
      condition: [{ test: 'ArnEquals', variable: 'ecs:cluster' }],
    });
    expect(statements.WatchAndStopOwnTask.actions).toEqual(['ecs:DescribeTasks', 'ecs:StopTask']);
    expect(statements.PassOwnRolesToEcs).toMatchObject({
      actions: ['iam:PassRole'],
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }],
    });
    expect(statements.PassOwnRolesToEcs.resources).toEqual([
      expect.stringMatching(/^\$\{aws_iam_role\.Pipeline_ExecutionRole_[0-9A-F]{8}\.arn\}$/),
      expect.stringMatching(/^\$\{aws_iam_role\.Pipeline_TaskRole_[0-9A-F]{8}\.arn\}$/),
    ]);
    expect(statements.ManagedRuleForTaskEvents.resources).toEqual(['arn:aws:events:eu-west-1:111111111111:rule/StepFunctionsGetEventsForECSTaskRule']);
  });

  test('ScheduledRun - the scheduler role may only start this state machine', () => {
    const statements = synthPipeline(config).policy('ScheduledRun/SchedulerRole/PermissionsDocument');
    expect(Object.values(statements)).toEqual([
      {
        sid: 'StartOwnStateMachine',
        effect: 'Allow',
        actions: ['states:StartExecution'],
        resources: [expect.stringMatching(/^\$\{aws_sfn_state_machine\.Pipeline_ScheduledRun_StateMachine_[0-9A-F]{8}\.arn\}$/)],
      },
    ]);
  });
});
