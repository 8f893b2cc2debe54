import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3OwnershipEnforced } from '../../../src/rules/s3/S3OwnershipEnforced';
import { bucket } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('S3OwnershipEnforced: S3 buckets enforce object ownership (ACLs disabled)', () => {
  test('Compliance', () => {
    const stack = testStack();
    bucket(stack, 'Lake');
    expectAllCompliant(judge(S3OwnershipEnforced, stack));
  });

  test('Noncompliance 1', () => {
    // no ownership controls
    const stack = testStack();
    bucket(stack, 'Lake', { ownership: false });
    expect(reasonsOf(judge(S3OwnershipEnforced, stack)['aws_s3_bucket.Lake'])).toMatch(/no aws_s3_bucket_ownership_controls/);
  });

  test('Noncompliance 2', () => {
    // ACLs still enabled
    const stack = testStack();
    const lake = bucket(stack, 'Lake', { ownership: false });
    new S3BucketOwnershipControls(stack, 'Preferred', { bucket: lake.id, rule: { objectOwnership: 'BucketOwnerPreferred' } });
    expect(reasonsOf(judge(S3OwnershipEnforced, stack)['aws_s3_bucket.Lake'])).toMatch(/BucketOwnerEnforced/);
  });
});
