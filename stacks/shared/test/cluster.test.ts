import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { Testing } from 'cdktf';
import { Cluster } from '../src/cluster';
import { reference } from './fixtures';

describe('Cluster', () => {
  const synthesized = Testing.synthScope((scope) => {
    new Cluster(scope, 'Cluster', { clusterName: 'data-platform-dev' });
  });

  test('Cluster - Container Insights is on', () => {
    expect(synthesized).toHaveResourceWithProperties(EcsCluster, {
      name: 'data-platform-dev',
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });
  });

  test('Cluster - FARGATE and FARGATE_SPOT are its capacity providers, on-demand by default', () => {
    expect(synthesized).toHaveResourceWithProperties(EcsClusterCapacityProviders, {
      cluster_name: reference('aws_ecs_cluster', 'Cluster/Cluster', 'name'),
      capacity_providers: ['FARGATE', 'FARGATE_SPOT'],
      default_capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1, base: 0 }],
    });
  });
});
