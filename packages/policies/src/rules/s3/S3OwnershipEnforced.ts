import { defineRule, resultOf } from '../../rule';
import { asObjects } from '../../synthesized/values';

/** Every bucket enforces bucket-owner ownership, which disables ACLs. */
export const S3OwnershipEnforced = defineRule({
  id: 'S3OwnershipEnforced',
  summary: 'S3 buckets enforce object ownership (ACLs disabled)',
  explanation:
    'With ACLs enabled, an object written by another principal can stay out of the bucket owner\'s control and be shared through its own ACL; BucketOwnerEnforced leaves access to policies only.',
  fix: 'Add an aws_s3_bucket_ownership_controls for the bucket with rule { object_ownership = "BucketOwnerEnforced" }.',
  anchors: { checkov: ['CKV2_AWS_65'], securityHub: ['S3.12'] },
  subjects: ['aws_s3_bucket'],
  evaluate(bucket, stack) {
    const enforced = stack
      .referrers('aws_s3_bucket_ownership_controls', 'bucket', bucket)
      .some((controls) => asObjects(controls.config.rule).some((rule) => rule.object_ownership === 'BucketOwnerEnforced'));
    return resultOf(enforced ? [] : ['no aws_s3_bucket_ownership_controls with object_ownership "BucketOwnerEnforced" refers to this bucket']);
  },
});
