import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3Encryption } from '../../../src/rules/s3/S3Encryption';
import { bucket } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('S3Encryption: S3 buckets have default server-side encryption configured', () => {
  test('Compliance', () => {
    const stack = testStack();
    bucket(stack, 'Lake');
    const other = bucket(stack, 'Other', { encryption: false });
    new S3BucketServerSideEncryptionConfigurationA(stack, 'OtherSse', {
      bucket: other.bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    expectAllCompliant(judge(S3Encryption, stack));
  });

  test('Noncompliance 1', () => {
    // no encryption configuration
    const stack = testStack();
    bucket(stack, 'Lake', { encryption: false });
    expect(reasonsOf(judge(S3Encryption, stack)['aws_s3_bucket.Lake'])).toMatch(/no server-side encryption configuration/);
  });

  test('Noncompliance 2', () => {
    // a configuration with no default algorithm
    const stack = testStack();
    const lake = bucket(stack, 'Lake', { encryption: false });
    new S3BucketServerSideEncryptionConfigurationA(stack, 'KeyOnly', { bucket: lake.id, rule: [{ bucketKeyEnabled: true }] });
    expect(reasonsOf(judge(S3Encryption, stack)['aws_s3_bucket.Lake'])).toMatch(/no server-side encryption configuration with an algorithm/);
  });
});
