import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import type { ResolvedEnvironment } from '@data-platform/config';
import { Construct } from 'constructs';
import { EncryptionKey } from '@data-platform/core';
import { privateBucketSettings } from './private-bucket';

export interface QueryResultsConfig {
  /** The environment the bucket lives in. */
  readonly environment: ResolvedEnvironment;
  /** The bucket's name (globally unique), from `platformNames(environment).queryResultsBucket`. */
  readonly bucketName: string;
  /**
   * Days a query result is kept before it expires (results of old queries are not re-read).
   * @default 7
   */
  readonly expirationDays?: number;
}

/**
 * Where Athena writes query results: a bucket of its own, so results never land under a table's
 * prefix (Athena reads everything under a table's location), encrypted with a key of its own
 * (results hold copies of data: a team that may read them is not thereby allowed to read the lake),
 * private, TLS only, and expiring. Results can be recomputed: Terraform may replace the bucket.
 */
export class QueryResults extends Construct {
  readonly bucket: S3Bucket;
  readonly key: EncryptionKey;
  /** The prefix of the bucket Athena writes under, ending with "/". */
  readonly prefix = 'results/';

  constructor(scope: Construct, id: string, config: QueryResultsConfig) {
    super(scope, id);
    const { environment, bucketName } = config;
    const expirationDays = config.expirationDays ?? 7;

    this.key = new EncryptionKey(this, 'Key', {
      environment,
      alias: `data-platform-query-results-${environment.name}`,
      description: `Encrypts Athena query results of data-platform ${environment.name}`,
    });

    this.bucket = new S3Bucket(this, 'Bucket', { bucket: bucketName, forceDestroy: false });

    // Versioning is on (every bucket of the platform has it), and old versions go the next day.
    privateBucketSettings(this, { bucket: this.bucket, key: this.key });

    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-query-results',
          status: 'Enabled',
          filter: [{}],
          expiration: [{ days: expirationDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
        },
        {
          id: 'abort-incomplete-multipart-uploads',
          status: 'Enabled',
          filter: [{}],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });
  }
}
