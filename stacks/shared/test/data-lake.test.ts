import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Testing } from 'cdktf';
import { DataLake } from '../src/data-lake';
import { policyStatements, reference, resourcesOf, testEnvironment } from './fixtures';

describe('DataLake', () => {
  const environment = testEnvironment('dev');
  const synthesized = Testing.synthScope((scope) => {
    new DataLake(scope, 'DataLake', { environment, bucketName: 'data-platform-lake-dev-111111111111' });
  });
  const bucket = reference('aws_s3_bucket', 'DataLake/Bucket');

  test('DataLake - object events go to EventBridge, where onData rules match their prefixes', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketNotification, { bucket, eventbridge: true });
  });

  test('DataLake - the bucket is versioned', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketVersioningA, {
      bucket,
      versioning_configuration: { status: 'Enabled' },
    });
  });

  test('DataLake - objects are encrypted with its customer managed key, bucket key on', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      bucket,
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: reference('aws_kms_key', 'DataLake/Key/Key', 'arn'),
          },
          bucket_key_enabled: true,
        },
      ],
    });
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
  });

  test('DataLake - every form of public access is blocked', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      bucket,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test('DataLake - the bucket policy refuses every request without TLS', () => {
    expect(policyStatements(synthesized, 'DataLake/Policy')).toContainEqual({
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      principals: [{ type: '*', identifiers: ['*'] }],
      actions: ['s3:*'],
      resources: [reference('aws_s3_bucket', 'DataLake/Bucket', 'arn'), expect.stringMatching(/^\$\{aws_s3_bucket\.DataLake_Bucket_[0-9A-F]{8}\.arn\}\/\*$/)],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
    expect(synthesized).toHaveResourceWithProperties(S3BucketPolicy, {
      bucket,
      policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\.DataLake_Policy_[0-9A-F]{8}\.json\}$/),
    });
  });

  test('DataLake - the bucket policy refuses uploads asking for another encryption than KMS', () => {
    expect(policyStatements(synthesized, 'DataLake/Policy')).toContainEqual(
      expect.objectContaining({
        sid: 'DenyOtherEncryption',
        effect: 'Deny',
        actions: ['s3:PutObject'],
        condition: [
          { test: 'Null', variable: 's3:x-amz-server-side-encryption', values: ['false'] },
          { test: 'StringNotEquals', variable: 's3:x-amz-server-side-encryption', values: ['aws:kms'] },
        ],
      }),
    );
  });

  test('DataLake - ACLs are disabled: the bucket owner owns every object', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      bucket,
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  test('DataLake - old versions and incomplete multipart uploads expire', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      bucket,
      rule: [
        expect.objectContaining({ status: 'Enabled', filter: [{}], noncurrent_version_expiration: [{ noncurrent_days: 90 }] }),
        expect.objectContaining({ status: 'Enabled', filter: [{}], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }),
      ],
    });
  });

  test('DataLake - Terraform refuses to destroy the bucket or its key, and never empties the bucket', () => {
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, {
      bucket: 'data-platform-lake-dev-111111111111',
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(resourcesOf(synthesized, 'aws_kms_key')).toEqual([expect.objectContaining({ lifecycle: { prevent_destroy: true } })]);
  });
});
