import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Testing } from 'cdktf';
import { AlertsTopic } from '../src/alerts-topic';
import { policyStatements, reference, resourcesOf, testEnvironment } from './support/synthesized';

describe('AlertsTopic', () => {
  const environment = testEnvironment('dev');
  const synthesized = Testing.synthScope((scope) => {
    new AlertsTopic(scope, 'Alerts', {
      environment,
      topicName: 'data-platform-alerts-dev',
      alertsOf: 'data-platform dev',
      emails: ['oncall@example.com', 'data-team@example.com'],
    });
  });
  const publishers = ['events.amazonaws.com', 'cloudwatch.amazonaws.com', 'states.amazonaws.com'];

  test('AlertsTopic - the topic is encrypted with its own customer managed key', () => {
    expect(synthesized).toHaveResourceWithProperties(SnsTopic, {
      name: 'data-platform-alerts-dev',
      kms_master_key_id: reference('aws_kms_key', 'Alerts/Key/Key', 'arn'),
    });
  });

  test('AlertsTopic - the key lets EventBridge, CloudWatch and Step Functions encrypt messages, on behalf of this account only', () => {
    expect(policyStatements(synthesized, 'Alerts/Key/Policy')).toContainEqual({
      sid: 'AlertPublishersEncryptMessages',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: publishers }],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['111111111111'] }],
    });
  });

  test('AlertsTopic - the topic accepts those services on behalf of this account only, and only over TLS', () => {
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

  test('AlertsTopic - every address given gets an e-mail subscription, keyed by address', () => {
    expect(synthesized).toHaveResourceWithProperties(SnsTopicSubscription, {
      for_each: '${toset(["oncall@example.com", "data-team@example.com"])}',
      protocol: 'email',
      endpoint: '${each.value}',
      topic_arn: reference('aws_sns_topic', 'Alerts/Topic', 'arn'),
    });
  });

  test('AlertsTopic - its key is named after the topic and says whose alerts it encrypts', () => {
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { description: 'Encrypts the alerts topic of data-platform dev' });
    expect(synthesized).toHaveResourceWithProperties(KmsAlias, { name: 'alias/data-platform-alerts-dev' });
  });

  test('AlertsTopic - without addresses, no subscription', () => {
    const bare = Testing.synthScope((scope) => {
      new AlertsTopic(scope, 'Alerts', { environment, topicName: 'data-platform-alerts-orders-dev', alertsOf: 'team orders (dev)', emails: [] });
    });
    expect(resourcesOf(bare, 'aws_sns_topic_subscription')).toEqual([
      expect.objectContaining({ for_each: '${toset([])}' }),
    ]);
  });
});
