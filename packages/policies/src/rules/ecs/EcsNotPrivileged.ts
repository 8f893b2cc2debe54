import { defineRule, resultOf } from '../../rule';
import { containerDefinitions, containerName } from '../../synthesized/ecs';
import { isTrue } from '../../synthesized/values';

/** No container runs privileged. */
export const EcsNotPrivileged = defineRule({
  id: 'EcsNotPrivileged',
  summary: 'ECS containers are not privileged',
  explanation: 'A privileged container has root on its host: any code that runs in it, including a compromised dependency, escapes the container.',
  fix: 'Remove "privileged": true from the container definition.',
  anchors: { securityHub: ['ECS.4'] },
  subjects: ['aws_ecs_task_definition'],
  evaluate(taskDefinition, stack) {
    const read = containerDefinitions(taskDefinition, stack);
    if (!read.ok) return resultOf([read.reason]);
    return resultOf(read.containers.filter((c) => isTrue(c.privileged)).map((c) => `${containerName(c)} is privileged`));
  },
});
