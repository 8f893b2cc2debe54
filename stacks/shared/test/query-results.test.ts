import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { Testing } from 'cdktf';
import { QueryResults } from '../src/query-results';
import { reference, resourcesOf, testEnvironment } from './fixtures';

describe('QueryResults', () => {
  const synthesized = Testing.synthScope((scope) => {
    new QueryResults(scope, 'QueryResults', { environment: testEnvironment('dev'), bucketName: 'data-platform-query-results-dev-111111111111' });
  });

  test('QueryResults - a bucket of its own, encrypted with a key of its own (not the lake key)', () => {
    expect(resourcesOf(synthesized, 'aws_s3_bucket')).toEqual([{ bucket: 'data-platform-query-results-dev-111111111111', force_destroy: false }]);
    expect(synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{
        apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: reference('aws_kms_key', 'QueryResults/Key/Key', 'arn') },
        bucket_key_enabled: true,
      }],
    });
    expect(synthesized).toHaveResourceWithProperties(KmsAlias, { name: 'alias/data-platform-query-results-dev' });
  });

  test('QueryResults - results expire after 7 days, old versions and unfinished uploads after one', () => {
    expect(synthesized).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        { id: 'expire-query-results', status: 'Enabled', filter: [{}], expiration: [{ days: 7 }], noncurrent_version_expiration: [{ noncurrent_days: 1 }] },
        { id: 'abort-incomplete-multipart-uploads', status: 'Enabled', filter: [{}], abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] },
      ],
    });
  });

  test('QueryResults - private: public access blocked, ACLs disabled, TLS only', () => {
    expect(resourcesOf(synthesized, 'aws_s3_bucket_public_access_block')[0]).toMatchObject({
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    expect(resourcesOf(synthesized, 'aws_s3_bucket_ownership_controls')[0]).toMatchObject({ rule: { object_ownership: 'BucketOwnerEnforced' } });
    const policy = Object.values(JSON.parse(synthesized).data.aws_iam_policy_document as Record<string, { statement: Array<{ sid: string }> }>)
      .flatMap((d) => d.statement.map((s) => s.sid));
    expect(policy).toContain('DenyInsecureTransport');
  });
});
