import { EcsContainerLogging } from '../../../src/rules/ecs/EcsContainerLogging';
import { container, taskDefinition } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcsContainerLogging: every ECS container logs (logConfiguration with a driver)', () => {
  test('Compliance', () => {
    const stack = testStack();
    taskDefinition(stack, 'Task', (log) => [container(log), container(log, { name: 'sidecar' })]);
    expectAllCompliant(judge(EcsContainerLogging, stack));
  });

  test('Noncompliance 1', () => {
    // a sidecar without logs
    const stack = testStack();
    taskDefinition(stack, 'Task', (log) => [container(log), container(log, { name: 'sidecar', logConfiguration: undefined })]);
    expect(reasonsOf(judge(EcsContainerLogging, stack)['aws_ecs_task_definition.Task'])).toMatch(/container "sidecar" has no logConfiguration.logDriver/);
  });
});
