import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { partitionOf } from '@data-platform/config';
import { sharedParameterName, type SharedPlatform } from '@data-platform/core';
import { Construct } from 'constructs';
import type { ResolvedPipeline } from './resolve-config';
import { ServiceRole } from './service-role';

export interface ScheduledRunConfig {
  /** The pipeline, resolved for this environment (schedule mode). */
  readonly pipeline: ResolvedPipeline;
  /** The shared platform: cluster, subnets, security group. */
  readonly platform: SharedPlatform;
  /** The task definition revision to run. */
  readonly taskDefinitionArn: string;
  /** The execution role, which the state machine passes to ECS. */
  readonly executionRoleArn: string;
  /** The task role, which the state machine passes to ECS. */
  readonly taskRoleArn: string;
}

/** First retry after a minute, then doubling: 1, 2, 4 ... minutes (with full jitter). */
const RETRY_INTERVAL_SECONDS = 60;
const RETRY_BACKOFF_RATE = 2;
/** Errors a retry may cure: the container exited non-zero or never started, or ECS refused the call. */
const RETRIED_ERRORS = ['States.TaskFailed', 'ECS.AmazonECSException', 'AmazonECS.Unknown'];

/** The longest a whole run may last: every attempt at its maximum, the waits between them, and a margin. */
export function executionTimeoutSeconds(pipeline: ResolvedPipeline): number {
  const attempts = pipeline.retries + 1;
  let waits = 0;
  for (let retry = 0; retry < pipeline.retries; retry += 1) waits += RETRY_INTERVAL_SECONDS * RETRY_BACKOFF_RATE ** retry;
  return attempts * pipeline.maxRuntimeMinutes * 60 + waits + 300;
}

/**
 * Schedule mode, as DESIGN.md decides: EventBridge Scheduler starts a state machine that runs the
 * task with `ecs:runTask.sync`, retries a failed attempt with backoff, and fails the attempt (Step
 * Functions then stops the task) when it outlives maxRuntimeMinutes. Each role does one thing: the
 * scheduler role starts this state machine; the state machine role runs this task family on the
 * shared cluster and passes its two roles to ECS only.
 */
