import { PlatformError } from '@data-platform/config';
import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { collectSuppressions, suppressPolicy } from '../src/suppress';
import { bucket } from './support/fixtures';
import { testStack } from './support/harness';

describe('suppressPolicy', () => {
  test('suppressPolicy - records the rule and reason on a resource, found by its address', () => {
    const stack = testStack(Testing.app(), 'test-dev');
    const group = new Construct(stack, 'Storage');
    const lake = bucket(group, 'Lake');
    suppressPolicy(lake, 'S3Versioning', '  rebuilt from source every night  ');
    expect(collectSuppressions(stack)).toEqual([
      { ruleId: 'S3Versioning', reason: 'rebuilt from source every night', address: `aws_s3_bucket.${lake.friendlyUniqueId}`, constructPath: 'test-dev/Storage/Lake' },
    ]);
  });

  test('suppressPolicy - works on the S3 backend', () => {
    const stack = testStack(Testing.app(), 'test-dev');
    const backend = stack.node.children.find((c) => c.node.id === 'backend')!;
    suppressPolicy(backend, 'BackendLockAndEncrypt', 'migrating from DynamoDB locking this week');
    expect(collectSuppressions(stack)).toEqual([expect.objectContaining({ address: 'terraform.backend.s3', ruleId: 'BackendLockAndEncrypt' })]);
  });

  test('suppressPolicy - throws without a reason', () => {
    const stack = testStack();
    const lake = bucket(stack, 'Lake');
    expect(() => suppressPolicy(lake, 'S3Versioning', ' ')).toThrow(PlatformError);
    expect(() => suppressPolicy(lake, 'S3Versioning', 'because')).toThrow(
      'policy suppression of S3Versioning on test-dev/Lake: the reason is "because"; a suppression needs a reason of at least 10 characters that a reviewer can judge',
    );
  });

  test('suppressPolicy - throws on a construct that is not a resource', () => {
    const stack = testStack();
    const group = new Construct(stack, 'Storage');
    expect(() => suppressPolicy(group, 'S3Versioning', 'the whole group is scratch space')).toThrow(
      /policy suppression of S3Versioning on test-dev\/Storage: that construct is not a resource, data source or backend/,
    );
  });

  test('suppressPolicy - throws on a malformed rule id and on a second suppression of the same rule', () => {
    const stack = testStack();
    const lake = bucket(stack, 'Lake');
    expect(() => suppressPolicy(lake, 's3-versioning', 'scratch space, rebuilt nightly')).toThrow(/the rule id is "s3-versioning"; expected a rule id of the pack in PascalCase/);
    suppressPolicy(lake, 'S3Versioning', 'scratch space, rebuilt nightly');
    expect(() => suppressPolicy(lake, 'S3Versioning', 'another reason, same rule')).toThrow(/S3Versioning on test-dev\/Lake is declared twice/);
  });
});
