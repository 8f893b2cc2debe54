import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { NAME, PREFIX, SERVICE, SSM, synthPipeline } from './pipeline-fixture';

describe('TaskDefinition', () => {
  test('TaskDefinition - a Fargate task of 256 CPU and 512 MiB on ARM64 by default', () => {
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

  test('TaskDefinition - cpu, memoryMiB and X86_64 on request', () => {
    const definition = synthPipeline({ ...SERVICE, cpu: 1024, memoryMiB: 3072, architecture: 'X86_64' }).resource('aws_ecs_task_definition');
    expect(definition).toMatchObject({ cpu: '1024', memory: '3072', runtime_platform: { cpu_architecture: 'X86_64' } });
  });

  test('TaskDefinition - read-only root filesystem, writable scratch volume at /tmp, init process, stop timeout', () => {
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

  test('TaskDefinition - runs as the image USER unless user names a non-root one', () => {
    expect(synthPipeline(SERVICE).container()).not.toHaveProperty('user');
    expect(synthPipeline({ ...SERVICE, user: '10001:10001' }).container().user).toBe('10001:10001');
  });

  test('TaskDefinition - logs go to its own group through awslogs', () => {
    const { logConfiguration } = synthPipeline(SERVICE).container();
    expect(logConfiguration.logDriver).toBe('awslogs');
    expect(logConfiguration.options).toMatchObject({ 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'app', mode: 'non-blocking' });
    expect(logConfiguration.options['awslogs-group']).toMatch(/^\$\{aws_cloudwatch_log_group\.Pipeline_LogGroup_[0-9A-F]{8}\.name\}$/);
  });

  test('TaskDefinition - plain variables after the platform ones; secrets by SSM parameter ARN, never by value', () => {
    const container = synthPipeline({
      ...SERVICE,
      variables: { LOOP_INTERVAL: '300', API_BASE_URL: 'https://api.example.com' },
      secrets: { API_KEY: 'api-key', SLACK_WEBHOOK: '/data-platform/dev/shared/slack-webhook' },
    }).container();
    expect(container.environment.map((v: { name: string }) => v.name)).toEqual(
      ['ENVIRONMENT', 'LAKE_BUCKET', 'LAKE_DATASETS', 'LAKE_PREFIX', 'PIPELINE_NAME', 'API_BASE_URL', 'LOOP_INTERVAL'],
    );
    expect(container.environment).toContainEqual({ name: 'LAKE_PREFIX', value: `${NAME}/` });
    expect(container.environment.find((v: { name: string }) => v.name === 'LAKE_BUCKET').value).toMatch(SSM('LakeBucketName'));
    expect(container.secrets).toEqual([
      { name: 'API_KEY', valueFrom: `arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/pipelines/${NAME}/api-key` },
      { name: 'SLACK_WEBHOOK', valueFrom: 'arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/shared/slack-webhook' },
    ]);
  });

  test('TaskDefinition - Secrets Manager secrets by the ARN form ECS documents for a JSON key, never by value', () => {
    const container = synthPipeline({
      ...SERVICE,
      secrets: { DB_PASSWORD: { secretsManager: 'orders-db', key: 'password' }, PARTNER: { secretsManager: '/partners/acme' } },
    }).container();
    expect(container.secrets).toEqual([
      { name: 'DB_PASSWORD', valueFrom: `arn:aws:secretsmanager:eu-west-1:111111111111:secret:data-platform/dev/pipelines/${NAME}/orders-db:password::` },
      { name: 'PARTNER', valueFrom: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:partners/acme' },
    ]);
  });

  test('TaskDefinition - LAKE_DATASETS hands the declared datasets to the code: prefix, table, partitioning, format, typed columns', () => {
    const container = synthPipeline({
      ...SERVICE,
      datasets: {
        events: {
          description: 'One row per event.',
          columns: {
            event_id: { type: 'string', nullable: false, pii: false, description: 'The id' },
            at: 'timestamp',
            labels: 'Map<String, Array<String>>',
          },
          partitionedBy: 'hour',
          format: 'parquet',
        },
      },
    }).container();
    const variable = container.environment.find((v: { name: string }) => v.name === 'LAKE_DATASETS');
    expect(JSON.parse(variable.value)).toEqual({
      events: {
        prefix: `${NAME}/events/`,
        table: 'test_pipeline_events',
        partitionedBy: 'hour',
        format: 'parquet',
        columns: { event_id: { type: 'string', nullable: false }, at: 'timestamp', labels: 'map<string,array<string>>' },
      },
    });
    // Declaration order is kept: the Parquet schema's column order.
    expect(Object.keys(JSON.parse(variable.value).events.columns)).toEqual(['event_id', 'at', 'labels']);
  });

  test('TaskDefinition - LAKE_DATASETS is an empty object for a pipeline without datasets', () => {
    expect(synthPipeline(SERVICE).container().environment).toContainEqual({ name: 'LAKE_DATASETS', value: '{}' });
  });

  test('TaskDefinition - overrides replace settings and merge variables for their environment only', () => {
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
