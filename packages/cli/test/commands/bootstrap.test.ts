import { defaultAwsClients } from '../../src/aws/aws-clients';
import { realPolling } from '../../src/aws/polling';
import { bootstrap } from '../../src/commands/bootstrap';
import type { CommandContext } from '../../src/commands/command-context';
import { CommandError } from '../../src/errors';
import { CollectingReporter } from '../support/collecting-reporter';
import { useFakeAws } from '../support/aws-context';
import { RecordingRunner } from '../support/recording-runner';
import { pipelineStack, sharedStack } from '../support/stack-fixtures';

const BUCKET = 'data-platform-tfstate-111111111111';

describe('bootstrap', () => {
  const { aws, workspace } = useFakeAws();
  beforeEach(() => {
    aws.buckets.clear();
    aws.identity = { account: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/admin/me' };
  });

  function context(): CommandContext & { report: CollectingReporter } {
    const runner = new RecordingRunner(() => {
      throw new Error('bootstrap runs no program');
    });
    return { report: new CollectingReporter(), runner, aws: defaultAwsClients, polling: realPolling, workspaceRoot: workspace().root, terraformEnv: {} };
  }

  test('bootstrap - creates a missing state bucket versioned, encrypted, private, ownership enforced and TLS only', async () => {
    const ctx = context();
    await bootstrap(sharedStack(workspace().root), ctx);

    const bucket = aws.buckets.get(BUCKET)!;
    expect(bucket).toMatchObject({
      region: 'eu-west-1',
      owner: '111111111111',
      versioning: 'Enabled',
      encryption: 'AES256',
      ownership: 'BucketOwnerEnforced',
      publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      createdWith: { locationConstraint: 'eu-west-1', objectOwnership: 'BucketOwnerEnforced' },
    });
    expect(JSON.parse(bucket.policy!)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
    expect(aws.operations().slice(0, 4)).toEqual(['sts:GetCallerIdentity', 's3:HeadBucket', 's3:CreateBucket', 's3:HeadBucket']);
    expect(aws.requests.every((r) => r.region === 'eu-west-1')).toBe(true);
    expect(aws.requests.filter((r) => r.service === 's3').every((r) => r.path.startsWith(`/${BUCKET}`))).toBe(true);
    expect(ctx.report.steps).toContain(`state bucket ${BUCKET}: created in eu-west-1`);
    expect(ctx.report.summaries[0]).toMatch(/^state bucket data-platform-tfstate-111111111111 \(eu-west-1\): created\. Next: `npx nx run shared:plan -c dev`/);
  });

  test('bootstrap - a second run finds everything in place and changes nothing', async () => {
    await bootstrap(sharedStack(workspace().root), context());
    aws.requests.length = 0;
    const ctx = context();
    await bootstrap(sharedStack(workspace().root), ctx);

    expect(aws.operations().filter((o) => /:(Put|Create)/.test(o))).toEqual([]);
    expect(ctx.report.steps).toEqual([
      "account guard: 111111111111 (arn:aws:sts::111111111111:assumed-role/admin/me) is environment dev's",
      `state bucket ${BUCKET}: found in eu-west-1`,
      'versioning: enabled',
      'default encryption: SSE-S3 (AES256)',
      'public access: blocked',
      'object ownership: bucket owner enforced (ACLs off)',
      'bucket policy: TLS only',
    ]);
    expect(ctx.report.summaries[0]).toContain('found, already as required; nothing changed');
  });

  test('bootstrap - reconciles an existing bucket and keeps its other policy statements', async () => {
    const other = { Sid: 'AllowAuditRead', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/audit' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` };
    aws.buckets.set(BUCKET, {
      region: 'eu-west-1',
      owner: '111111111111',
      versioning: 'Suspended',
      encryption: 'aws:kms',
      publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true },
      ownership: 'ObjectWriter',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [other] }),
    });
    const ctx = context();
    await bootstrap(sharedStack(workspace().root), ctx);

    const bucket = aws.buckets.get(BUCKET)!;
    expect(bucket.versioning).toBe('Enabled');
    expect(bucket.encryption).toBe('aws:kms');
    expect(bucket.publicAccessBlock).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect(bucket.ownership).toBe('BucketOwnerEnforced');
    const statements = (JSON.parse(bucket.policy!) as { Statement: Array<{ Sid: string }> }).Statement;
    expect(statements.map((s) => s.Sid)).toEqual(['AllowAuditRead', 'DenyInsecureTransport']);
    expect(aws.operations()).not.toContain('s3:CreateBucket');
    expect(aws.operations()).not.toContain('s3:PutBucketEncryption');
    expect(ctx.report.steps).toContain('versioning: enabled now (was Suspended)');
    expect(ctx.report.summaries[0]).toContain('found; corrected versioning, public access block, ownership, TLS-only policy');
  });

  test('bootstrap - throws when another account owns the bucket name, and creates nothing', async () => {
    aws.buckets.set(BUCKET, { region: 'eu-west-1', owner: '999999999999' });
    const error = (await bootstrap(sharedStack(workspace().root), context()).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toContain(`the state bucket ${BUCKET} exists but account 111111111111 may not use it (403)`);
    expect(aws.operations()).toEqual(['sts:GetCallerIdentity', 's3:HeadBucket']);
  });

  test('bootstrap - throws when the bucket is in another region', async () => {
    aws.buckets.set(BUCKET, { region: 'us-east-2', owner: '111111111111' });
    await expect(bootstrap(sharedStack(workspace().root), context())).rejects.toThrow(
      `the state bucket ${BUCKET} is in us-east-2, but the environment's region is eu-west-1`,
    );
  });

  test('bootstrap - the account guard stops it before any S3 call', async () => {
    aws.identity = { account: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/admin/me' };
    await expect(bootstrap(sharedStack(workspace().root), context())).rejects.toThrow('the credentials are for AWS account 222222222222');
    expect(aws.operations()).toEqual(['sts:GetCallerIdentity']);
    expect(aws.buckets.size).toBe(0);
  });

  test('bootstrap - throws for a pipeline folder, before touching AWS', async () => {
    await expect(bootstrap(pipelineStack(workspace().root, { mode: 'service' }), context())).rejects.toThrow(
      'bootstrap is for the shared stack only (stacks/shared); ticketing-api is not it.',
    );
    expect(aws.requests).toEqual([]);
  });
});