export class ScheduledRun extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly schedule: SchedulerSchedule;

  constructor(scope: Construct, id: string, config: ScheduledRunConfig) {
    super(scope, id);
    const { pipeline, platform } = config;
    const { names, environment } = pipeline;
    const { region, accountId } = environment;
    const partition = partitionOf(region);
    const schedule = pipeline.schedule!;
    const stateMachineArn = `arn:${partition}:states:${region}:${accountId}:stateMachine:${names.stateMachine}`;
    const subnetIdsText = new DataAwsSsmParameter(this, 'TaskSubnetIds', {
      name: sharedParameterName(environment.name, 'taskSubnetIds'),
    }).insecureValue;
    const ecsArn = (resource: string) => `arn:${partition}:ecs:${region}:${accountId}:${resource}`;

    const runRole = new ServiceRole(this, 'StateMachineRole', {
      name: names.stateMachineRole,
      description: `Runs the scheduled task of pipeline ${pipeline.name} (${environment.name}) from its state machine.`,
      service: 'states.amazonaws.com',
      sourceAccount: accountId,
      sourceArn: stateMachineArn,
      policies: [{
        id: 'Permissions',
        name: 'least-privilege',
        statements: [
          {
            sid: 'RunOwnTaskOnSharedCluster',
            actions: ['ecs:RunTask'],
            resources: [ecsArn(`task-definition/${names.taskFamily}:*`)],
            conditions: [{ test: 'ArnEquals', variable: 'ecs:cluster', values: [platform.clusterArn] }],
          },
          {
            sid: 'WatchAndStopOwnTask',
            actions: ['ecs:DescribeTasks', 'ecs:StopTask'],
            resources: [ecsArn(`task/${platform.clusterName}/*`)],
            conditions: [{ test: 'ArnEquals', variable: 'ecs:cluster', values: [platform.clusterArn] }],
          },
          {
            sid: 'TagOwnTaskAtLaunch',
            actions: ['ecs:TagResource'],
            resources: [ecsArn(`task/${platform.clusterName}/*`)],
            conditions: [{ test: 'StringEquals', variable: 'ecs:CreateAction', values: ['RunTask'] }],
          },
          {
            // runTask.sync learns that the task stopped through this managed rule.
            sid: 'ManagedRuleForTaskEvents',
            actions: ['events:DescribeRule', 'events:PutRule', 'events:PutTargets'],
            resources: [`arn:${partition}:events:${region}:${accountId}:rule/StepFunctionsGetEventsForECSTaskRule`],
          },
          {
            sid: 'PassOwnRolesToEcs',
            actions: ['iam:PassRole'],
            resources: [config.executionRoleArn, config.taskRoleArn],
            conditions: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }],
          },
        ],
      }],
    });

    const runTask: Record<string, unknown> = {
      Type: 'Task',
      Comment: `One attempt, stopped after ${pipeline.maxRuntimeMinutes} minutes`,
      Resource: `arn:${partition}:states:::ecs:runTask.sync`,
      Parameters: {
        Cluster: platform.clusterArn,
        TaskDefinition: config.taskDefinitionArn,
        LaunchType: 'FARGATE',
        PlatformVersion: 'LATEST',
        NetworkConfiguration: {
          AwsvpcConfiguration: {
            // A list only Terraform knows cannot sit in a JSON string: take the contract's comma-separated
            // text and split it when the run starts, so that the definition stays plain JSON (which the
            // policy checks read) with nothing but a reference in it.
            'Subnets.$': `States.StringSplit('${subnetIdsText}', ',')`,
            SecurityGroups: [platform.taskSecurityGroupId],
            AssignPublicIp: environment.networkMode === 'public-dev' ? 'ENABLED' : 'DISABLED',
          },
        },
        EnableExecuteCommand: pipeline.enableExecuteCommand,
        PropagateTags: 'TASK_DEFINITION',
        'StartedBy.$': '$$.Execution.Name',
      },
      TimeoutSeconds: pipeline.maxRuntimeMinutes * 60,
      ...(pipeline.retries > 0
        ? {
            Retry: [{
              ErrorEquals: RETRIED_ERRORS,
              IntervalSeconds: RETRY_INTERVAL_SECONDS,
              BackoffRate: RETRY_BACKOFF_RATE,
              MaxAttempts: pipeline.retries,
              JitterStrategy: 'FULL',
            }],
          }
        : {}),
      End: true,
    };
    const definition = JSON.stringify({
      Comment: `Scheduled run of pipeline ${pipeline.name} (${environment.name}): ${schedule.expression} ${schedule.timezone}`,
      StartAt: 'RunTask',
      TimeoutSeconds: executionTimeoutSeconds(pipeline),
      States: { RunTask: runTask },
    });

    this.stateMachine = new SfnStateMachine(this, 'StateMachine', {
      name: names.stateMachine,
      type: 'STANDARD',
      roleArn: runRole.role.arn,
      definition,
    });

    const startRole = new ServiceRole(this, 'SchedulerRole', {
      name: names.schedulerRole,
      description: `Starts the scheduled runs of pipeline ${pipeline.name} (${environment.name}).`,
      service: 'scheduler.amazonaws.com',
      sourceAccount: accountId,
      sourceArn: `arn:${partition}:scheduler:${region}:${accountId}:schedule-group/default`,
      policies: [{
        id: 'Permissions',
        name: 'least-privilege',
        statements: [{ sid: 'StartOwnStateMachine', actions: ['states:StartExecution'], resources: [this.stateMachine.arn] }],
      }],
    });

    this.schedule = new SchedulerSchedule(this, 'Schedule', {
      name: names.schedule,
      groupName: 'default',
      description: `Starts pipeline ${pipeline.name} (${environment.name})`,
      scheduleExpression: schedule.expression,
      scheduleExpressionTimezone: schedule.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: this.stateMachine.arn,
        roleArn: startRole.role.arn,
        input: '{}',
        // Retries of the StartExecution call itself; a run that never starts trips the missed-run alarm.
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
      },
    });
  }
}
