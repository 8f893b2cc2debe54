import { EcsDistinctRoles } from '../../../src/rules/ecs/EcsDistinctRoles';
import { serviceRole, taskDefinition } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('EcsDistinctRoles: ECS task definitions have distinct execution and task roles', () => {
  test('Compliance', () => {
    const stack = testStack();
    taskDefinition(stack, 'Task');
    expectAllCompliant(judge(EcsDistinctRoles, stack));
  });

  test('Noncompliance 1', () => {
    // one role for both
    const stack = testStack();
    const role = serviceRole(stack, 'Both', []);
    taskDefinition(stack, 'Task', undefined, { execution: role.arn, task: role.arn });
    expect(reasonsOf(judge(EcsDistinctRoles, stack)['aws_ecs_task_definition.Task'])).toMatch(/the execution role and the task role are the same \(aws_iam_role.Both\)/);
  });

  test('Noncompliance 2', () => {
    // the same role through two attributes, and a missing task role elsewhere
    const stack = testStack();
    const role = serviceRole(stack, 'Both', []);
    taskDefinition(stack, 'Task', undefined, { execution: role.arn, task: `\${aws_iam_role.${role.friendlyUniqueId}.arn}` });
    taskDefinition(stack, 'NoTaskRole', undefined, { task: '' });
    const results = judge(EcsDistinctRoles, stack);
    expect(reasonsOf(results['aws_ecs_task_definition.Task'])).toMatch(/are the same/);
    expect(reasonsOf(results['aws_ecs_task_definition.NoTaskRole'])).toMatch(/task_role_arn is not set/);
  });
});
