import { defineRule, resultOf } from '../../rule';
import { asObjects, asStrings } from '../../synthesized/values';

/**
 * Pipelines run on Fargate in `awsvpc` mode: task definitions require FARGATE only with network mode
 * awsvpc, and services launch on FARGATE (or FARGATE / FARGATE_SPOT capacity providers).
 */
export const EcsFargateAwsvpc = defineRule({
  id: 'EcsFargateAwsvpc',
  summary: 'ECS tasks run on Fargate with awsvpc networking',
  explanation:
    'Fargate isolates each task in its own micro-VM with no host to patch or share; awsvpc gives each task its own network interface, so the shared security group (no ingress) applies to it alone.',
  fix: 'Set requires_compatibilities = ["FARGATE"] and network_mode = "awsvpc" on the task definition, and launch_type = "FARGATE" (or a FARGATE/FARGATE_SPOT capacity provider strategy) on the service.',
  anchors: {},
  subjects: ['aws_ecs_task_definition', 'aws_ecs_service'],
  evaluate(block) {
    const reasons: string[] = [];
    if (block.type === 'aws_ecs_task_definition') {
      const compatibilities = asStrings(block.config.requires_compatibilities);
      if (compatibilities.length !== 1 || compatibilities[0] !== 'FARGATE') {
        reasons.push(`requires_compatibilities is ${JSON.stringify(compatibilities)}, not ["FARGATE"]`);
      }
      if (block.config.network_mode !== 'awsvpc') reasons.push(`network_mode is ${JSON.stringify(block.config.network_mode ?? null)}, not "awsvpc"`);
    } else {
      const providers = asObjects(block.config.capacity_provider_strategy).map((s) => String(s.capacity_provider));
      if (providers.length > 0) {
        const others = providers.filter((p) => p !== 'FARGATE' && p !== 'FARGATE_SPOT');
        if (others.length > 0) reasons.push(`capacity providers ${others.join(', ')} are not Fargate`);
      } else if (block.config.launch_type !== 'FARGATE') {
        reasons.push(`launch_type is ${JSON.stringify(block.config.launch_type ?? null)}, not "FARGATE"`);
      }
    }
    return resultOf(reasons);
  },
});
