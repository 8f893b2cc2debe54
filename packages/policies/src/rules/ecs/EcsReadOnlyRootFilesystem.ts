import { defineRule, resultOf } from '../../rule';
import { containerDefinitions, containerName } from '../../synthesized/ecs';
import { isTrue } from '../../synthesized/values';

/** Every container has a read-only root filesystem. */
export const EcsReadOnlyRootFilesystem = defineRule({
  id: 'EcsReadOnlyRootFilesystem',
  summary: 'ECS containers have a read-only root filesystem',
  explanation:
    'A writable root filesystem lets code (or an attacker) change the image\'s binaries and libraries at run time; with it read-only, writes go only to an explicit scratch volume.',
  fix: 'Set "readonlyRootFilesystem": true and mount a task volume for scratch space (standard-etl mounts one at /tmp).',
  anchors: { checkov: ['CKV_AWS_336'], securityHub: ['ECS.5'] },
  subjects: ['aws_ecs_task_definition'],
  evaluate(taskDefinition, stack) {
    const read = containerDefinitions(taskDefinition, stack);
    if (!read.ok) return resultOf([read.reason]);
    return resultOf(read.containers.filter((c) => !isTrue(c.readonlyRootFilesystem)).map((c) => `${containerName(c)} has a writable root filesystem`));
  },
});
