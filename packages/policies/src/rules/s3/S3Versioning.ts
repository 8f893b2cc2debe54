import { defineRule, resultOf } from '../../rule';
import type { Block, StackView } from '../../synthesized/stack-view';
import { asObjects, firstObject, isTrue } from '../../synthesized/values';

/** Whether a bucket has versioning enabled, by an `aws_s3_bucket_versioning` or its legacy inline block. */
export function isVersioned(bucket: Block, stack: StackView): boolean {
  return (
    stack.referrers('aws_s3_bucket_versioning', 'bucket', bucket).some((v) => firstObject(v.config.versioning_configuration).status === 'Enabled') ||
    asObjects(bucket.config.versioning).some((v) => isTrue(v.enabled))
  );
}

/** Every bucket has versioning enabled. */
export const S3Versioning = defineRule({
  id: 'S3Versioning',
  summary: 'S3 buckets have versioning enabled',
  explanation:
    'Without versioning, an overwrite or delete (a buggy pipeline run, a compromised role) destroys data for good; with it, the previous version can be restored.',
  fix: 'Add an aws_s3_bucket_versioning for the bucket with versioning_configuration { status = "Enabled" }.',
  anchors: { cdkNag: ['NIST.800.53.R5-S3BucketVersioningEnabled'], checkov: ['CKV_AWS_21'], securityHub: ['S3.14'] },
  subjects: ['aws_s3_bucket'],
  evaluate(bucket, stack) {
    return resultOf(isVersioned(bucket, stack) ? [] : ['no aws_s3_bucket_versioning with status "Enabled" refers to this bucket']);
  },
});
