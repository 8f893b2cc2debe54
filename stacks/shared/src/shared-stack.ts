import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import type { ResolvedEnvironment } from '@data-platform/config';
import { PlatformStack, platformNames } from '@data-platform/core';
import type { Construct } from 'constructs';

/** Layer 1 of the platform, once per environment. */
export class SharedStack extends PlatformStack {
  constructor(scope: Construct, environment: ResolvedEnvironment) {
    super(scope, { project: 'shared', environment });
    new EcsCluster(this, 'Cluster', { name: platformNames(environment).cluster });
  }
}
