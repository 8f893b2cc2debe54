// The types of cdktf's jest matchers, registered at run time by jest.setup.js.
import type {} from 'cdktf/lib/testing/adapters/jest';
import { ChatbotSlackChannelConfiguration } from '@cdktf/provider-aws/lib/chatbot-slack-channel-configuration';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { loadEnvironment } from '@data-platform/config';
import { contractParameterPrefixes, permissionsBoundaryArn } from '@data-platform/core';
import { collectSuppressions, dataPlatformPack, evaluateStack } from '@data-platform/policies';
import { Testing } from 'cdktf';
import { AccessStack } from '../src/access-stack';
import type { ResolvedTeamAlerts } from '../src/resolve-alerts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const dev = loadEnvironment('dev');
const ORDERS: ResolvedTeamAlerts = {
  team: 'orders-team',
  owner: '@acme-data/orders-leads',
  email: 'orders-oncall@example.com',
  slack: { workspaceId: 'T04ACMEDATA', channelId: 'C07ORDERSDV' },
};
const ANALYTICS: ResolvedTeamAlerts = { team: 'analytics', owner: '@acme-data/analytics-leads' };

function accessStack(alerts: readonly ResolvedTeamAlerts[], environment = dev): AccessStack {
  return new AccessStack(Testing.app(), { environment, teams: [], alerts });
}
const stack = accessStack([ANALYTICS, ORDERS]);
const synthesized = Testing.synth(stack);
const json = JSON.parse(synthesized) as Json;
const parameters = Object.values(json.resource.aws_ssm_parameter) as Json[];
const parameter = (team: string) => parameters.find((p) => p.name === `/data-platform/dev/teams/${team}/alerts-topic-arn`);

describe('TeamAlerts', () => {
  test('TeamAlerts - a team with a destination gets its own encrypted topic, its address subscribed', () => {
    expect(synthesized).toHaveResourceWithProperties(SnsTopic, {
      name: 'data-platform-alerts-orders-team-dev',
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.TeamOrdersTeamAlerts_Topic_Key_[0-9A-F]{8}\.arn\}$/),
    });
    expect(synthesized).toHaveResourceWithProperties(SnsTopicSubscription, {
      for_each: '${toset(["orders-oncall@example.com"])}',
      protocol: 'email',
    });
    expect(Object.values(json.resource.aws_sns_topic).map((t: Json) => t.name)).toEqual(['data-platform-alerts-orders-team-dev']);
  });

  test('TeamAlerts - its Slack channel is the platform\'s kind: the environment\'s workspace, read-only guardrail, a role of its own', () => {
    expect(synthesized).toHaveResourceWithProperties(ChatbotSlackChannelConfiguration, {
      configuration_name: 'data-platform-alerts-orders-team-dev',
      slack_team_id: 'T04ACMEDATA',
      slack_channel_id: 'C07ORDERSDV',
      sns_topic_arns: [expect.stringMatching(/^\$\{aws_sns_topic\.TeamOrdersTeamAlerts_Topic_[0-9A-F]{8}\.arn\}$/)],
      guardrail_policy_arns: ['arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess'],
    });
    expect(Object.values(json.resource.aws_iam_role).map((r: Json) => [r.name, r.permissions_boundary])).toEqual([
      ['data-platform-chatbot-orders-team-dev', permissionsBoundaryArn(dev)],
    ]);
  });

  test('TeamAlerts - routing: the team\'s parameter names its own topic; a team without destination\'s names the shared topic', () => {
    expect(parameter('orders-team')).toMatchObject({
      type: 'String',
      value: expect.stringMatching(/^\$\{aws_sns_topic\.TeamOrdersTeamAlerts_Topic_[0-9A-F]{8}\.arn\}$/),
    });
    expect(parameter('analytics')).toMatchObject({
      type: 'String',
      value: expect.stringMatching(/^\$\{data\.aws_ssm_parameter\.SharedPlatform_AlertsTopicArn_[0-9A-F]{8}\.insecure_value\}$/),
    });
    expect(json.data.aws_ssm_parameter[/\$\{data\.aws_ssm_parameter\.([^.]+)\./.exec(parameter('analytics').value)![1]!].name).toBe('/data-platform/dev/shared/alerts-topic-arn');
  });

  test('TeamAlerts - an e-mail only team gets a topic and no channel', () => {
    const only = JSON.parse(Testing.synth(accessStack([{ team: 'orders-team', owner: 'o', email: 'orders@example.com' }]))) as Json;
    expect(Object.keys(json.resource)).toContain('aws_chatbot_slack_channel_configuration');
    expect(only.resource.aws_chatbot_slack_channel_configuration).toBeUndefined();
    expect(Object.values(only.resource.aws_sns_topic)).toHaveLength(1);
  });

  test('TeamAlerts - the access stack with team topics and channels passes the platform policy pack', () => {
    const report = evaluateStack({
      synthesized: stack.toTerraform() as never,
      context: {
        stackName: stack.node.id,
        environment: 'dev',
        networkMode: 'private',
        readableParameterPrefixes: contractParameterPrefixes('dev'),
        permissionsBoundary: permissionsBoundaryArn(dev),
      },
      pack: dataPlatformPack,
      suppressions: collectSuppressions(stack),
    });
    expect(report.findings.filter((f) => f.level === 'error')).toEqual([]);
  });
});
