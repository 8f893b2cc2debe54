import { ChatbotSlackChannelConfiguration } from '@cdktf/provider-aws/lib/chatbot-slack-channel-configuration';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { ResolvedEnvironment, SlackChannel as SlackChannelSettings } from '@data-platform/config';
import { Construct } from 'constructs';
import { awsManagedPolicyArn, regionalArn, slackChannelConfigurationArn } from './arns';
import { permissionsBoundaryArn, PIPELINE_NAME_PREFIX } from './platform-names';

/**
 * The guardrail of the channel: the most any member of the channel can do through it, whatever the
 * channel role or their own role allows. CloudWatchReadOnlyAccess is the narrowest AWS managed
 * policy that still lets AWS Chatbot render what the topic carries (custom notifications, and the
 * CloudWatch alarm of a missed run with its chart); it grants no write action and no data outside
 * CloudWatch. Without an explicit guardrail AWS applies AdministratorAccess.
 */
export const SLACK_GUARDRAIL_POLICY = 'CloudWatchReadOnlyAccess';

/** The logging level of the configuration: delivery errors go to CloudWatch Logs, messages do not. */
export const SLACK_LOGGING_LEVEL = 'ERROR';

export interface SlackChannelConfig {
  /** The environment: its account, region and `slack` channel. */
  readonly environment: ResolvedEnvironment;
  /** The Slack workspace and channel: the environment's `slack`, or its workspace and a team's channel. */
  readonly slack: SlackChannelSettings;
  /** The alerts topic the channel subscribes to. */
  readonly topicArn: string;
  /** The configuration's name: `platformNames(environment).slackChannel`, or a team's `teamNames(...).slackChannel`. */
  readonly configurationName: string;
  /** The channel role's name: `platformNames(environment).slackChannelRole`, or a team's `teamNames(...).slackChannelRole`. */
  readonly roleName: string;
  /** Whose alerts the channel shows, for the role's description, e.g. `data-platform dev`. */
  readonly alertsOf: string;
}

/**
 * A Slack channel of alerts (the environment's, in the shared stack; a team's, in the access
 * stack): an AWS Chatbot Slack channel configuration
 * subscribed to the alerts topic (Chatbot's service-linked role creates the HTTPS subscription; SNS
 * decrypts each message with the topic key before delivery, so neither the topic policy nor the
 * key grants Chatbot anything). Its guardrail is read-only CloudWatch, its own role is trusted
 * only by Chatbot acting for this configuration and may only read the pipelines' alarms and draw
 * their charts: a command typed in the channel can do no more than that.
 */
export class SlackChannel extends Construct {
  readonly configuration: ChatbotSlackChannelConfiguration;
  readonly role: IamRole;

  constructor(scope: Construct, id: string, config: SlackChannelConfig) {
    super(scope, id);
    const { environment, slack } = config;
    const configurationArn = slackChannelConfigurationArn(environment, config.configurationName);

    const trust = new DataAwsIamPolicyDocument(this, 'TrustPolicy', {
      statement: [
        {
          sid: 'AssumedByChatbotForThisConfigurationOnly',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['chatbot.amazonaws.com'] }],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [environment.accountId] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [configurationArn] },
          ],
        },
      ],
    });
    this.role = new IamRole(this, 'Role', {
      name: config.roleName,
      description: `AWS Chatbot renders the alerts of ${config.alertsOf} in Slack`,
      assumeRolePolicy: trust.json,
      permissionsBoundary: permissionsBoundaryArn(environment),
    });

    const permissions = new DataAwsIamPolicyDocument(this, 'PermissionsPolicy', {
      statement: [
        {
          sid: 'ReadPipelineAlarms',
          effect: 'Allow',
          actions: ['cloudwatch:DescribeAlarms'],
          resources: [regionalArn(environment, 'cloudwatch', `alarm:${PIPELINE_NAME_PREFIX}*-${environment.name}-*`)],
        },
        // GetMetricWidgetImage has no resource type: "*" is the only form IAM accepts.
        { sid: 'DrawAlarmCharts', effect: 'Allow', actions: ['cloudwatch:GetMetricWidgetImage'], resources: ['*'] },
      ],
    });
    new IamRolePolicy(this, 'Permissions', { role: this.role.name, name: 'render-notifications', policy: permissions.json });

    this.configuration = new ChatbotSlackChannelConfiguration(this, 'Configuration', {
      configurationName: config.configurationName,
      slackTeamId: slack.workspaceId,
      slackChannelId: slack.channelId,
      iamRoleArn: this.role.arn,
      snsTopicArns: [config.topicArn],
      guardrailPolicyArns: [awsManagedPolicyArn(environment, SLACK_GUARDRAIL_POLICY)],
      loggingLevel: SLACK_LOGGING_LEVEL,
      userAuthorizationRequired: false,
    });
  }
}
