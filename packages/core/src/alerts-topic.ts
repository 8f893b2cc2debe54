import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { ResolvedEnvironment } from '@data-platform/config';
import { TerraformIterator } from 'cdktf';
import { Construct } from 'constructs';
import { EncryptionKey } from './encryption-key';

/**
 * The AWS services that publish platform alerts: EventBridge (failed Step Functions executions,
 * ECS events), CloudWatch alarms (missed runs) and Step Functions.
 */
export const ALERT_PUBLISHERS = ['events.amazonaws.com', 'cloudwatch.amazonaws.com', 'states.amazonaws.com'] as const;

export interface AlertsTopicConfig {
  /** The environment: its account publishes to the topic. */
  readonly environment: ResolvedEnvironment;
  /**
   * The topic's name, also its key's alias: `platformNames(environment).alertsTopic` for the
   * environment's shared topic, `teamNames(environment, team).alertsTopic` for a team's.
   */
  readonly topicName: string;
  /** Whose alerts the topic carries, for the key's description, e.g. `data-platform dev`. */
  readonly alertsOf: string;
  /** E-mail addresses subscribed to the topic (each confirms once). */
  readonly emails: readonly string[];
}

/**
 * An SNS topic of alerts, encrypted with its own KMS key: the environment's shared topic (shared
 * stack) and each team's (access stack) are this construct. The key lets the publishing services
 * encrypt messages; the topic accepts their messages only on behalf of this account, and only over
 * TLS. Each address gets an e-mail subscription (confirmed once by its owner).
 */
export class AlertsTopic extends Construct {
  readonly topic: SnsTopic;
  readonly key: EncryptionKey;

  constructor(scope: Construct, id: string, config: AlertsTopicConfig) {
    super(scope, id);
    const { environment } = config;

    this.key = new EncryptionKey(this, 'Key', {
      environment,
      alias: config.topicName,
      description: `Encrypts the alerts topic of ${config.alertsOf}`,
      serviceStatements: [
        {
          sid: 'AlertPublishersEncryptMessages',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: [...ALERT_PUBLISHERS] }],
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: ['*'],
          // On behalf of this account only: another account's rule or alarm cannot use the key.
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [environment.accountId] }],
        },
      ],
    });

    this.topic = new SnsTopic(this, 'Topic', {
      name: config.topicName,
      kmsMasterKeyId: this.key.key.arn,
    });

    const policy = new DataAwsIamPolicyDocument(this, 'Policy', {
      statement: [
        {
          sid: 'AlertPublishersOfThisAccount',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: [...ALERT_PUBLISHERS] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [environment.accountId] }],
        },
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    new SnsTopicPolicy(this, 'TopicPolicy', { arn: this.topic.arn, policy: policy.json });

    // One subscription per address, keyed by the address: removing one leaves the others in place.
    const emails = TerraformIterator.fromList([...config.emails]);
    new SnsTopicSubscription(this, 'EmailSubscriptions', {
      forEach: emails,
      topicArn: this.topic.arn,
      protocol: 'email',
      endpoint: emails.value,
    });
  }
}
