import { defineRule, resultOf } from '../../rule';
import { asObjects, firstObject } from '../../synthesized/values';

const ALGORITHMS = ['aws:kms', 'aws:kms:dsse', 'AES256'];

/** Every bucket has default server-side encryption configured explicitly. */
export const S3Encryption = defineRule({
  id: 'S3Encryption',
  summary: 'S3 buckets have default server-side encryption configured',
  explanation:
    'An explicit encryption configuration (KMS for the lake) makes the protection of data at rest visible in review and lets access to the data depend on access to the key.',
  fix: 'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket with apply_server_side_encryption_by_default { sse_algorithm = "aws:kms", kms_master_key_id = <key> }.',
  anchors: {
    cdkNag: ['NIST.800.53.R5-S3BucketServerSideEncryptionEnabled', 'NIST.800.53.R5-S3DefaultEncryptionKMS'],
    checkov: ['CKV_AWS_19', 'CKV_AWS_145'],
  },
  subjects: ['aws_s3_bucket'],
  evaluate(bucket, stack) {
    const configurations = [
      ...stack.referrers('aws_s3_bucket_server_side_encryption_configuration', 'bucket', bucket).map((b) => b.config),
      ...asObjects(bucket.config.server_side_encryption_configuration),
    ];
    const encrypted = configurations.some((configuration) =>
      asObjects(configuration.rule).some((rule) =>
        ALGORITHMS.includes(String(firstObject(rule.apply_server_side_encryption_by_default).sse_algorithm)),
      ),
    );
    return resultOf(encrypted ? [] : ['no server-side encryption configuration with an algorithm refers to this bucket']);
  },
});
