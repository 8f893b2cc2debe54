import { ChatbotSlackChannelConfiguration } from '@cdktf/provider-aws/lib/chatbot-slack-channel-configuration';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { ChatbotChannelGuardrails, StackView } from '@data-platform/policies';
import { Testing } from 'cdktf';
import { slackChannelConfigurationArn } from '../src/arns';
import { SlackChannel } from '../src/slack-channel';
import { policyStatements, reference, resourcesOf, testEnvironment } from './support/synthesized';

describe('SlackChannel', () => {
  const environment = testEnvironment('dev', { slack: { workspaceId: 'T0123ABCD', channelId: 'C0123ABCD' } });
  const topicArn = 'arn:aws:sns:eu-west-1:111111111111:data-platform-alerts-dev';
  const synthesized = Testing.synthScope((scope) => {
    new SlackChannel(scope, 'SlackChannel', {
      environment,
      slack: environment.slack!,
      topicArn,
      configurationName: 'data-platform-alerts-dev',
      roleName: 'data-platform-chatbot-dev',
      alertsOf: 'data-platform dev',
    });
  });

  test('SlackChannel - subscribes the configured channel to the alerts topic, logging errors', () => {
    expect(synthesized).toHaveResourceWithProperties(ChatbotSlackChannelConfiguration, {
      configuration_name: 'data-platform-alerts-dev',
      slack_team_id: 'T0123ABCD',
      slack_channel_id: 'C0123ABCD',
      sns_topic_arns: [topicArn],
      iam_role_arn: reference('aws_iam_role', 'SlackChannel/Role', 'arn'),
      logging_level: 'ERROR',
    });
  });

  test('SlackChannel - the guardrail is explicit and read-only CloudWatch, never the AdministratorAccess default', () => {
    const [configuration] = resourcesOf(synthesized, 'aws_chatbot_slack_channel_configuration');
    expect(configuration!.guardrail_policy_arns).toEqual(['arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess']);
  });

  test('SlackChannel - its role is trusted by AWS Chatbot acting for this configuration of this account only', () => {
    expect(synthesized).toHaveResourceWithProperties(IamRole, {
      name: 'data-platform-chatbot-dev',
      permissions_boundary: 'arn:aws:iam::111111111111:policy/data-platform-boundary-dev',
    });
    expect(policyStatements(synthesized, 'SlackChannel/TrustPolicy')).toEqual([
      {
        sid: 'AssumedByChatbotForThisConfigurationOnly',
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['chatbot.amazonaws.com'] }],
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111111111111'] },
          { test: 'ArnLike', variable: 'aws:SourceArn', values: [slackChannelConfigurationArn(environment, 'data-platform-alerts-dev')] },
        ],
      },
    ]);
  });

  test('SlackChannel - its role only reads the pipelines\' alarms of its environment and draws their charts', () => {
    expect(synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: 'render-notifications' });
    expect(policyStatements(synthesized, 'SlackChannel/PermissionsPolicy')).toEqual([
      {
        sid: 'ReadPipelineAlarms',
        effect: 'Allow',
        actions: ['cloudwatch:DescribeAlarms'],
        resources: ['arn:aws:cloudwatch:eu-west-1:111111111111:alarm:dp-*-dev-*'],
      },
      { sid: 'DrawAlarmCharts', effect: 'Allow', actions: ['cloudwatch:GetMetricWidgetImage'], resources: ['*'] },
    ]);
    expect(resourcesOf(synthesized, 'aws_iam_role_policy_attachment')).toHaveLength(0);
  });

  test('SlackChannel - passes the ChatbotChannelGuardrails rule', () => {
    const view = new StackView(JSON.parse(synthesized), {
      stackName: 'shared-dev',
      environment: 'dev',
      networkMode: 'private',
      readableParameterPrefixes: ['/data-platform/dev/shared/'],
    });
    const [configuration] = view.blocks('aws_chatbot_slack_channel_configuration');
    expect(ChatbotChannelGuardrails.evaluate(configuration!, view)).toEqual({ status: 'compliant' });
  });

  test('slackChannelConfigurationArn - Chatbot ARNs carry the account but no region', () => {
    expect(slackChannelConfigurationArn(environment, 'data-platform-alerts-dev')).toBe(
      'arn:aws:chatbot::111111111111:chat-configuration/slack-channel/data-platform-alerts-dev',
    );
  });
});
