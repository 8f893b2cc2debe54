import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import type { ResolvedEnvironment } from '@data-platform/config';
import { Construct } from 'constructs';
import { EncryptionKey } from '@data-platform/core';
import { privateBucketSettings } from './private-bucket';

export interface DataLakeConfig {
  /** The environment the bucket lives in. */
  readonly environment: ResolvedEnvironment;
  /** The bucket's name (globally unique), from `platformNames(environment).lakeBucket`. */
  readonly bucketName: string;
  /**
   * Days a replaced or deleted object version is kept before it expires.
   * @default 90
   */
  readonly noncurrentVersionDays?: number;
  /**
   * Days after which an unfinished multipart upload is aborted (its parts cost storage).
   * @default 7
   */
  readonly incompleteUploadDays?: number;
}

/**
 * The one S3 bucket every pipeline writes its output to. Versioned; encrypted with its own customer
 * managed key (S3 bucket keys on, so KMS is called per bucket key, not per object); every form of
 * public access blocked; ACLs disabled (the bucket owner owns every object); requests without TLS,
 * and uploads that ask for another kind of encryption or another key, refused by the bucket policy; old versions
 * and abandoned uploads expired. Terraform refuses to destroy the bucket or its key.
 */
export class DataLake extends Construct {
  readonly bucket: S3Bucket;
  readonly key: EncryptionKey;

  constructor(scope: Construct, id: string, config: DataLakeConfig) {
    super(scope, id);
    const { environment, bucketName } = config;
    const noncurrentVersionDays = config.noncurrentVersionDays ?? 90;
    const incompleteUploadDays = config.incompleteUploadDays ?? 7;

    this.key = new EncryptionKey(this, 'Key', {
      environment,
      alias: `data-platform-lake-${environment.name}`,
      description: `Encrypts the data lake of data-platform ${environment.name}`,
      preventDestroy: true,
    });

    this.bucket = new S3Bucket(this, 'Bucket', {
      bucket: bucketName,
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });

    privateBucketSettings(this, {
      bucket: this.bucket,
      key: this.key,
      policyStatements: [
        {
          // Uploads without an encryption header get the default (this bucket's key); one asking for
          // SSE-S3 or another algorithm would bypass the key and its access control.
          sid: 'DenyOtherEncryption',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:PutObject'],
          resources: [`${this.bucket.arn}/*`],
          condition: [
            { test: 'Null', variable: 's3:x-amz-server-side-encryption', values: ['false'] },
            { test: 'StringNotEquals', variable: 's3:x-amz-server-side-encryption', values: ['aws:kms'] },
          ],
        },
        {
          // An upload naming a key must name this bucket's key: another key (of this account or not)
          // would put objects out of the reach of the lake key's access control.
          sid: 'DenyOtherKeys',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:PutObject'],
          resources: [`${this.bucket.arn}/*`],
          condition: [
            { test: 'Null', variable: 's3:x-amz-server-side-encryption-aws-kms-key-id', values: ['false'] },
            { test: 'StringNotEquals', variable: 's3:x-amz-server-side-encryption-aws-kms-key-id', values: [this.key.key.arn] },
          ],
        },
      ],
    });

    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-noncurrent-versions',
          status: 'Enabled',
          filter: [{}],
          noncurrentVersionExpiration: [{ noncurrentDays: noncurrentVersionDays }],
          expiration: [{ expiredObjectDeleteMarker: true }],
        },
        {
          id: 'abort-incomplete-multipart-uploads',
          status: 'Enabled',
          filter: [{}],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: incompleteUploadDays }],
        },
      ],
    });

    // Every object event of the lake goes to EventBridge's default bus, where a job's onData rule
    // matches its prefixes (S3 sends all event types; there is no per-type selection).
    new S3BucketNotification(this, 'EventBridgeNotifications', { bucket: this.bucket.id, eventbridge: true });
  }
}
