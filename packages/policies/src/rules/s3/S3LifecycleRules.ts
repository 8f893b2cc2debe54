import { defineRule, resultOf } from '../../rule';
import { asObjects } from '../../synthesized/values';
import { isVersioned } from './S3Versioning';

/**
 * Every bucket has a lifecycle configuration with an enabled rule that aborts incomplete multipart
 * uploads and, when the bucket is versioned, one that expires noncurrent versions.
 */
export const S3LifecycleRules = defineRule({
  id: 'S3LifecycleRules',
  summary: 'S3 buckets have lifecycle rules (incomplete uploads; noncurrent versions when versioned)',
  explanation:
    'Incomplete multipart uploads and noncurrent versions are billed and invisible in listings; without expiry they pile up forever, and deleted data is never really gone.',
  fix: 'Add an aws_s3_bucket_lifecycle_configuration for the bucket with an enabled rule holding abort_incomplete_multipart_upload { days_after_initiation = 7 } and noncurrent_version_expiration { noncurrent_days = 90 }.',
  anchors: { checkov: ['CKV2_AWS_61', 'CKV_AWS_300'], securityHub: ['S3.13'] },
  subjects: ['aws_s3_bucket'],
  evaluate(bucket, stack) {
    const configurations = stack.referrers('aws_s3_bucket_lifecycle_configuration', 'bucket', bucket);
    if (configurations.length === 0) return resultOf(['no aws_s3_bucket_lifecycle_configuration refers to this bucket']);
    const rules = configurations.flatMap((c) => asObjects(c.config.rule)).filter((rule) => rule.status === 'Enabled');
    const reasons: string[] = [];
    if (rules.length === 0) reasons.push('its lifecycle configuration has no enabled rule');
    if (!rules.some((rule) => asObjects(rule.abort_incomplete_multipart_upload).length > 0)) {
      reasons.push('no enabled lifecycle rule aborts incomplete multipart uploads');
    }
    if (isVersioned(bucket, stack) && !rules.some((rule) => asObjects(rule.noncurrent_version_expiration).length > 0)) {
      reasons.push('the bucket is versioned but no enabled lifecycle rule expires noncurrent versions');
    }
    return resultOf(reasons);
  },
});
