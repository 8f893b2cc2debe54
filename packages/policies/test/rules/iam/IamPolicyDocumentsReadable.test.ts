import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
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
    expectAllCompliant(judge(IamPolicyDocumentsReadable, stack));
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
});
