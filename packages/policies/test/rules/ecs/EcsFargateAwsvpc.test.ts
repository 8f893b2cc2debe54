import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { EcsFargateAwsvpc } from '../../../src/rules/ecs/EcsFargateAwsvpc';
import { taskDefinition } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcsFargateAwsvpc: ECS tasks run on Fargate with awsvpc networking', () => {
  test('Compliance', () => {
    const stack = testStack();
    const task = taskDefinition(stack, 'Task');
    new EcsService(stack, 'Service', { name: 'svc', cluster: 'pipelines', taskDefinition: task.arn, launchType: 'FARGATE' });
    new EcsService(stack, 'Spot', {
      name: 'spot',
      cluster: 'pipelines',
      taskDefinition: task.arn,
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    });
    expectAllCompliant(judge(EcsFargateAwsvpc, stack));
  });

  test('Noncompliance 1', () => {
    // an EC2 task definition in bridge mode
    const stack = testStack();
    new EcsTaskDefinition(stack, 'Task', {
      family: 'task',
      requiresCompatibilities: ['EC2'],
      networkMode: 'bridge',
      containerDefinitions: JSON.stringify([{ name: 'app', image: 'app:1' }]),
    });
    const reasons = reasonsOf(judge(EcsFargateAwsvpc, stack)['aws_ecs_task_definition.Task']);
    expect(reasons).toMatch(/requires_compatibilities is \["EC2"\]/);
    expect(reasons).toMatch(/network_mode is "bridge"/);
  });

  test('Noncompliance 2', () => {
    // a service on the EC2 launch type
    const stack = testStack();
    const task = taskDefinition(stack, 'Task');
    new EcsService(stack, 'Service', { name: 'svc', cluster: 'pipelines', taskDefinition: task.arn, launchType: 'EC2' });
    expect(reasonsOf(judge(EcsFargateAwsvpc, stack)['aws_ecs_service.Service'])).toMatch(/launch_type is "EC2"/);
  });
});
