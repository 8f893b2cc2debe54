import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import type { SharedPlatform } from '@data-platform/core';
import { Construct } from 'constructs';
import type { ResolvedPipeline } from './resolve-config';
import { DATASETS_VARIABLE, runtimeDeclaration } from './runtime-declaration';

export interface TaskDefinitionConfig {
  /** The pipeline, resolved for this environment. */
  readonly pipeline: ResolvedPipeline;
  /** The shared platform: the lake bucket the container is told about. */
  readonly platform: SharedPlatform;
  /** The image, by digest: `<repository url>@sha256:<digest>`. */
  readonly image: string;
  /** The role ECS starts the task with. */
  readonly executionRoleArn: string;
  /** The role the code runs with. */
  readonly taskRoleArn: string;
  /** Where the container's output goes. */
  readonly logGroupName: string;
}

/** The scratch volume: a bind mount on the task's ephemeral storage, the only writable path. */
export const SCRATCH_PATH = '/tmp';

/**
 * The pipeline's Fargate task: one container, read-only root filesystem with a writable scratch
 * volume at /tmp, secrets injected from SSM or Secrets Manager by ARN (never values), logs to its own group, an init
 * process so SIGTERM reaches the code, and a bounded stop timeout.
 */
export class TaskDefinition extends Construct {
  readonly taskDefinition: EcsTaskDefinition;

  constructor(scope: Construct, id: string, config: TaskDefinitionConfig) {
    super(scope, id);
    const { pipeline } = config;
    const { names, environment } = pipeline;
    const environmentVariables = [
      { name: 'ENVIRONMENT', value: environment.name },
      { name: 'LAKE_BUCKET', value: config.platform.lakeBucketName },
      { name: DATASETS_VARIABLE, value: runtimeDeclaration(pipeline.datasets) },
      { name: 'LAKE_PREFIX', value: names.lakePrefix },
      { name: 'PIPELINE_NAME', value: pipeline.name },
      ...pipeline.variables,
    ];
    const container = {
      name: names.container,
      image: config.image,
      essential: true,
      readonlyRootFilesystem: true,
      ...(pipeline.user !== undefined ? { user: pipeline.user } : {}),
      stopTimeout: pipeline.stopTimeoutSeconds,
      linuxParameters: { initProcessEnabled: true },
      environment: environmentVariables,
      secrets: pipeline.secrets.map((s) => ({ name: s.name, valueFrom: s.valueFrom })),
      mountPoints: [{ sourceVolume: 'scratch', containerPath: SCRATCH_PATH, readOnly: false }],
      portMappings: [],
      volumesFrom: [],
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': config.logGroupName,
          'awslogs-region': environment.region,
          'awslogs-stream-prefix': names.container,
          mode: 'non-blocking',
          'max-buffer-size': '25m',
        },
      },
    };

    this.taskDefinition = new EcsTaskDefinition(this, 'TaskDefinition', {
      family: names.taskFamily,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(pipeline.cpu),
      memory: String(pipeline.memoryMiB),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: pipeline.architecture },
      executionRoleArn: config.executionRoleArn,
      taskRoleArn: config.taskRoleArn,
      volume: [{ name: 'scratch' }],
      containerDefinitions: JSON.stringify([container]),
      // Keep earlier revisions registered: the deployment circuit breaker rolls back to the previous one.
      skipDestroy: true,
    });
  }
}
