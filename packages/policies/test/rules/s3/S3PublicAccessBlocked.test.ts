import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3PublicAccessBlocked } from '../../../src/rules/s3/S3PublicAccessBlocked';
import { bucket } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('S3PublicAccessBlocked: S3 buckets block public access (all four settings)', () => {
  test('Compliance', () => {
    const stack = testStack();
    bucket(stack, 'Lake');
    expectAllCompliant(judge(S3PublicAccessBlocked, stack));
  });

  test('Noncompliance 1', () => {
    // no public access block
    const stack = testStack();
    bucket(stack, 'Lake', { publicAccessBlock: false });
    expect(reasonsOf(judge(S3PublicAccessBlocked, stack)['aws_s3_bucket.Lake'])).toMatch(/no aws_s3_bucket_public_access_block/);
  });

  test('Noncompliance 2', () => {
    // a block that leaves public policies allowed
    const stack = testStack();
    const lake = bucket(stack, 'Lake', { publicAccessBlock: false });
    new S3BucketPublicAccessBlock(stack, 'Partial', {
      bucket: lake.id,
      blockPublicAcls: true,
      blockPublicPolicy: false,
      ignorePublicAcls: true,
      restrictPublicBuckets: false,
    });
    expect(reasonsOf(judge(S3PublicAccessBlocked, stack)['aws_s3_bucket.Lake'])).toMatch(/leaves block_public_policy, restrict_public_buckets off/);
  });
});
