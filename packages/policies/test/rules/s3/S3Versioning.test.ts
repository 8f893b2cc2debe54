import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3Versioning } from '../../../src/rules/s3/S3Versioning';
import { bucket } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('S3Versioning: S3 buckets have versioning enabled', () => {
  test('Compliance', () => {
    const stack = testStack();
    bucket(stack, 'Lake');
    // versioning referring to the bucket by its literal name counts too
    new S3Bucket(stack, 'ByName', { bucket: 'by-name-bucket' });
    new S3BucketVersioningA(stack, 'ByNameVersioning', { bucket: 'by-name-bucket', versioningConfiguration: { status: 'Enabled' } });
    expectAllCompliant(judge(S3Versioning, stack));
  });

  test('Noncompliance 1', () => {
    // no versioning resource at all
    const stack = testStack();
    bucket(stack, 'Lake', { versioning: false });
    expect(reasonsOf(judge(S3Versioning, stack)['aws_s3_bucket.Lake'])).toMatch(/no aws_s3_bucket_versioning with status "Enabled"/);
  });

  test('Noncompliance 2', () => {
    // versioning suspended, and versioning of another bucket
    const stack = testStack();
    const lake = bucket(stack, 'Lake', { versioning: false });
    const other = bucket(stack, 'Other');
    new S3BucketVersioningA(stack, 'Suspended', { bucket: lake.id, versioningConfiguration: { status: 'Suspended' } });
    const results = judge(S3Versioning, stack);
    expect(reasonsOf(results['aws_s3_bucket.Lake'])).toMatch(/versioning/);
    expect(results[`aws_s3_bucket.${other.friendlyUniqueId}`]).toEqual({ status: 'compliant' });
  });
});
