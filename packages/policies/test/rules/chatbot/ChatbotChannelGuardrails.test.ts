import { ChatbotSlackChannelConfiguration } from '@cdktf/provider-aws/lib/chatbot-slack-channel-configuration';
import { ChatbotTeamsChannelConfiguration } from '@cdktf/provider-aws/lib/chatbot-teams-channel-configuration';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { TerraformStack } from 'cdktf';
import { ChatbotChannelGuardrails } from '../../../src/rules/chatbot/ChatbotChannelGuardrails';
import { serviceRole } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const READ_ONLY = 'arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess';

/** A Slack channel of the alerts topic, with a role of these statements and these guardrails. */
function slackChannel(
  stack: TerraformStack,
  guardrails: string[] | 'none' = [READ_ONLY],
  actions: string[] = ['cloudwatch:DescribeAlarms'],
): string {
  const role = serviceRole(stack, 'Channel', [{ effect: 'Allow', actions, resources: ['arn:aws:cloudwatch:eu-west-1:111111111111:alarm:dp-*'] }], 'chatbot.amazonaws.com');
  new ChatbotSlackChannelConfiguration(stack, 'Slack', {
    configurationName: 'alerts',
    slackTeamId: 'T0123ABCD',
    slackChannelId: 'C0123ABCD',
    iamRoleArn: role.arn,
    snsTopicArns: ['arn:aws:sns:eu-west-1:111111111111:alerts'],
    ...(guardrails === 'none' ? {} : { guardrailPolicyArns: guardrails }),
  });
  return role.name;
}

describe('ChatbotChannelGuardrails: chat channel configurations have explicit, non-administrator guardrails and a read-only role', () => {
  test('Compliance', () => {
    const stack = testStack();
    slackChannel(stack);
    expectAllCompliant(judge(ChatbotChannelGuardrails, stack));
  });

  test('Noncompliance 1 - no guardrail, so AWS applies AdministratorAccess', () => {
    const stack = testStack();
    slackChannel(stack, 'none');
    expect(reasonsOf(judge(ChatbotChannelGuardrails, stack)['aws_chatbot_slack_channel_configuration.Slack'])).toBe(
      'guardrail_policy_arns is not set, so AWS applies AdministratorAccess',
    );
  });

  test('Noncompliance 2 - an administrator-level guardrail', () => {
    const stack = testStack();
    slackChannel(stack, [READ_ONLY, 'arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(reasonsOf(judge(ChatbotChannelGuardrails, stack)['aws_chatbot_slack_channel_configuration.Slack'])).toBe(
      'guardrail arn:aws:iam::aws:policy/AdministratorAccess is administrator-level',
    );
  });

  test('Noncompliance 3 - a channel role that can change things', () => {
    const stack = testStack();
    slackChannel(stack, [READ_ONLY], ['cloudwatch:DescribeAlarms', 'cloudwatch:DeleteAlarms']);
    expect(reasonsOf(judge(ChatbotChannelGuardrails, stack)['aws_chatbot_slack_channel_configuration.Slack'])).toMatch(
      /^the channel role's statement 1 of data\.aws_iam_policy_document\.ChannelPolicyDocument allows cloudwatch:DeleteAlarms, which is not read-only$/,
    );
  });

  test('Noncompliance 4 - a channel role with an administrator-level managed policy', () => {
    const stack = testStack();
    slackChannel(stack);
    const role = stack.node.findChild('Channel') as unknown as { name: string };
    new IamRolePolicyAttachment(stack, 'Admin', { role: role.name, policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' });
    expect(reasonsOf(judge(ChatbotChannelGuardrails, stack)['aws_chatbot_slack_channel_configuration.Slack'])).toBe(
      'the channel role aws_iam_role.Channel has the administrator-level arn:aws:iam::aws:policy/PowerUserAccess attached (aws_iam_role_policy_attachment.Admin)',
    );
  });

  test('Noncompliance 5 - a Teams channel whose role is not in the stack', () => {
    const stack = testStack();
    new ChatbotTeamsChannelConfiguration(stack, 'Teams', {
      configurationName: 'alerts',
      teamId: '00000000-0000-0000-0000-000000000000',
      channelId: 'channel',
      tenantId: '00000000-0000-0000-0000-000000000001',
      iamRoleArn: 'arn:aws:iam::111111111111:role/somewhere-else',
      guardrailPolicyArns: [READ_ONLY],
    });
    expect(reasonsOf(judge(ChatbotChannelGuardrails, stack)['aws_chatbot_teams_channel_configuration.Teams'])).toBe(
      'iam_role_arn "arn:aws:iam::111111111111:role/somewhere-else" is not a role of this stack, so its permissions cannot be checked',
    );
  });
});
