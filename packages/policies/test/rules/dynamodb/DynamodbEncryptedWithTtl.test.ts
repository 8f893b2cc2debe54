import { DynamodbTable, type DynamodbTableConfig } from '@cdktf/provider-aws/lib/dynamodb-table';
import { DynamodbEncryptedWithTtl } from '../../../src/rules/dynamodb/DynamodbEncryptedWithTtl';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const table = (config: Partial<DynamodbTableConfig> = {}) => {
  const stack = testStack();
  new DynamodbTable(stack, 'Runs', {
    name: 'dp-orders-dev-runs',
    billingMode: 'PAY_PER_REQUEST',
    hashKey: 'pk',
    attribute: [{ name: 'pk', type: 'S' }],
    ttl: { attributeName: 'expiresAt', enabled: true },
    serverSideEncryption: { enabled: true },
    ...config,
  });
  return stack;
};

describe('DynamodbEncryptedWithTtl: DynamoDB tables use KMS encryption and a TTL', () => {
  test('Compliance', () => {
    expectAllCompliant(judge(DynamodbEncryptedWithTtl, table()));
  });

  test('Noncompliance 1 - no KMS encryption', () => {
    expect(reasonsOf(judge(DynamodbEncryptedWithTtl, table({ serverSideEncryption: undefined }))['aws_dynamodb_table.Runs'])).toBe(
      'server_side_encryption.enabled is not true',
    );
  });

  test('Noncompliance 2 - no TTL', () => {
    expect(reasonsOf(judge(DynamodbEncryptedWithTtl, table({ ttl: { attributeName: 'expiresAt', enabled: false } }))['aws_dynamodb_table.Runs'])).toBe(
      'ttl is not enabled on an attribute',
    );
  });
});
