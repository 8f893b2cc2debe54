import { cidrScope } from '@data-platform/config';
import { defineRule, notApplicable, resultOf } from '../../rule';
import { allStates, isRunTaskState } from '../../synthesized/ecs';
import type { Block, StackView } from '../../synthesized/stack-view';
import { asObjects, asStrings, firstObject, hasToken, isTrue } from '../../synthesized/values';

/** The contract parameter that hands the shared task security group to every pipeline stack. */
const TASK_GROUP_PARAMETER = /\/task-security-group-id$/;

/** The security groups a task's network configuration names, wherever a task is started from. */
function taskGroupReferences(stack: StackView): unknown[] {
  const references: unknown[] = [];
  for (const service of stack.blocks('aws_ecs_service')) references.push(firstObject(service.config.network_configuration).security_groups);
  for (const schedule of stack.blocks('aws_scheduler_schedule')) {
    references.push(firstObject(firstObject(firstObject(schedule.config.target).ecs_parameters).network_configuration).security_groups);
  }
  for (const target of stack.blocks('aws_cloudwatch_event_target')) {
    references.push(firstObject(firstObject(target.config.ecs_target).network_configuration).security_groups);
  }
  for (const machine of stack.blocks('aws_sfn_state_machine')) {
    const read = stack.readJson(machine.config.definition, `${machine.address}.definition`);
    if (!read.ok) continue;
    for (const { state } of allStates(read.value).filter(({ state }) => isRunTaskState(state))) {
      // JSONata states take Arguments, JSONPath ones Parameters.
      const call = firstObject(state.Arguments ?? state.Parameters);
      references.push(firstObject(firstObject(call.NetworkConfiguration).AwsvpcConfiguration).SecurityGroups);
    }
  }
  for (const parameter of stack.blocks('aws_ssm_parameter')) {
    if (typeof parameter.config.name === 'string' && TASK_GROUP_PARAMETER.test(parameter.config.name)) references.push(parameter.config.value);
  }
  return references;
}

/** Whether tasks run in the group: a task's network configuration names it, or the shared contract hands it to tasks. */
function isTaskGroup(group: Block, stack: StackView): boolean {
  return taskGroupReferences(stack).some((value) => stack.referencedBlocks(value).includes(group));
}

/** What is wrong with one inline egress rule, as declared rules are made: one TCP port, one destination, a reason. */
function ruleProblems(rule: Record<string, unknown>, where: string): string[] {
  const problems: string[] = [];
  const from = Number(rule.from_port);
  const to = Number(rule.to_port);
  if (String(rule.protocol) !== 'tcp' && String(rule.protocol) !== '6') problems.push(`${where} is protocol ${JSON.stringify(rule.protocol)}, not TCP`);
  if (from !== to || !Number.isInteger(from) || from < 1 || from > 65535) problems.push(`${where} opens ports ${rule.from_port}-${rule.to_port}, not one port from 1 to 65535`);
  const description = typeof rule.description === 'string' ? rule.description.trim() : '';
  if (description === '') problems.push(`${where} has no description (the reason it was declared for)`);
  const cidrs = [...asStrings(rule.cidr_blocks), ...asStrings(rule.ipv6_cidr_blocks)];
  const destinations = [...cidrs, ...asStrings(rule.prefix_list_ids), ...asStrings(rule.security_groups)];
  if (isTrue(rule.self)) destinations.push('self');
  if (destinations.length !== 1) problems.push(`${where} has ${destinations.length} destinations (${destinations.join(', ') || 'none'}), not one`);
  for (const cidr of cidrs) {
    if (hasToken(cidr)) {
      problems.push(`${where} reaches ${cidr}, known only at apply time, so whether it is private cannot be checked`);
      continue;
    }
    const scope = cidrScope(cidr);
    if (typeof scope === 'string') problems.push(`${where} reaches ${JSON.stringify(cidr)}, which is not a CIDR block (${scope})`);
    else if (scope.scope === 'anywhere' && from !== 443) problems.push(`${where} opens port ${from} to anywhere (${cidr}); only HTTPS (443) may reach anywhere`);
    else if (scope.scope === 'public' && !description.startsWith('public:')) {
      problems.push(`${where} reaches the public block ${cidr} without saying why (a description starting "public:", from the rule's publicReason)`);
    }
  }
  return problems;
}

/**
 * A security group tasks run in (named by a task's network configuration, or handed to pipelines
 * as the shared contract's `task-security-group-id`) has no ingress, and its egress is exactly what
 * was declared: inline rules only (no rule resource added beside the group), each one TCP port to
 * one destination with its reason as description, anywhere (`0.0.0.0/0`, `::/0`) on 443 only, a
 * public block only with its public reason (`public: ...`).
 */
export const TaskSecurityGroupDeclaredEgress = defineRule({
  id: 'TaskSecurityGroupDeclaredEgress',
  summary: 'task security groups have no ingress, and egress only as declared (one TCP port to one destination, with its reason)',
  explanation:
    'What a pipeline may reach is reviewed as its declared egress; a port range, an all-protocol rule, a rule added beside the group or an unexplained public destination opens more than any review saw, for every task of the group.',
  fix: 'Declare the pipeline\'s egress in its main.ts ({ port, to, reason[, publicReason] }); standard-etl writes its security group from it, inline, and the shared task group keeps HTTPS only.',
  anchors: { cdkNag: ['AwsSolutions-EC23'], checkov: ['CKV_AWS_382'], securityHub: ['EC2.18'] },
  subjects: ['aws_security_group'],
  evaluate(group, stack) {
    if (!isTaskGroup(group, stack)) return notApplicable;
    const reasons: string[] = [];
    const ingress = asObjects(group.config.ingress);
    if (ingress.length > 0) reasons.push(`it declares ${ingress.length} ingress rule(s)`);
    for (const rule of stack.referrers('aws_security_group_rule', 'security_group_id', group)) {
      reasons.push(`${rule.address} adds ${rule.config.type === 'ingress' ? 'ingress' : 'egress outside the group\'s declaration'}`);
    }
    for (const rule of stack.referrers('aws_vpc_security_group_ingress_rule', 'security_group_id', group)) reasons.push(`${rule.address} adds ingress`);
    for (const rule of stack.referrers('aws_vpc_security_group_egress_rule', 'security_group_id', group)) reasons.push(`${rule.address} adds egress outside the group's declaration`);
    if (group.config.egress === undefined) {
      reasons.push('it declares no egress, so AWS\'s default rule (all traffic to anywhere) stays');
    } else {
      asObjects(group.config.egress).forEach((rule, i) => reasons.push(...ruleProblems(rule, `egress[${i}]`)));
    }
    return resultOf(reasons);
  },
});
