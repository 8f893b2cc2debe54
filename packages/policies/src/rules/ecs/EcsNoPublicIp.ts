import { defineRule, notApplicable, resultOf } from '../../rule';
import { allStates, isRunTaskState } from '../../synthesized/ecs';
import { firstObject, isTrue } from '../../synthesized/values';

/**
 * No task gets a public IP: ECS services, Step Functions runTask states, EventBridge Scheduler and
 * EventBridge rule targets. In the documented cheap dev mode (networkMode "public-dev") tasks need
 * one to reach the internet without NAT; the pack lowers this rule to a warning there.
 */
export const EcsNoPublicIp = defineRule({
  id: 'EcsNoPublicIp',
  summary: 'ECS tasks get no public IP (a warning in the public-dev network mode)',
  explanation:
    'A task with a public IP is addressable from the internet: one security group change away from exposure. Private subnets with NAT keep tasks unreachable whatever the security group says.',
  fix: 'Run tasks in private subnets with assign_public_ip = false (AssignPublicIp "DISABLED"); the environment\'s networkMode "private" does this.',
  anchors: { checkov: ['CKV_AWS_333'], securityHub: ['ECS.2'] },
  subjects: ['aws_ecs_service', 'aws_sfn_state_machine', 'aws_scheduler_schedule', 'aws_cloudwatch_event_target'],
  evaluate(block, stack) {
    switch (block.type) {
      case 'aws_ecs_service':
        return resultOf(isTrue(firstObject(block.config.network_configuration).assign_public_ip) ? ['network_configuration.assign_public_ip is true'] : []);
      case 'aws_scheduler_schedule': {
        const ecs = firstObject(firstObject(block.config.target).ecs_parameters);
        if (Object.keys(ecs).length === 0) return notApplicable;
        return resultOf(isTrue(firstObject(ecs.network_configuration).assign_public_ip) ? ['target.ecs_parameters.network_configuration.assign_public_ip is true'] : []);
      }
      case 'aws_cloudwatch_event_target': {
        const ecs = firstObject(block.config.ecs_target);
        if (Object.keys(ecs).length === 0) return notApplicable;
        return resultOf(isTrue(firstObject(ecs.network_configuration).assign_public_ip) ? ['ecs_target.network_configuration.assign_public_ip is true'] : []);
      }
      default: {
        const read = stack.readJson(block.config.definition, `${block.address}.definition`);
        if (!read.ok) return resultOf([read.reason]);
        const runTasks = allStates(read.value).filter(({ state }) => isRunTaskState(state));
        if (runTasks.length === 0) return notApplicable;
        return resultOf(
          runTasks
            .filter(({ state }) => {
              const vpc = firstObject(firstObject(firstObject(state.Parameters).NetworkConfiguration).AwsvpcConfiguration);
              return vpc.AssignPublicIp === 'ENABLED';
            })
            .map(({ name }) => `state "${name}" runs its task with AssignPublicIp "ENABLED"`),
        );
      }
    }
  },
});
