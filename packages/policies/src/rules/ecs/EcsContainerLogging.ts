import { defineRule, resultOf } from '../../rule';
import { containerDefinitions, containerName } from '../../synthesized/ecs';
import { firstObject } from '../../synthesized/values';

/** Every container of every task definition has a log configuration with a driver. */
export const EcsContainerLogging = defineRule({
  id: 'EcsContainerLogging',
  summary: 'every ECS container logs (logConfiguration with a driver)',
  explanation: 'A container without a log driver writes its output nowhere: a failed run leaves no trace to debug from.',
  fix: 'Give each container logConfiguration { logDriver: "awslogs", options: { awslogs-group, awslogs-region, awslogs-stream-prefix } }.',
  anchors: { cdkNag: ['AwsSolutions-ECS7'], securityHub: ['ECS.9'] },
  subjects: ['aws_ecs_task_definition'],
  evaluate(taskDefinition, stack) {
    const read = containerDefinitions(taskDefinition, stack);
    if (!read.ok) return resultOf([read.reason]);
    return resultOf(
      read.containers
        .filter((c) => typeof firstObject(c.logConfiguration).logDriver !== 'string')
        .map((c) => `${containerName(c)} has no logConfiguration.logDriver`),
    );
  },
});
