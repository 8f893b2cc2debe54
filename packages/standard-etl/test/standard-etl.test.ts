import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { loadEnvironment } from '@data-platform/config';
import { NAME, SCHEDULED, SERVICE, synthPipeline } from './pipeline-fixture';

const SSM = (field: string) => new RegExp(`^\\$\\{data\\.aws_ssm_parameter\\.Pipeline_SharedPlatform_${field}_[0-9A-F]{8}\\.insecure_value\\}$`);
const PREFIX = `dp-${NAME}-dev`;
const DIGEST_REGEX = `^111111111111[.]dkr[.]ecr[.]eu-west-1[.]amazonaws[.]com/${PREFIX}@sha256:[0-9a-f]{64}$`;

describe('StandardEtl - image repository', () => {
  test('StandardEtl - the repository is immutable, scanned on push, KMS-encrypted, with no repository policy', () => {
    const synth = synthPipeline(SERVICE);
    expect(synth.text).toHaveResourceWithProperties(EcrRepository, {
      name: PREFIX,
      image_tag_mutability: 'IMMUTABLE',
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: 'KMS' }],
    });
    expect(synth.resources('aws_ecr_repository_policy')).toHaveLength(0);
  });

  test('StandardEtl - the lifecycle policy keeps the last 30 images, or imagesToKeep', () => {
    const rule = (images?: number) =>
      JSON.parse(synthPipeline({ ...SERVICE, imagesToKeep: images }).resource('aws_ecr_lifecycle_policy').policy).rules[0];
    expect(rule()).toEqual({
      rulePriority: 1,
      description: 'Keep the last 30 images',
      selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 },
      action: { type: 'expire' },
    });
    expect(rule(5).selection.countNumber).toBe(5);
  });
});

describe('StandardEtl - image variable and outputs', () => {
  test('StandardEtl - the image is a required variable that accepts only a digest of the own repository', () => {
    const { json } = synthPipeline(SERVICE);
    expect(json.variable.image).toMatchObject({ type: 'string', nullable: false });
    expect(json.variable.image.default).toBeUndefined();
    expect(json.variable.image.validation).toEqual([
      {
        condition: `\${can(regex("${DIGEST_REGEX}", var.image))}`,
        error_message: `image must be an image of this pipeline's repository by digest: 111111111111.dkr.ecr.eu-west-1.amazonaws.com/${PREFIX}@sha256:<64 hex digits>.`,
      },
    ]);
    const digest = new RegExp(DIGEST_REGEX.replace(/\[\.\]/g, '\\.'));
    expect(digest.test(`111111111111.dkr.ecr.eu-west-1.amazonaws.com/${PREFIX}@sha256:${'a1'.repeat(32)}`)).toBe(true);
    expect(digest.test(`111111111111.dkr.ecr.eu-west-1.amazonaws.com/${PREFIX}:latest`)).toBe(false);
    expect(digest.test(`222222222222.dkr.ecr.eu-west-1.amazonaws.com/${PREFIX}@sha256:${'a1'.repeat(32)}`)).toBe(false);
    expect(synthPipeline(SERVICE).container().image).toBe('${var.image}');
  });

  test('StandardEtl - service mode outputs what deploy needs, with service_name', () => {
    expect(Object.keys(synthPipeline(SERVICE).json.output).sort()).toEqual(
      ['cluster_name', 'ecr_repository_name', 'ecr_repository_url', 'log_group_name', 'service_name'],
    );
  });

  test('StandardEtl - schedule mode outputs what deploy needs, with state_machine_arn', () => {
    const { json } = synthPipeline(SCHEDULED);
    expect(Object.keys(json.output).sort()).toEqual(
      ['cluster_name', 'ecr_repository_name', 'ecr_repository_url', 'log_group_name', 'state_machine_arn'],
    );
    expect(json.output.state_machine_arn.value).toMatch(/^\$\{aws_sfn_state_machine\.Pipeline_ScheduledRun_StateMachine_[0-9A-F]{8}\.arn\}$/);
  });
});

