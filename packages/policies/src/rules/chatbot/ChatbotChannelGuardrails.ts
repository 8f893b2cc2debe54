import { defineRule, resultOf } from '../../rule';
import { rolePermissions } from '../../synthesized/iam';
import { describeStatement } from '../../synthesized/policy-document';
import { asStrings } from '../../synthesized/values';

/** AWS managed policies that give a chat channel administrator-level reach (or the means to get it). */
const ADMINISTRATOR_LEVEL = /(^|\/)(AdministratorAccess[^/]*|PowerUserAccess|IAMFullAccess|[A-Za-z0-9]*FullAccess)$/;

/** What a channel role may do: read (Describe, Get, List, BatchGet), nothing that changes anything. */
const READ_ONLY_ACTION = /^[a-z0-9-]+:(Describe|Get|List|BatchGet)[A-Za-z0-9]*$/;

/**
 * Every AWS Chatbot channel configuration (Slack, Microsoft Teams) names its guardrail policies, none
 * administrator-level, and runs with a role of this stack that only reads: its attached AWS managed
 * policies are not administrator-level and its own statements allow read actions only.
 */
export const ChatbotChannelGuardrails = defineRule({
  id: 'ChatbotChannelGuardrails',
  summary: 'chat channel configurations have explicit, non-administrator guardrails and a read-only role',
  explanation:
    'Without guardrail_policy_arns AWS Chatbot applies AdministratorAccess as the channel guardrail: anyone in the chat channel could then run any command the channel role, or their own role, allows. An alerts channel only renders notifications.',
  fix: 'Set guardrail_policy_arns to a read-only AWS managed policy (e.g. arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess), and give the channel role (iam_role_arn, a role of this stack) only Describe/Get/List actions.',
  anchors: {},
  subjects: ['aws_chatbot_slack_channel_configuration', 'aws_chatbot_teams_channel_configuration'],
  evaluate(configuration, stack) {
    const reasons: string[] = [];
    const guardrails = asStrings(configuration.config.guardrail_policy_arns);
    if (guardrails.length === 0) reasons.push('guardrail_policy_arns is not set, so AWS applies AdministratorAccess');
    for (const arn of guardrails.filter((g) => ADMINISTRATOR_LEVEL.test(g))) {
      reasons.push(`guardrail ${arn} is administrator-level`);
    }

    const role = stack.referencedBlocks(configuration.config.iam_role_arn).find((b) => b.type === 'aws_iam_role');
    if (!role) {
      reasons.push(`iam_role_arn ${JSON.stringify(configuration.config.iam_role_arn)} is not a role of this stack, so its permissions cannot be checked`);
      return resultOf(reasons);
    }
    const { documents, awsManaged, unknown } = rolePermissions(role, stack);
    for (const { via, arn } of awsManaged.filter((m) => ADMINISTRATOR_LEVEL.test(m.arn))) {
      reasons.push(`the channel role ${role.address} has the administrator-level ${arn} attached (${via})`);
    }
    for (const { via, arn } of unknown) reasons.push(`the channel role ${role.address} has ${arn} attached (${via}), which this stack cannot check`);
    for (const { via, read } of documents) {
      if (!read.ok) {
        reasons.push(`the channel role's policy ${via} cannot be read at synth (${read.reason})`);
        continue;
      }
      for (const statement of read.document.statements.filter((s) => s.effect === 'Allow')) {
        const writes = [...(statement.actions ?? []), ...(statement.notActions ?? []).map((a) => `NotAction ${a}`)].filter(
          (action) => !READ_ONLY_ACTION.test(action),
        );
        if (writes.length > 0) {
          reasons.push(`the channel role's ${describeStatement(read.document, statement)} allows ${writes.join(', ')}, which is not read-only`);
        }
      }
    }
    return resultOf(reasons);
  },
});
