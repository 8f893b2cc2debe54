import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Fn } from 'cdktf';
import { StackView } from '../../src/synthesized/stack-view';
import { synthesized, TEST_CONTEXT, testStack } from '../support/harness';

describe('StackView', () => {
  test('StackView - lists blocks by type, data sources as data.<type>, and the backend', () => {
    const stack = testStack();
    new S3Bucket(stack, 'Lake', { bucket: 'lake' });
    const view = new StackView(synthesized(stack), TEST_CONTEXT);
    expect(view.blocks('aws_s3_bucket').map((b) => b.address)).toEqual(['aws_s3_bucket.Lake']);
    expect(view.blocks('terraform.backend')).toEqual([
      expect.objectContaining({ kind: 'backend', type: 's3', address: 'terraform.backend.s3', config: expect.objectContaining({ use_lockfile: true, encrypt: true }) }),
    ]);
    expect(view.blocks('aws_ecs_cluster')).toEqual([]);
  });

  test('StackView - carries construct paths when the JSON has cdktf metadata', () => {
    const stack = testStack();
    new S3Bucket(stack, 'Lake', { bucket: 'lake' });
    const view = new StackView(stack.toTerraform(), TEST_CONTEXT);
    expect(view.block('aws_s3_bucket.Lake')?.constructPath).toBe('test-dev/Lake');
    expect(view.block('aws_s3_bucket.Lake')?.config).not.toHaveProperty('//');
  });

  test('StackView - follows references and literal names, not look-alike strings', () => {
    const stack = testStack();
    const lake = new S3Bucket(stack, 'Lake', { bucket: 'lake' });
    new S3Bucket(stack, 'Other', { bucket: 'other' });
    new S3BucketVersioningA(stack, 'ByReference', { bucket: lake.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketVersioningA(stack, 'ByName', { bucket: 'lake', versioningConfiguration: { status: 'Enabled' } });
    new CloudwatchLogGroup(stack, 'Logs', { name: 'ecs-tasks.amazonaws.com' });
    const view = new StackView(synthesized(stack), TEST_CONTEXT);
    const target = view.block('aws_s3_bucket.Lake')!;
    expect(view.referrers('aws_s3_bucket_versioning', 'bucket', target).map((b) => b.address)).toEqual([
      'aws_s3_bucket_versioning.ByName',
      'aws_s3_bucket_versioning.ByReference',
    ]);
    expect(view.referrers('aws_s3_bucket_versioning', 'bucket', view.block('aws_s3_bucket.Other')!)).toEqual([]);
    expect(view.referencedBlocks('${ecs-tasks.amazonaws.com} ${aws_s3_bucket.Lake.arn}/*').map((b) => b.address)).toEqual(['aws_s3_bucket.Lake']);
  });

  test('StackView - reads JSON from JSON strings, jsonencode expressions and other resources\' attributes', () => {
    const stack = testStack();
    const source = new IamPolicy(stack, 'Source', { policy: Fn.jsonencode({ Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] }) });
    new IamPolicy(stack, 'Copy', { policy: `\${aws_iam_policy.${source.friendlyUniqueId}.policy}` });
    new IamPolicy(stack, 'Plain', { policy: JSON.stringify({ Statement: [] }) });
    const view = new StackView(synthesized(stack), TEST_CONTEXT);
    expect(view.readJson(view.block('aws_iam_policy.Source')!.config.policy, 'source')).toEqual({
      ok: true,
      value: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] },
      origin: 'source',
    });
    expect(view.readJson(view.block('aws_iam_policy.Copy')!.config.policy, 'copy')).toMatchObject({ ok: true, origin: 'aws_iam_policy.Source.policy' });
    expect(view.readJson(view.block('aws_iam_policy.Plain')!.config.policy, 'plain')).toMatchObject({ ok: true, value: { Statement: [] } });
    expect(view.readJson('${aws_iam_policy.Source.arn}', 'arn')).toEqual({ ok: false, reason: 'arn is `${aws_iam_policy.Source.arn}`, computed at apply time' });
    expect(view.readJson('{not json', 'broken')).toMatchObject({ ok: false, reason: expect.stringMatching(/^broken is not valid JSON/) });
  });
});