describe('StandardEtl - log group', () => {
  test('StandardEtl - logs are kept 30 days by default, logRetentionDays otherwise, per environment', () => {
    expect(synthPipeline(SERVICE).text).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: `/data-platform/dev/pipelines/${NAME}`,
      retention_in_days: 30,
    });
    const overridden = { ...SERVICE, overrides: { prod: { logRetentionDays: 365 } } };
    expect(synthPipeline(overridden, { environment: 'prod' }).resource('aws_cloudwatch_log_group').retention_in_days).toBe(365);
    expect(synthPipeline(overridden, { environment: 'dev' }).resource('aws_cloudwatch_log_group').retention_in_days).toBe(30);
  });
});

describe('StandardEtl - task definition', () => {
  test('StandardEtl - a Fargate task of 256 CPU and 512 MiB on ARM64 by default', () => {
    expect(synthPipeline(SERVICE).text).toHaveResourceWithProperties(EcsTaskDefinition, {
      family: PREFIX,
      requires_compatibilities: ['FARGATE'],
      network_mode: 'awsvpc',
      cpu: '256',
      memory: '512',
      runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: 'ARM64' },
      volume: [{ name: 'scratch' }],
      skip_destroy: true,
    });
  });

  test('StandardEtl - cpu, memoryMiB and X86_64 on request', () => {
    const definition = synthPipeline({ ...SERVICE, cpu: 1024, memoryMiB: 3072, architecture: 'X86_64' }).resource('aws_ecs_task_definition');
    expect(definition).toMatchObject({ cpu: '1024', memory: '3072', runtime_platform: { cpu_architecture: 'X86_64' } });
  });

  test('StandardEtl - read-only root filesystem, writable scratch volume at /tmp, init process, stop timeout', () => {
    const container = synthPipeline(SERVICE).container();
    expect(container).toMatchObject({
      name: 'app',
      essential: true,
      readonlyRootFilesystem: true,
      linuxParameters: { initProcessEnabled: true },
      mountPoints: [{ sourceVolume: 'scratch', containerPath: '/tmp', readOnly: false }],
      stopTimeout: 30,
    });
    expect(synthPipeline({ ...SERVICE, stopTimeoutSeconds: 90 }).container().stopTimeout).toBe(90);
  });

  test('StandardEtl - runs as the image USER unless user names a non-root one', () => {
    expect(synthPipeline(SERVICE).container()).not.toHaveProperty('user');
    expect(synthPipeline({ ...SERVICE, user: '10001:10001' }).container().user).toBe('10001:10001');
  });

  test('StandardEtl - logs go to its own group through awslogs', () => {
    const { logConfiguration } = synthPipeline(SERVICE).container();
    expect(logConfiguration.logDriver).toBe('awslogs');
    expect(logConfiguration.options).toMatchObject({ 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'app', mode: 'non-blocking' });
    expect(logConfiguration.options['awslogs-group']).toMatch(/^\$\{aws_cloudwatch_log_group\.Pipeline_LogGroup_[0-9A-F]{8}\.name\}$/);
  });

  test('StandardEtl - plain variables after the platform ones; secrets by SSM parameter ARN, never by value', () => {
    const container = synthPipeline({
      ...SERVICE,
      variables: { LOOP_INTERVAL: '300', API_BASE_URL: 'https://api.example.com' },
      secrets: { API_KEY: 'api-key', SLACK_WEBHOOK: '/data-platform/dev/shared/slack-webhook' },
    }).container();
    expect(container.environment.map((v: { name: string }) => v.name)).toEqual(
      ['ENVIRONMENT', 'LAKE_BUCKET', 'LAKE_PREFIX', 'PIPELINE_NAME', 'API_BASE_URL', 'LOOP_INTERVAL'],
    );
    expect(container.environment).toContainEqual({ name: 'LAKE_PREFIX', value: `${NAME}/` });
    expect(container.environment.find((v: { name: string }) => v.name === 'LAKE_BUCKET').value).toMatch(SSM('LakeBucketName'));
    expect(container.secrets).toEqual([
      { name: 'API_KEY', valueFrom: `arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/pipelines/${NAME}/api-key` },
      { name: 'SLACK_WEBHOOK', valueFrom: 'arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/shared/slack-webhook' },
    ]);
  });

  test('StandardEtl - overrides replace settings and merge variables for their environment only', () => {
    const config = {
      ...SERVICE,
      variables: { LOOP_INTERVAL: '300', MODE: 'full' },
      overrides: { prod: { cpu: 512, memoryMiB: 1024, variables: { LOOP_INTERVAL: '60' } } },
    };
    const prod = synthPipeline(config, { environment: 'prod' });
    expect(prod.resource('aws_ecs_task_definition')).toMatchObject({ cpu: '512', memory: '1024', family: `dp-${NAME}-prod` });
    expect(prod.container().environment).toEqual(expect.arrayContaining([{ name: 'LOOP_INTERVAL', value: '60' }, { name: 'MODE', value: 'full' }]));
    const dev = synthPipeline(config, { environment: 'dev' });
    expect(dev.resource('aws_ecs_task_definition')).toMatchObject({ cpu: '256', memory: '512' });
    expect(dev.container().environment).toContainEqual({ name: 'LOOP_INTERVAL', value: '300' });
  });
});

