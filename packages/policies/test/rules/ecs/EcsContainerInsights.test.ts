import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsContainerInsights } from '../../../src/rules/ecs/EcsContainerInsights';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcsContainerInsights: ECS clusters have Container Insights on', () => {
  test('Compliance', () => {
    const stack = testStack();
    new EcsCluster(stack, 'Cluster', { name: 'pipelines', setting: [{ name: 'containerInsights', value: 'enabled' }] });
    new EcsCluster(stack, 'Enhanced', { name: 'enhanced', setting: [{ name: 'containerInsights', value: 'enhanced' }] });
    expectAllCompliant(judge(EcsContainerInsights, stack));
  });

  test('Noncompliance 1', () => {
    // not set
    const stack = testStack();
    new EcsCluster(stack, 'Cluster', { name: 'pipelines' });
    expect(reasonsOf(judge(EcsContainerInsights, stack)['aws_ecs_cluster.Cluster'])).toMatch(/containerInsights setting is not "enabled"/);
  });

  test('Noncompliance 2', () => {
    // disabled
    const stack = testStack();
    new EcsCluster(stack, 'Cluster', { name: 'pipelines', setting: [{ name: 'containerInsights', value: 'disabled' }] });
    expect(reasonsOf(judge(EcsContainerInsights, stack)['aws_ecs_cluster.Cluster'])).toMatch(/containerInsights/);
  });
});
