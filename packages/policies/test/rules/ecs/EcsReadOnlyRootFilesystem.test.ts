import { EcsReadOnlyRootFilesystem } from '../../../src/rules/ecs/EcsReadOnlyRootFilesystem';
import { container, taskDefinition } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcsReadOnlyRootFilesystem: ECS containers have a read-only root filesystem', () => {
  test('Compliance', () => {
    const stack = testStack();
    taskDefinition(stack, 'Task');
    expectAllCompliant(judge(EcsReadOnlyRootFilesystem, stack));
  });

  test('Noncompliance 1', () => {
    // not set (writable by default)
    const stack = testStack();
    taskDefinition(stack, 'Task', (log) => [container(log, { readonlyRootFilesystem: undefined })]);
    expect(reasonsOf(judge(EcsReadOnlyRootFilesystem, stack)['aws_ecs_task_definition.Task'])).toMatch(/container "app" has a writable root filesystem/);
  });
});
