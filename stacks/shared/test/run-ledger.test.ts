import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Testing } from 'cdktf';
import { RunLedger } from '../src/run-ledger';

describe('RunLedger', () => {
  const synthesized = Testing.synthScope((scope) => {
    new RunLedger(scope, 'RunLedger', { tableName: 'data-platform-runs-dev' });
  });

  test('RunLedger - keyed by pipeline and interval, indexed by start time, kept by TTL, on demand', () => {
    expect(synthesized).toHaveResourceWithProperties(DynamodbTable, {
      name: 'data-platform-runs-dev',
      billing_mode: 'PAY_PER_REQUEST',
      hash_key: 'pk',
      range_key: 'sk',
      attribute: [{ name: 'pk', type: 'S' }, { name: 'sk', type: 'S' }, { name: 'startedAt', type: 'S' }],
      global_secondary_index: [{ name: 'byStart', hash_key: 'pk', range_key: 'startedAt', projection_type: 'ALL' }],
      ttl: { attribute_name: 'expiresAt', enabled: true },
    });
  });

  test('RunLedger - history: encrypted, point-in-time recovery, and neither Terraform nor a call deletes it', () => {
    expect(synthesized).toHaveResourceWithProperties(DynamodbTable, {
      server_side_encryption: { enabled: true },
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
  });
});
