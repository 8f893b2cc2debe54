import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import type { SharedPlatform } from '@data-platform/core';
import { Construct } from 'constructs';
import type { ResolvedPipeline } from './resolve-config';

export interface PipelineServiceConfig {
  /** The pipeline, resolved for this environment. */
  readonly pipeline: ResolvedPipeline;
  /** The shared platform: cluster and subnets. */
  readonly platform: SharedPlatform;
  /** The task's security groups: the shared one (HTTPS), then the pipeline's own (its declared egress). */
  readonly securityGroupIds: readonly string[];
  /** The task definition revision to run. */
  readonly taskDefinitionArn: string;
}

/**
 * Service mode: the pipeline runs always on the shared cluster, in the task subnets behind the
 * shared security group and its own (no ingress), restarted by ECS when it stops. A deployment starts the new
 * task before stopping the old one (100/200 %), and the circuit breaker rolls a failing deployment
 * back to the previous revision.
 */
export class PipelineService extends Construct {
  readonly service: EcsService;

  constructor(scope: Construct, id: string, config: PipelineServiceConfig) {
    super(scope, id);
    const { pipeline, platform } = config;
    this.service = new EcsService(this, 'Service', {
      name: pipeline.names.service,
      cluster: platform.clusterArn,
      taskDefinition: config.taskDefinitionArn,
      desiredCount: pipeline.desiredCount,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      networkConfiguration: {
        subnets: platform.taskSubnetIds,
        securityGroups: [...config.securityGroupIds],
        assignPublicIp: pipeline.environment.networkMode === 'public-dev',
      },
      deploymentCircuitBreaker: { enable: true, rollback: true },
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      enableExecuteCommand: pipeline.enableExecuteCommand,
    });
  }
}
