import { defineRule, resultOf } from '../../rule';
import { asObjects, firstObject, isTrue } from '../../synthesized/values';

/** DynamoDB tables are encrypted with a KMS key and expire their items (a TTL attribute). */
export const DynamodbEncryptedWithTtl = defineRule({
  id: 'DynamodbEncryptedWithTtl',
  summary: 'DynamoDB tables use KMS encryption and a TTL',
  explanation:
    'The platform\'s tables coordinate runs (locks, upstream successes): KMS encryption keeps their use in CloudTrail, and a TTL keeps a dead lock or record from living forever.',
  fix: 'Set server_side_encryption { enabled = true } and ttl { attribute_name = "expiresAt", enabled = true } on the aws_dynamodb_table (standard-etl\'s RunsTable does).',
  anchors: { checkov: ['CKV_AWS_119'], securityHub: ['DynamoDB.1'] },
  subjects: ['aws_dynamodb_table'],
  evaluate(table) {
    const reasons: string[] = [];
    if (!isTrue(firstObject(table.config.server_side_encryption).enabled)) reasons.push('server_side_encryption.enabled is not true');
    const ttl = asObjects(table.config.ttl)[0];
    if (!ttl || !isTrue(ttl.enabled) || typeof ttl.attribute_name !== 'string' || ttl.attribute_name === '') {
      reasons.push('ttl is not enabled on an attribute');
    }
    return resultOf(reasons);
  },
});
