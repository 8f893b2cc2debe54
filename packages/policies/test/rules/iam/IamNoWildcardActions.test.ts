import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Fn } from 'cdktf';
import { IamNoWildcardActions } from '../../../src/rules/iam/IamNoWildcardActions';
import { serviceRole, serviceTrust } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('IamNoWildcardActions: identity policies allow no "*" or "service:*" action', () => {
  test('Compliance', () => {
    const stack = testStack();
    serviceRole(stack, 'Task', [
      { effect: 'Allow', actions: ['s3:PutObject', 'ec2:Describe*'], resources: ['arn:aws:s3:::lake/pipeline/*'] },
      // a Deny may be as wide as it likes
      { effect: 'Deny', actions: ['s3:*'], resources: ['arn:aws:s3:::other/*'] },
    ]);
    expectAllCompliant(judge(IamNoWildcardActions, stack));
  });

  test('Noncompliance 1', () => {
    // "s3:*" in a role policy written from a policy document data source
    const stack = testStack();
    serviceRole(stack, 'Task', [{ effect: 'Allow', actions: ['s3:*'], resources: ['arn:aws:s3:::lake/*'] }]);
    expect(reasonsOf(judge(IamNoWildcardActions, stack)['aws_iam_role_policy.TaskPolicy'])).toMatch(/allows "s3:\*"/);
  });

  test('Noncompliance 2', () => {
    // "*" in a customer managed policy written with Fn.jsonencode
    const stack = testStack();
    new IamPolicy(stack, 'Admin', {
      name: 'admin',
      policy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    });
    expect(reasonsOf(judge(IamNoWildcardActions, stack)['aws_iam_policy.Admin'])).toMatch(/allows "\*"/);
  });

  test('Noncompliance 3', () => {
    // an Allow with NotAction in a role's inline_policy written with JSON.stringify
    const stack = testStack();
    new IamRole(stack, 'Wide', {
      name: 'wide',
      assumeRolePolicy: serviceTrust(stack, 'WideTrust', 'ecs-tasks.amazonaws.com').json,
      inlinePolicy: [
        { name: 'all-but-iam', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }) },
      ],
    });
    expect(reasonsOf(judge(IamNoWildcardActions, stack)['aws_iam_role.Wide'])).toMatch(/statement "AllButIam" .* allows everything except its NotAction/);
  });
});
