import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { Fn, Token } from 'cdktf';
import { IamPolicyDocumentsReadable } from '../../../src/rules/iam/IamPolicyDocumentsReadable';
import { bucket, serviceRole } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('IamPolicyDocumentsReadable: IAM and resource policy documents can be read at synth', () => {
  test('Compliance', () => {
    const stack = testStack();
    bucket(stack, 'Lake');
    const role = serviceRole(stack, 'Task', [{ effect: 'Allow', actions: ['s3:PutObject'], resources: ['arn:aws:s3:::lake/*'] }]);
    new IamRolePolicy(stack, 'Encoded', {
      role: role.name,
      policy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: role.arn }] }),
    });
    // a key without a policy gets the default key policy: nothing to read
    new KmsKey(stack, 'Key', { description: 'lake' });
    const results = judge(IamPolicyDocumentsReadable, stack);
    expect(results['aws_kms_key.Key']).toEqual({ status: 'compliant' });
    expectAllCompliant(results);
  });

  test('Noncompliance 1', () => {
    // a policy merged at apply time
    const stack = testStack();
    const role = serviceRole(stack, 'Task', []);
    new IamRolePolicy(stack, 'Merged', {
      role: role.name,
      policy: Fn.jsonencode(Token.asAny(Fn.merge([{ Version: '2012-10-17' }, { Statement: [] }]))),
    });
    expect(reasonsOf(judge(IamPolicyDocumentsReadable, stack)['aws_iam_role_policy.Merged'])).toMatch(/is not a policy document/);
  });

  test('Noncompliance 2', () => {
    // a policy read from another resource's computed attribute
    const stack = testStack();
    const role = serviceRole(stack, 'Task', []);
    new IamRolePolicy(stack, 'Copied', { role: role.name, policy: role.arn });
    expect(reasonsOf(judge(IamPolicyDocumentsReadable, stack)['aws_iam_role_policy.Copied'])).toMatch(/computed at apply time/);
  });

  test('Noncompliance 3', () => {
    // a bucket policy taken from a computed attribute
    const stack = testStack();
    const lake = bucket(stack, 'Lake', { tlsPolicy: false });
    new S3BucketPolicy(stack, 'Computed', { bucket: lake.id, policy: lake.arn });
    expect(reasonsOf(judge(IamPolicyDocumentsReadable, stack)['aws_s3_bucket_policy.Computed'])).toMatch(/aws_s3_bucket_policy.Computed.policy is `\$\{aws_s3_bucket.Lake.arn\}`, computed at apply time/);
  });
});
