import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { Construct } from 'constructs';

export interface ClusterConfig {
  /** The cluster's name, from `platformNames(environment).cluster`. */
  readonly clusterName: string;
}

/**
 * The one ECS cluster every pipeline runs on: Fargate only (no instances to patch), with FARGATE and
 * FARGATE_SPOT available to every service and task, on-demand FARGATE by default, and Container
 * Insights for per-task CPU, memory and network metrics.
 */
export class Cluster extends Construct {
  readonly cluster: EcsCluster;

  constructor(scope: Construct, id: string, config: ClusterConfig) {
    super(scope, id);

    this.cluster = new EcsCluster(this, 'Cluster', {
      name: config.clusterName,
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });

    new EcsClusterCapacityProviders(this, 'CapacityProviders', {
      clusterName: this.cluster.name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
    });
  }
}
