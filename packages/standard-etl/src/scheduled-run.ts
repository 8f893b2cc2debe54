import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import type { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import { partitionOf } from '@data-platform/config';
import { MANAGED_BY, permissionsBoundaryArn, PLATFORM_TAG_KEYS, queryAccessStatements, sharedParameterName, type SharedPlatform } from '@data-platform/core';
import { Construct } from 'constructs';
import type { ErrorSite } from './errors';
import { CHECK_WARNING_DETAIL_TYPE, checkWarningSource, type CheckedDataset } from './check-states';
import { executionTimeoutSeconds, jobDefinition } from './job-definition';
import type { ResolvedPipeline } from './resolve-config';
import { ledgerWriteStatement } from './run-ledger-writes';
import { RunTrigger } from './run-trigger';
import { RunsTable } from './runs-table';
import { ServiceRole } from './service-role';
import { SlotRelease } from './slot-release';

export interface ScheduledRunConfig {
  /** The pipeline, resolved for this environment (job mode). */
  readonly pipeline: ResolvedPipeline;
  /** The shared platform: cluster and subnets. */
  readonly platform: SharedPlatform;
  /** The task's security groups: the shared one (HTTPS), then the pipeline's own (its declared egress). */
  readonly securityGroupIds: readonly string[];
  /** The task definition revision to run. */
  readonly taskDefinitionArn: string;
  /** The execution role, which the state machine passes to ECS. */
  readonly executionRoleArn: string;
  /** The task role, which the state machine passes to ECS. */
  readonly taskRoleArn: string;
  /** For error messages. */
  readonly site: ErrorSite;
  /**
   * The Glue table of each dataset, by dataset name: the checks of those that declare any run on
   * each run's partition, through Athena.
   * @default - none
   */
  readonly datasetTables?: Readonly<Record<string, GlueCatalogTable>>;
}

export { executionTimeoutSeconds } from './job-definition';

/**
 * Job mode: a state machine runs the task with `ecs:runTask.sync` for the data interval of its
 * input, one run per slot of its runs table, retries a failed attempt with backoff, fails the
 * attempt (Step Functions then stops the task) when it outlives maxRuntimeMinutes, and records
 * every run in the environment's run ledger. Its trigger (schedule, upstreams, data) starts it
 * with interval-derived names; its run-ended machine finishes what a stopped or failed run could
 * not (its ledger record, its slot). Each role does one thing: the scheduler role and the rules'
 * role start the trigger; the trigger's role starts this state machine; the state machine role
 * runs this task family on the shared cluster, stops only its own tasks, passes its two roles to
 * ECS only, holds its run slots and writes its own partition of the run ledger.
 */
export class ScheduledRun extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly runsTable: RunsTable;
  readonly trigger: RunTrigger;
  /** Frees the slot of every run that ended, stopped and timed-out runs included. */
  readonly slotRelease: SlotRelease;
  /** When the job has a schedule. */
  readonly schedule?: SchedulerSchedule;

  constructor(scope: Construct, id: string, config: ScheduledRunConfig) {
    super(scope, id);
    const { pipeline, platform } = config;
    const { names, environment } = pipeline;
    const { region, accountId } = environment;
    const partition = partitionOf(region);
    const schedule = pipeline.schedule;
    const stateMachineArn = `arn:${partition}:states:${region}:${accountId}:stateMachine:${names.stateMachine}`;
    const subnetIdsText = new DataAwsSsmParameter(this, 'TaskSubnetIds', {
      name: sharedParameterName(environment.name, 'taskSubnetIds'),
    }).insecureValue;
    const ecsArn = (resource: string) => `arn:${partition}:ecs:${region}:${accountId}:${resource}`;

    this.runsTable = new RunsTable(this, 'RunsTable', { name: names.runsTable });

    const runRole = new ServiceRole(this, 'StateMachineRole', {
      name: names.stateMachineRole,
      description: `Runs the scheduled task of pipeline ${pipeline.name} (${environment.name}) from its state machine.`,
      service: 'states.amazonaws.com',
      sourceAccount: accountId,
      permissionsBoundary: permissionsBoundaryArn(environment),
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
            sid: 'WatchTasksOnSharedCluster',
            actions: ['ecs:DescribeTasks'],
            resources: [ecsArn(`task/${platform.clusterName}/*`)],
            conditions: [{ test: 'ArnEquals', variable: 'ecs:cluster', values: [platform.clusterArn] }],
          },
          {
            // Its tasks carry its task definition's tags (the runs propagate them): it stops only those,
            // never another pipeline's task or a service's.
            sid: 'StopOwnTasks',
            actions: ['ecs:StopTask'],
            resources: [ecsArn(`task/${platform.clusterName}/*`)],
            conditions: [
              { test: 'ArnEquals', variable: 'ecs:cluster', values: [platform.clusterArn] },
              { test: 'StringEquals', variable: `aws:ResourceTag/${PLATFORM_TAG_KEYS.project}`, values: [pipeline.name] },
              { test: 'StringEquals', variable: `aws:ResourceTag/${PLATFORM_TAG_KEYS.environment}`, values: [environment.name] },
              { test: 'StringEquals', variable: `aws:ResourceTag/${PLATFORM_TAG_KEYS.managedBy}`, values: [MANAGED_BY] },
            ],
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
            sid: 'HoldOwnRunSlots',
            actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
            resources: [this.runsTable.table.arn],
          },
          ledgerWriteStatement(pipeline, 'RecordOwnRuns'),
          {
            sid: 'PassOwnRolesToEcs',
            actions: ['iam:PassRole'],
            resources: [config.executionRoleArn, config.taskRoleArn],
            conditions: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }],
          },
        ],
      }],
    });

    // Data checks: the datasets that declare any, their tables as Terraform names them (so the
    // machine is created after them), and what reading them through Athena takes, nothing more.
    const checked: CheckedDataset[] = pipeline.datasets
      .filter((dataset) => dataset.checks.length > 0)
      .map((dataset) => {
        const table = config.datasetTables?.[dataset.name];
        if (!table) throw new Error(`dataset ${dataset.name} of ${pipeline.name} has checks but no table was given to ScheduledRun`);
        return { dataset, table: { database: table.databaseName, table: table.name, partitionedBy: dataset.partitionedBy } };
      });
    if (checked.length > 0) {
      const source = checkWarningSource(`${pipeline.name}-${environment.name}`);
      runRole.addPolicy('CheckPermissions', 'data-checks', [
        ...queryAccessStatements({
          environment,
          platform,
          tables: checked.map((c) => c.dataset.table),
          prefixes: checked.map((c) => c.dataset.prefix),
        }).map((statement) => ({ ...statement, sid: `Checks${statement.sid}` })),
        {
          sid: 'ChecksSendOwnWarnings',
          actions: ['events:PutEvents'],
          resources: [`arn:${partition}:events:${region}:${accountId}:event-bus/default`],
          // Both keys are multivalued (one value per entry of the PutEvents call): every entry must be
          // this pipeline's warning, and a call without them matches nothing.
          conditions: [
            { test: 'ForAllValues:StringEquals', variable: 'events:source', values: [source] },
            { test: 'ForAllValues:StringEquals', variable: 'events:detail-type', values: [CHECK_WARNING_DETAIL_TYPE] },
            { test: 'Null', variable: 'events:source', values: ['false'] },
            { test: 'Null', variable: 'events:detail-type', values: ['false'] },
          ],
        },
      ]);
    }

    const definition = JSON.stringify(
      jobDefinition({
        pipeline,
        partition,
        clusterArn: platform.clusterArn,
        taskDefinitionArn: config.taskDefinitionArn,
        securityGroupIds: config.securityGroupIds,
        subnetIdsText,
        runsTableName: this.runsTable.table.name,
        ...(checked.length > 0 ? { checks: { datasets: checked, workgroup: platform.athenaWorkgroupName } } : {}),
      }),
    );

    this.stateMachine = new SfnStateMachine(this, 'StateMachine', {
      name: names.stateMachine,
      type: 'STANDARD',
      roleArn: runRole.role.arn,
      definition,
    });

    this.slotRelease = new SlotRelease(this, 'SlotRelease', {
      pipeline,
      partition,
      stateMachineArn,
      runsTableName: this.runsTable.table.name,
      runsTableArn: this.runsTable.table.arn,
      executionTimeoutSeconds: executionTimeoutSeconds(pipeline),
    });

    this.trigger = new RunTrigger(this, 'Trigger', {
      pipeline,
      platform,
      partition,
      stateMachineArn,
      runsTableName: names.runsTable,
      runsTableArn: this.runsTable.table.arn,
      site: config.site,
    });
    if (!schedule) return;

    const startRole = new ServiceRole(this, 'SchedulerRole', {
      name: names.schedulerRole,
      description: `Starts the scheduled runs of pipeline ${pipeline.name} (${environment.name}).`,
      service: 'scheduler.amazonaws.com',
      sourceAccount: accountId,
      permissionsBoundary: permissionsBoundaryArn(environment),
      sourceArn: `arn:${partition}:scheduler:${region}:${accountId}:schedule-group/default`,
      policies: [{
        id: 'Permissions',
        name: 'least-privilege',
        statements: [{ sid: 'StartOwnTrigger', actions: ['states:StartExecution'], resources: [this.trigger.stateMachine.arn] }],
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
        arn: this.trigger.stateMachine.arn,
        roleArn: startRole.role.arn,
        input: JSON.stringify({ trigger: { kind: 'schedule', scheduledTime: '<aws.scheduler.scheduled-time>' } }),
        // Retries of the StartExecution call itself; a run that never starts trips the freshness alarm.
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
      },
    });
  }
}
