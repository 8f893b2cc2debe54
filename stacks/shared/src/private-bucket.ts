import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { Construct } from 'constructs';
import type { EncryptionKey } from '@data-platform/core';

export interface PrivateBucketSettings {
  /** The bucket the settings are for. */
  readonly bucket: S3Bucket;
  /** The customer managed key every object is encrypted with by default (S3 bucket keys on). */
  readonly key: EncryptionKey;
  /**
   * Statements of the bucket policy beside the denial of requests without TLS.
   * @default - none
   */
  readonly policyStatements?: readonly DataAwsIamPolicyDocumentStatement[];
}

/**
 * What every bucket of the platform has, written once: versioning, SSE-KMS with its own key and
 * bucket keys, every form of public access blocked, ACLs disabled (the owner owns every object),
 * and a policy refusing requests without TLS. The settings are created in `scope` (the construct
 * owning the bucket) under fixed ids, `Versioning`, `Encryption`, `PublicAccessBlock`, `Ownership`,
 * `Policy`, `BucketPolicy`: their Terraform addresses are the bucket construct's.
 */
export function privateBucketSettings(scope: Construct, settings: PrivateBucketSettings): void {
  const { bucket, key } = settings;
  new S3BucketVersioningA(scope, 'Versioning', {
    bucket: bucket.id,
    versioningConfiguration: { status: 'Enabled' },
  });

  new S3BucketServerSideEncryptionConfigurationA(scope, 'Encryption', {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.key.arn }, bucketKeyEnabled: true }],
  });

  const publicAccess = new S3BucketPublicAccessBlock(scope, 'PublicAccessBlock', {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });

  new S3BucketOwnershipControls(scope, 'Ownership', {
    bucket: bucket.id,
    rule: { objectOwnership: 'BucketOwnerEnforced' },
  });

  const policy = new DataAwsIamPolicyDocument(scope, 'Policy', {
    statement: [
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['s3:*'],
        resources: [bucket.arn, `${bucket.arn}/*`],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
      ...(settings.policyStatements ?? []),
    ],
  });
  new S3BucketPolicy(scope, 'BucketPolicy', { bucket: bucket.id, policy: policy.json, dependsOn: [publicAccess] });
}
