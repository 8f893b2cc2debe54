import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Testing } from 'cdktf';
import { Alerts } from '../src/alerts';
import { policyStatements, reference, testEnvironment } from './fixtures';

describe('Alerts', () => {
  const environment = testEnvironment('dev', { alertEmails: ['oncall@example.com', 'data-team@example.com'] });
  const synthesized = Testing.synthScope((scope) => {
    new Alerts(scope, 'Alerts', { environment, topicName: 'data-platform-alerts-dev' });
  });
  const publishers = ['events.amazonaws.com', 'cloudwatch.amazonaws.com', 'states.amazonaws.com'];

  test('Alerts - the topic is encrypted with its own customer managed key', () => {
    expect(synthesized).toHaveResourceWithProperties(SnsTopic, {
      name: 'data-platform-alerts-dev',
      kms_master_key_id: reference('aws_kms_key', 'Alerts/Key/Key', 'arn'),
    });
  });

  test('Alerts - the key lets EventBridge, CloudWatch and Step Functions encrypt messages, on behalf of this account only', () => {
    expect(policyStatements(synthesized, 'Alerts/Key/Policy')).toContainEqual({
      sid: 'AlertPublishersEncryptMessages',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: publishers }],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111111111111'] }],
    });
  });

  test('Alerts - the topic accepts those services on behalf of this account only, and only over TLS', () => {
    const statements = policyStatements(synthesized, 'Alerts/Policy');
    expect(statements).toContainEqual({
      sid: 'AlertPublishersOfThisAccount',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: publishers }],
      actions: ['sns:Publish'],
      resources: [reference('aws_sns_topic', 'Alerts/Topic', 'arn')],
      condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111111111111'] }],
    });
    expect(statements).toContainEqual(
      expect.objectContaining({
        effect: 'Deny',
        actions: ['sns:Publish'],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      }),
    );
    expect(synthesized).toHaveResourceWithProperties(SnsTopicPolicy, { arn: reference('aws_sns_topic', 'Alerts/Topic', 'arn') });
  });

  test('Alerts - every configured address gets an e-mail subscription, keyed by address', () => {
    expect(synthesized).toHaveResourceWithProperties(SnsTopicSubscription, {
      for_each: '${toset(["oncall@example.com", "data-team@example.com"])}',
      protocol: 'email',
      endpoint: '${each.value}',
      topic_arn: reference('aws_sns_topic', 'Alerts/Topic', 'arn'),
    });
  });
});
