import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3LifecycleRules } from '../../../src/rules/s3/S3LifecycleRules';
import { bucket } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('S3LifecycleRules: S3 buckets have lifecycle rules (incomplete uploads; noncurrent versions when versioned)', () => {
  test('Compliance', () => {
    const stack = testStack();
    bucket(stack, 'Lake');
    // an unversioned bucket needs no noncurrent-version rule
    const scratch = bucket(stack, 'Scratch', { versioning: false, lifecycle: false });
    new S3BucketLifecycleConfiguration(stack, 'ScratchLifecycle', {
      bucket: scratch.id,
      rule: [{ id: 'uploads', status: 'Enabled', filter: [{}], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }] }],
    });
    expectAllCompliant(judge(S3LifecycleRules, stack));
  });

  test('Noncompliance 1', () => {
    // no lifecycle configuration
    const stack = testStack();
    bucket(stack, 'Lake', { lifecycle: false });
    expect(reasonsOf(judge(S3LifecycleRules, stack)['aws_s3_bucket.Lake'])).toMatch(/no aws_s3_bucket_lifecycle_configuration/);
  });

  test('Noncompliance 2', () => {
    // a versioned bucket whose only rule aborts uploads but keeps noncurrent versions forever
    const stack = testStack();
    const lake = bucket(stack, 'Lake', { lifecycle: false });
    new S3BucketLifecycleConfiguration(stack, 'Partial', {
      bucket: lake.id,
      rule: [{ id: 'uploads', status: 'Enabled', filter: [{}], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }] }],
    });
    expect(reasonsOf(judge(S3LifecycleRules, stack)['aws_s3_bucket.Lake'])).toMatch(/versioned but no enabled lifecycle rule expires noncurrent versions/);
  });

  test('Noncompliance 3', () => {
    // the rules exist but are disabled
    const stack = testStack();
    const lake = bucket(stack, 'Lake', { lifecycle: false });
    new S3BucketLifecycleConfiguration(stack, 'Disabled', {
      bucket: lake.id,
      rule: [{ id: 'off', status: 'Disabled', filter: [{}], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }], noncurrentVersionExpiration: [{ noncurrentDays: 30 }] }],
    });
    expect(reasonsOf(judge(S3LifecycleRules, stack)['aws_s3_bucket.Lake'])).toMatch(/no enabled rule/);
  });
});
