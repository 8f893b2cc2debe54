import { defineRule, resultOf } from '../../rule';
import { isTrue } from '../../synthesized/values';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'] as const;

/** Every bucket has an `aws_s3_bucket_public_access_block` with all four settings on. */
export const S3PublicAccessBlocked = defineRule({
  id: 'S3PublicAccessBlocked',
  summary: 'S3 buckets block public access (all four settings)',
  explanation:
    'Without a bucket-level public access block, one ACL or policy statement (by mistake, or by a compromised role) makes pipeline data public.',
  fix: `Add an aws_s3_bucket_public_access_block for the bucket with ${SETTINGS.join(', ')} all true.`,
  anchors: { cdkNag: ['AwsSolutions-S2', 'NIST.800.53.R5-S3BucketLevelPublicAccessProhibited'], checkov: ['CKV2_AWS_6'], securityHub: ['S3.8'] },
  subjects: ['aws_s3_bucket'],
  evaluate(bucket, stack) {
    const blocks = stack.referrers('aws_s3_bucket_public_access_block', 'bucket', bucket);
    if (blocks.length === 0) return resultOf(['no aws_s3_bucket_public_access_block refers to this bucket']);
    const fullyBlocked = blocks.some((block) => SETTINGS.every((setting) => isTrue(block.config[setting])));
    if (fullyBlocked) return resultOf([]);
    const off = SETTINGS.filter((setting) => !blocks.some((block) => isTrue(block.config[setting])));
    return resultOf([`${blocks.map((b) => b.address).join(', ')} leaves ${off.join(', ')} off`]);
  },
});
