import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsServiceCircuitBreaker } from '../../../src/rules/reliability/EcsServiceCircuitBreaker';
import { taskDefinition } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcsServiceCircuitBreaker: ECS services have the deployment circuit breaker with rollback', () => {
  test('Compliance', () => {
    const stack = testStack();
    const task = taskDefinition(stack, 'Task');
    new EcsService(stack, 'Service', { name: 'svc', cluster: 'c', taskDefinition: task.arn, deploymentCircuitBreaker: { enable: true, rollback: true } });
    expectAllCompliant(judge(EcsServiceCircuitBreaker, stack));
  });

  test('Noncompliance 1', () => {
    // no circuit breaker
    const stack = testStack();
    const task = taskDefinition(stack, 'Task');
    new EcsService(stack, 'Service', { name: 'svc', cluster: 'c', taskDefinition: task.arn });
    expect(reasonsOf(judge(EcsServiceCircuitBreaker, stack)['aws_ecs_service.Service'])).toMatch(/enable is not true/);
  });

  test('Noncompliance 2', () => {
    // a breaker without rollback
    const stack = testStack();
    const task = taskDefinition(stack, 'Task');
    new EcsService(stack, 'Service', { name: 'svc', cluster: 'c', taskDefinition: task.arn, deploymentCircuitBreaker: { enable: true, rollback: false } });
    const reasons = reasonsOf(judge(EcsServiceCircuitBreaker, stack)['aws_ecs_service.Service']);
    expect(reasons).toMatch(/rollback is not true/);
    expect(reasons).not.toMatch(/enable/);
  });
});
