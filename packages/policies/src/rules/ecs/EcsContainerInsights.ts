import { defineRule, resultOf } from '../../rule';
import { asObjects } from '../../synthesized/values';

/** Every cluster has Container Insights on (`enabled` or `enhanced`). */
export const EcsContainerInsights = defineRule({
  id: 'EcsContainerInsights',
  summary: 'ECS clusters have Container Insights on',
  explanation: 'Container Insights records per-task CPU, memory and restarts: without it, a pipeline that is starved or crash-looping shows nothing until it fails.',
  fix: 'Add setting { name = "containerInsights", value = "enabled" } (or "enhanced") to the aws_ecs_cluster.',
  anchors: { cdkNag: ['AwsSolutions-ECS4'], checkov: ['CKV_AWS_65'], securityHub: ['ECS.12'] },
  subjects: ['aws_ecs_cluster'],
  evaluate(cluster) {
    const on = asObjects(cluster.config.setting).some((s) => s.name === 'containerInsights' && (s.value === 'enabled' || s.value === 'enhanced'));
    return resultOf(on ? [] : ['the containerInsights setting is not "enabled" or "enhanced"']);
  },
});
