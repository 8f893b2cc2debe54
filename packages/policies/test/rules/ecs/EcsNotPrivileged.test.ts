import { EcsNotPrivileged } from '../../../src/rules/ecs/EcsNotPrivileged';
import { container, taskDefinition } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcsNotPrivileged: ECS containers are not privileged', () => {
  test('Compliance', () => {
    const stack = testStack();
    taskDefinition(stack, 'Task', (log) => [container(log), container(log, { name: 'explicit', privileged: false })]);
    expectAllCompliant(judge(EcsNotPrivileged, stack));
  });

  test('Noncompliance 1', () => {
    const stack = testStack();
    taskDefinition(stack, 'Task', (log) => [container(log, { privileged: true })]);
    expect(reasonsOf(judge(EcsNotPrivileged, stack)['aws_ecs_task_definition.Task'])).toMatch(/container "app" is privileged/);
  });
});