describe('StandardEtl - service mode', () => {
  test('StandardEtl - an ECS service on the shared cluster with circuit breaker, rollback, 100/200 %, tags propagated, ECS Exec off', () => {
    const service = synthPipeline(SERVICE).resource('aws_ecs_service');
    expect(service).toMatchObject({
      name: PREFIX,
      launch_type: 'FARGATE',
      desired_count: 1,
      deployment_circuit_breaker: { enable: true, rollback: true },
      deployment_minimum_healthy_percent: 100,
      deployment_maximum_percent: 200,
      propagate_tags: 'SERVICE',
      enable_execute_command: false,
      network_configuration: { assign_public_ip: false },
    });
    expect(service.cluster).toMatch(SSM('ClusterArn'));
    expect(service.network_configuration.security_groups).toEqual([expect.stringMatching(SSM('TaskSecurityGroupId'))]);
    expect(service.network_configuration.subnets).toMatch(/^\$\{split\(",", data\.aws_ssm_parameter\.Pipeline_SharedPlatform_TaskSubnetIds_[0-9A-F]{8}\.insecure_value\)\}$/);
  });

  test('StandardEtl - desiredCount and ECS Exec on request', () => {
    const synth = synthPipeline({ ...SERVICE, desiredCount: 3, enableExecuteCommand: true });
    expect(synth.text).toHaveResourceWithProperties(EcsService, { desired_count: 3, enable_execute_command: true });
    expect(synth.policy('TaskRole/Role/PermissionsDocument').EcsExecChannels.actions).toContain('ssmmessages:OpenDataChannel');
  });

  test('StandardEtl - tasks get a public IP only in the public-dev network mode', () => {
    const publicDev = { ...loadEnvironment('dev'), networkMode: 'public-dev' as const };
    expect(synthPipeline(SERVICE, { environment: publicDev }).resource('aws_ecs_service').network_configuration.assign_public_ip).toBe(true);
    expect(synthPipeline(SCHEDULED, { environment: publicDev }).stateMachineDefinition().States.RunTask.Parameters.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('ENABLED');
    expect(synthPipeline(SCHEDULED).stateMachineDefinition().States.RunTask.Parameters.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).toBe('DISABLED');
  });

  test('StandardEtl - service mode has no schedule, state machine or missed-run alarm', () => {
    const synth = synthPipeline(SERVICE);
    for (const type of ['aws_sfn_state_machine', 'aws_scheduler_schedule', 'aws_cloudwatch_metric_alarm']) expect(synth.resources(type)).toHaveLength(0);
  });
});

describe('StandardEtl - schedule mode', () => {
  const config = { mode: 'schedule' as const, schedule: 'cron(5 * * * ? *)', timezone: 'Europe/London', retries: 3, maxRuntimeMinutes: 45 };

  test('StandardEtl - EventBridge Scheduler starts the state machine at the schedule, in its time zone', () => {
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

  test('StandardEtl - the state machine runs the task with runTask.sync, retries with backoff and stops it at the maximum runtime', () => {
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

  test('StandardEtl - the subnets come from the shared platform, split when the run starts', () => {
    const { AwsvpcConfiguration } = synthPipeline(config).stateMachineDefinition().States.RunTask.Parameters.NetworkConfiguration;
    expect(AwsvpcConfiguration['Subnets.$']).toMatch(
      /^States\.StringSplit\('\$\{data\.aws_ssm_parameter\.Pipeline_ScheduledRun_TaskSubnetIds_[0-9A-F]{8}\.insecure_value\}', ','\)$/,
    );
    expect(AwsvpcConfiguration.SecurityGroups).toEqual([expect.stringMatching(SSM('TaskSecurityGroupId'))]);
    const parameters = Object.entries(synthPipeline(config).json.data.aws_ssm_parameter);
    expect(parameters.find(([id]) => id.startsWith('Pipeline_ScheduledRun_TaskSubnetIds_'))?.[1]).toEqual({ name: '/data-platform/dev/shared/task-subnet-ids' });
  });

  test('StandardEtl - no Retry block when retries is 0', () => {
    expect(synthPipeline({ ...config, retries: 0 }).stateMachineDefinition().States.RunTask).not.toHaveProperty('Retry');
  });

  test('StandardEtl - retries 2 and 60 minutes by default', () => {
    const run = synthPipeline(SCHEDULED).stateMachineDefinition().States.RunTask;
    expect(run.TimeoutSeconds).toBe(3600);
    expect(run.Retry[0].MaxAttempts).toBe(2);
  });

  test('StandardEtl - the state machine role runs this task family on the shared cluster and passes its two roles to ECS only', () => {
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

  test('StandardEtl - the scheduler role may only start this state machine', () => {
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

describe('StandardEtl - roles', () => {
  test('StandardEtl - the execution role pulls its own image, writes its own logs, reads exactly its parameters and decrypts them through SSM only', () => {
    const statements = synthPipeline({ ...SERVICE, secrets: { API_KEY: 'api-key' } }).policy('ExecutionRole/Role/PermissionsDocument');
    const parameter = `arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/pipelines/${NAME}/api-key`;
    expect(statements.GetRegistryToken).toMatchObject({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] });
    expect(statements.PullOwnImage.resources).toEqual([expect.stringMatching(/^\$\{aws_ecr_repository\.Pipeline_Repository_[0-9A-F]{8}\.arn\}$/)]);
    expect(statements.WriteOwnLogs).toMatchObject({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'] });
    expect(statements.WriteOwnLogs.resources[0]).toMatch(/^\$\{aws_cloudwatch_log_group\.Pipeline_LogGroup_[0-9A-F]{8}\.arn\}:log-stream:\*$/);
    expect(statements.ReadOwnParameters).toMatchObject({ actions: ['ssm:GetParameters'], resources: [parameter] });
    expect(statements.DecryptOwnParametersThroughSsm).toMatchObject({
      actions: ['kms:Decrypt'],
      condition: [
        { test: 'StringEquals', variable: 'kms:ViaService', values: ['ssm.eu-west-1.amazonaws.com'] },
        { test: 'StringEquals', variable: 'kms:EncryptionContext:PARAMETER_ARN', values: [parameter] },
      ],
    });
  });

  test('StandardEtl - without secrets the execution role reads no parameter at all', () => {
    expect(Object.keys(synthPipeline(SERVICE).policy('ExecutionRole/Role/PermissionsDocument')).sort()).toEqual(['GetRegistryToken', 'PullOwnImage', 'WriteOwnLogs']);
  });

  test('StandardEtl - by default the task role writes (and reads back) only its own prefix, with the lake key through S3 only', () => {
    const statements = synthPipeline(SERVICE).policy('TaskRole/Role/PermissionsDocument');
    const bucket = /^\$\{data\.aws_ssm_parameter\.Pipeline_SharedPlatform_LakeBucketArn_[0-9A-F]{8}\.insecure_value\}/;
    expect(Object.keys(statements).sort()).toEqual(['ListOwnPrefixes', 'ReadOwnPrefixes', 'UseLakeKeyThroughS3', 'WriteOwnPrefixes']);
    expect(statements.ListOwnPrefixes.condition).toEqual([{ test: 'StringLike', variable: 's3:prefix', values: [`${NAME}/*`] }]);
    expect(statements.WriteOwnPrefixes.resources).toEqual([expect.stringMatching(new RegExp(`${bucket.source}/${NAME}/\\*$`))]);
    expect(statements.ReadOwnPrefixes.resources).toEqual([expect.stringMatching(new RegExp(`${bucket.source}/${NAME}/\\*$`))]);
    expect(statements.UseLakeKeyThroughS3).toMatchObject({
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['s3.eu-west-1.amazonaws.com'] }],
    });
    expect(statements.UseLakeKeyThroughS3.resources).toEqual([expect.stringMatching(SSM('LakeKeyArn'))]);
  });

  test('StandardEtl - read prefixes outside its own, when explained, are readable but not writable', () => {
    const statements = synthPipeline({
      ...SERVICE,
      lake: { read: ['shopify-products/raw/'], outsideOwnPrefix: { reason: 'Summarises the raw products.' } },
    }).policy('TaskRole/Role/PermissionsDocument');
    expect(statements.ListOwnPrefixes.condition[0].values).toEqual(['shopify-products/raw/*', `${NAME}/*`]);
    expect(statements.ReadOwnPrefixes.resources).toHaveLength(2);
    expect(statements.WriteOwnPrefixes.resources).toEqual([expect.stringMatching(new RegExp(`/${NAME}/\\*$`))]);
  });

  test('StandardEtl - a read-only pipeline gets no write action and no GenerateDataKey', () => {
    const statements = synthPipeline({ ...SERVICE, lake: { read: [`${NAME}/input/`], write: [] } }).policy('TaskRole/Role/PermissionsDocument');
    expect(statements.WriteOwnPrefixes).toBeUndefined();
    expect(statements.UseLakeKeyThroughS3.actions).toEqual(['kms:Decrypt']);
  });

  test('StandardEtl - reviewed extra statements go to their own reviewed-extra policy of the task role', () => {
    const synth = synthPipeline({
      ...SERVICE,
      extraStatements: [{
        sid: 'ReadPartnerDrop',
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::partner-drop/acme/*'],
        reason: 'The partner drops its daily file there.',
        reviewedBy: '@acme-data/platform in PR #128',
      }],
    });
    expect(synth.policy('TaskRole/Role/ReviewedExtraDocument')).toEqual({
      ReadPartnerDrop: { sid: 'ReadPartnerDrop', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::partner-drop/acme/*'] },
    });
    expect(synth.resources('aws_iam_role_policy').map((p) => p.name).sort()).toEqual(['least-privilege', 'least-privilege', 'reviewed-extra']);
  });

  test('StandardEtl - every trust policy names one service and carries aws:SourceAccount and aws:SourceArn', () => {
    const synth = synthPipeline(SCHEDULED);
    const expected: Record<string, [string, string]> = {
      'ExecutionRole/Role/TrustPolicy': ['ecs-tasks.amazonaws.com', 'arn:aws:ecs:eu-west-1:111111111111:*'],
      'TaskRole/Role/TrustPolicy': ['ecs-tasks.amazonaws.com', 'arn:aws:ecs:eu-west-1:111111111111:*'],
      'StateMachineRole/TrustPolicy': ['states.amazonaws.com', `arn:aws:states:eu-west-1:111111111111:stateMachine:${PREFIX}`],
      'SchedulerRole/TrustPolicy': ['scheduler.amazonaws.com', 'arn:aws:scheduler:eu-west-1:111111111111:schedule-group/default'],
    };
    for (const [path, [service, sourceArn]] of Object.entries(expected)) {
      expect(synth.policy(path)).toEqual({
        AssumedByServiceForThisAccountOnly: {
          sid: 'AssumedByServiceForThisAccountOnly',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: [service] }],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111111111111'] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [sourceArn] },
          ],
        },
      });
    }
  });

  test('StandardEtl - no role has an AWS managed policy', () => {
    for (const config of [SERVICE, SCHEDULED]) {
      const synth = synthPipeline(config);
      expect(synth.resources('aws_iam_role_policy_attachment')).toHaveLength(0);
      expect(synth.resources('aws_iam_role_policies_exclusive')).toHaveLength(0);
      for (const role of synth.resources('aws_iam_role')) expect(role.managed_policy_arns).toBeUndefined();
    }
    expect(synthPipeline(SCHEDULED).resources('aws_iam_role').map((r) => r.name).sort()).toEqual(
      [`${PREFIX}-execution`, `${PREFIX}-scheduler`, `${PREFIX}-states`, `${PREFIX}-task`],
    );
  });
});

describe('StandardEtl - alerting', () => {
  const logs = `Logs: https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fdata-platform$252Fdev$252Fpipelines$252F${NAME}`;

  test('StandardEtl - a service task that stops with a non-zero exit or fails to start alerts the shared topic', () => {
    const synth = synthPipeline(SERVICE);
    const rule = synth.resources('aws_cloudwatch_event_rule').find((r) => r.name === `${PREFIX}-task-failed`);
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern).toMatchObject({
      source: ['aws.ecs'],
      'detail-type': ['ECS Task State Change'],
      detail: {
        group: [`service:${PREFIX}`],
        lastStatus: ['STOPPED'],
        $or: [{ stopCode: ['TaskFailedToStart'] }, { containers: { exitCode: [{ 'anything-but': 0 }] } }],
      },
    });
    expect(pattern.detail.clusterArn).toEqual([expect.stringMatching(SSM('ClusterArn'))]);
    const target = synth.resources('aws_cloudwatch_event_target').find((t) => String(t.rule).includes('TaskFailed'));
    expect(target.arn).toMatch(SSM('AlertsTopicArn'));
    expect(JSON.parse(target.input_transformer.input_template)).toBe(
      `[data-platform] pipeline ${NAME} (dev): a task stopped with exit code <exitCode> (<stopCode>: <reason>); ECS starts a new one. Task: <task>. ${logs}`,
    );
    expect(target.input_transformer.input_paths).toEqual({
      task: '$.detail.taskArn', exitCode: '$.detail.containers[0].exitCode', stopCode: '$.detail.stopCode', reason: '$.detail.stoppedReason',
    });
  });

  test('StandardEtl - a failed (rolled back) service deployment alerts the shared topic', () => {
    const synth = synthPipeline(SERVICE);
    const rule = synth.resources('aws_cloudwatch_event_rule').find((r) => r.name === `${PREFIX}-deploy-failed`);
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern.detail).toEqual({ eventName: ['SERVICE_DEPLOYMENT_FAILED'] });
    expect(pattern.resources[0]).toMatch(new RegExp(`^arn:aws:ecs:eu-west-1:111111111111:service/\\$\\{data\\.aws_ssm_parameter\\.Pipeline_SharedPlatform_ClusterName_[0-9A-F]{8}\\.insecure_value\\}/${PREFIX}$`));
    const target = synth.resources('aws_cloudwatch_event_target').find((t) => String(t.rule).includes('DeploymentFailed'));
    expect(JSON.parse(target.input_transformer.input_template)).toContain(`pipeline ${NAME} (dev): deployment <deployment> failed`);
    expect(JSON.parse(target.input_transformer.input_template)).toContain(logs);
  });

  test('StandardEtl - a scheduled run that fails, times out or is aborted alerts the shared topic', () => {
    const synth = synthPipeline({ ...SCHEDULED, retries: 1, maxRuntimeMinutes: 20 });
    expect(synth.resources('aws_cloudwatch_event_rule').map((r) => r.name)).toEqual([`${PREFIX}-run-failed`]);
    const pattern = JSON.parse(synth.resource('aws_cloudwatch_event_rule').event_pattern);
    expect(pattern).toMatchObject({ source: ['aws.states'], 'detail-type': ['Step Functions Execution Status Change'] });
    expect(pattern.detail.status).toEqual(['FAILED', 'TIMED_OUT', 'ABORTED']);
    expect(pattern.detail.stateMachineArn).toEqual([expect.stringMatching(/^\$\{aws_sfn_state_machine\.Pipeline_ScheduledRun_StateMachine_[0-9A-F]{8}\.arn\}$/)]);
    const message = JSON.parse(synth.resource('aws_cloudwatch_event_target').input_transformer.input_template);
    expect(message).toBe(
      `[data-platform] pipeline ${NAME} (dev): a scheduled run ended <status> (up to 2 attempts, each stopped after 20 minutes). ` +
        `Run: https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/<execution> ${logs}`,
    );
  });

  test('StandardEtl - the missed-run alarm fires when no run has succeeded for 2 schedule periods', () => {
    const synth = synthPipeline({ mode: 'schedule', schedule: 'cron(30 2 * * ? *)' });
    expect(synth.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: `${PREFIX}-missed-run`,
      namespace: 'AWS/States',
      metric_name: 'ExecutionsSucceeded',
      statistic: 'Sum',
      period: 86400,
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      treat_missing_data: 'breaching',
    });
    const alarm = synth.resource('aws_cloudwatch_metric_alarm');
    expect(alarm.alarm_actions).toEqual([expect.stringMatching(SSM('AlertsTopicArn'))]);
    expect(alarm.alarm_description).toContain(`pipeline ${NAME} (dev): no scheduled run has succeeded for 2 periods of 1440 minutes`);
    expect(alarm.alarm_description).toContain(logs);
  });

  test('StandardEtl - missedRunPeriods sets the alarm window, 0 turns it off', () => {
    expect(synthPipeline({ ...SCHEDULED, missedRunPeriods: 5 }).resource('aws_cloudwatch_metric_alarm')).toMatchObject({ period: 3600, evaluation_periods: 5 });
    expect(synthPipeline({ ...SCHEDULED, missedRunPeriods: 0 }).resources('aws_cloudwatch_metric_alarm')).toHaveLength(0);
  });
});

describe('StandardEtl - tags and state', () => {
  test('StandardEtl - every resource carries pipeline, project, environment, managed-by and the cost tags', () => {
    expect(synthPipeline(SERVICE).text).toHaveProviderWithProperties(AwsProvider, {
      default_tags: [{ tags: { pipeline: NAME, project: NAME, environment: 'dev', 'managed-by': 'data-platform', 'cost-center': 'data-engineering' } }],
      allowed_account_ids: ['111111111111'],
    });
  });

  test('StandardEtl - each environment has its own stack and state key', () => {
    for (const environment of ['dev', 'prod']) {
      const { json, stack } = synthPipeline(SERVICE, { environment });
      expect(stack.node.id).toBe(`${NAME}-${environment}`);
      expect(json.terraform.backend.s3).toMatchObject({ key: `${NAME}-${environment}/terraform.tfstate`, use_lockfile: true, encrypt: true });
    }
  });

  test('StandardEtl - no secret value reaches the synthesized JSON: only parameter names', () => {
    const { text } = synthPipeline({ ...SERVICE, secrets: { API_KEY: 'api-key' } });
    expect(text).not.toMatch(/SecureString|"value":\s*"[^"$]*api-key/);
    expect(text).toContain(`parameter/data-platform/dev/pipelines/${NAME}/api-key`);
  });
});
