import { defineRule, resultOf } from '../../rule';

/** Every task definition has both an execution role and a task role, and they differ. */
export const EcsDistinctRoles = defineRule({
  id: 'EcsDistinctRoles',
  summary: 'ECS task definitions have distinct execution and task roles',
  explanation:
    'The execution role pulls the image and reads the secrets; the task role is what the pipeline\'s code runs as. One role for both hands the code every secret and the registry, and a missing task role leaves the code with no identity to scope.',
  fix: 'Give the task definition its own execution_role_arn (image pull, logs, its SSM parameters) and task_role_arn (the pipeline\'s data access); standard-etl creates both.',
  anchors: { checkov: ['CKV_AWS_249'] },
  subjects: ['aws_ecs_task_definition'],
  evaluate(taskDefinition, stack) {
    const execution = taskDefinition.config.execution_role_arn;
    const task = taskDefinition.config.task_role_arn;
    const reasons: string[] = [];
    if (typeof execution !== 'string' || execution.length === 0) reasons.push('execution_role_arn is not set');
    if (typeof task !== 'string' || task.length === 0) reasons.push('task_role_arn is not set');
    if (reasons.length === 0) {
      const [executionRole] = stack.referencedBlocks(execution);
      const [taskRole] = stack.referencedBlocks(task);
      if (execution === task || (executionRole !== undefined && executionRole === taskRole)) {
        reasons.push(`the execution role and the task role are the same (${executionRole?.address ?? String(execution)})`);
      }
    }
    return resultOf(reasons);
  },
});
