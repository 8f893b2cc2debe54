import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  waitUntilBucketExists,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3';
import { partitionOf } from '@data-platform/config';
import type { Reporter } from '../commands/reporter';
import { commandErrors } from '../errors';
import { awsErrorCode, awsHttpStatus } from './aws-errors';

/** The bucket that holds Terraform state for one account. */
export interface StateBucket {
  readonly name: string;
  readonly region: string;
  /** The account that must own it: every call passes it as the expected bucket owner. */
  readonly account: string;
}

/** What bootstrap found and what it changed. */
export interface StateBucketOutcome {
  readonly created: boolean;
  /** The settings it had to set or correct, e.g. `versioning`. */
  readonly changed: readonly string[];
}

export const TLS_ONLY_STATEMENT_ID = 'DenyInsecureTransport';

interface PolicyDocument {
  Version?: string;
  Statement?: Array<Record<string, unknown>>;
}

/**
 * Makes sure the state bucket exists with the settings state needs, and reconciles them on an
 * existing bucket: versioning on, default encryption (SSE-S3 unless SSE-KMS is set already), all
 * public access blocked, ownership enforced (no ACLs), and a bucket policy denying any request
 * without TLS. Idempotent: a second run changes nothing.
 */
export async function ensureStateBucket(s3: S3Client, bucket: StateBucket, report: Reporter): Promise<StateBucketOutcome> {
  const owner = { Bucket: bucket.name, ExpectedBucketOwner: bucket.account };
  const changed: string[] = [];
  const created = !(await bucketExists(s3, bucket));
  if (created) {
    try {
      await s3.send(
        new CreateBucketCommand({
          Bucket: bucket.name,
          ObjectOwnership: 'BucketOwnerEnforced',
          ...(bucket.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: bucket.region as BucketLocationConstraint } }),
        }),
      );
    } catch (error) {
      if (awsErrorCode(error) === 'BucketAlreadyExists') throw commandErrors.stateBucketForbidden(bucket.name, bucket.account);
      if (awsErrorCode(error) !== 'BucketAlreadyOwnedByYou') throw error;
    }
    // A new bucket may take a moment to be visible to the calls that configure it.
    await waitUntilBucketExists({ client: s3, maxWaitTime: 60, minDelay: 1 }, owner);
    report.step(`state bucket ${bucket.name}: created in ${bucket.region}`);
  } else {
    report.step(`state bucket ${bucket.name}: found in ${bucket.region}`);
  }

  const versioning = await s3.send(new GetBucketVersioningCommand(owner));
  if (versioning.Status === 'Enabled') {
    report.step('versioning: enabled');
  } else {
    await s3.send(new PutBucketVersioningCommand({ ...owner, VersioningConfiguration: { Status: 'Enabled' } }));
    changed.push('versioning');
    report.step(`versioning: enabled now (was ${versioning.Status ?? 'never enabled'})`);
  }

  const algorithm = await encryptionAlgorithm(s3, owner);
  if (algorithm) {
    report.step(`default encryption: ${algorithm}`);
  } else {
    await s3.send(
      new PutBucketEncryptionCommand({
        ...owner,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      }),
    );
    changed.push('encryption');
    report.step('default encryption: set to SSE-S3 (AES256)');
  }

  const block = await optional(s3.send(new GetPublicAccessBlockCommand(owner)), 'NoSuchPublicAccessBlockConfiguration');
  const settings = block?.PublicAccessBlockConfiguration;
  if (settings?.BlockPublicAcls && settings.IgnorePublicAcls && settings.BlockPublicPolicy && settings.RestrictPublicBuckets) {
    report.step('public access: blocked');
  } else {
    await s3.send(
      new PutPublicAccessBlockCommand({
        ...owner,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      }),
    );
    changed.push('public access block');
    report.step('public access: blocked now (all four settings)');
  }

  const ownership = await optional(s3.send(new GetBucketOwnershipControlsCommand(owner)), 'OwnershipControlsNotFoundError');
  if (ownership?.OwnershipControls?.Rules?.[0]?.ObjectOwnership === 'BucketOwnerEnforced') {
    report.step('object ownership: bucket owner enforced (ACLs off)');
  } else {
    await s3.send(new PutBucketOwnershipControlsCommand({ ...owner, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
    changed.push('ownership');
    report.step('object ownership: set to bucket owner enforced (ACLs off)');
  }

  const current = await optional(s3.send(new GetBucketPolicyCommand(owner)), 'NoSuchBucketPolicy');
  const policy = current?.Policy ? (JSON.parse(current.Policy) as PolicyDocument) : {};
  if ((policy.Statement ?? []).some(deniesInsecureTransport)) {
    report.step('bucket policy: TLS only');
  } else {
    const arn = `arn:${partitionOf(bucket.region)}:s3:::${bucket.name}`;
    const statement = {
      Sid: TLS_ONLY_STATEMENT_ID,
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [arn, `${arn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    };
    const next = { Version: policy.Version ?? '2012-10-17', Statement: [...(policy.Statement ?? []), statement] };
    await s3.send(new PutBucketPolicyCommand({ ...owner, Policy: JSON.stringify(next) }));
    changed.push('TLS-only policy');
    report.step(`bucket policy: TLS-only statement added${policy.Statement?.length ? ` (${policy.Statement.length} existing statements kept)` : ''}`);
  }
  return { created, changed };
}

/** HeadBucket: true when it is ours in the right region, false when it does not exist; otherwise an error that says why. */
export async function bucketExists(s3: S3Client, bucket: StateBucket): Promise<boolean> {
  try {
    const head = await s3.send(new HeadBucketCommand({ Bucket: bucket.name, ExpectedBucketOwner: bucket.account }));
    if (head.BucketRegion && head.BucketRegion !== bucket.region) {
      throw commandErrors.stateBucketElsewhere(bucket.name, head.BucketRegion, bucket.region);
    }
    return true;
  } catch (error) {
    const status = awsHttpStatus(error);
    if (status === 404) return false;
    if (status === 403) throw commandErrors.stateBucketForbidden(bucket.name, bucket.account);
    if (status === 301) throw commandErrors.stateBucketElsewhere(bucket.name, 'another region', bucket.region);
    throw error;
  }
}

async function encryptionAlgorithm(s3: S3Client, owner: { Bucket: string; ExpectedBucketOwner: string }): Promise<string | undefined> {
  const result = await optional(s3.send(new GetBucketEncryptionCommand(owner)), 'ServerSideEncryptionConfigurationNotFoundError');
  const rule = result?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  if (!rule?.SSEAlgorithm) return undefined;
  return rule.SSEAlgorithm === 'AES256' ? 'SSE-S3 (AES256)' : `SSE-KMS (${rule.KMSMasterKeyID ?? 'aws/s3'})`;
}

async function optional<T>(call: Promise<T>, absent: string): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (awsErrorCode(error) === absent) return undefined;
    throw error;
  }
}

function deniesInsecureTransport(statement: Record<string, unknown>): boolean {
  const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
  const secure = condition?.Bool?.['aws:SecureTransport'];
  return statement.Effect === 'Deny' && (secure === 'false' || secure === false) && [statement.Action].flat().some((a) => a === 's3:*');
}
