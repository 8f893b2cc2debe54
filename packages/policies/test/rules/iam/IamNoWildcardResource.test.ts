import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Fn } from 'cdktf';
import { IamNoWildcardResource } from '../../../src/rules/iam/IamNoWildcardResource';
import { bucket, serviceRole } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('IamNoWildcardResource: identity policies grant on Resource "*" only actions that have no resource-level permissions', () => {
  test('Compliance', () => {
    const stack = testStack();
    const lake = bucket(stack, 'Lake');
    serviceRole(stack, 'Execution', [
      { effect: 'Allow', actions: ['ecr:GetAuthorizationToken', 'iam:ListOpenIDConnectProviders'], resources: ['*'] },
      { effect: 'Allow', actions: ['ec2:DescribeSubnets', 'ec2:Describe*'], resources: ['*'] },
      // ECS Exec's channels, which no resource type scopes
      { effect: 'Allow', actions: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'], resources: ['*'] },
      // a reference is a named resource, not a wildcard
      { effect: 'Allow', actions: ['s3:PutObject'], resources: [`${lake.arn}/pipeline/*`] },
      { effect: 'Deny', actions: ['kms:Decrypt'], resources: ['*'] },
    ]);
    expectAllCompliant(judge(IamNoWildcardResource, stack));
  });

  test('Noncompliance 1', () => {
    // a scopable action on "*"
    const stack = testStack();
    serviceRole(stack, 'Task', [{ sid: 'ReadEverything', effect: 'Allow', actions: ['s3:GetObject', 'ecr:GetAuthorizationToken'], resources: ['*'] }]);
    const reasons = reasonsOf(judge(IamNoWildcardResource, stack)['aws_iam_role_policy.TaskPolicy']);
    expect(reasons).toMatch(/statement "ReadEverything" .* grants on Resource "\*" "s3:GetObject"/);
    expect(reasons).not.toMatch(/GetAuthorizationToken/);
  });

  test('Noncompliance 2', () => {
    // NotResource, written with Fn.jsonencode
    const stack = testStack();
    const role = serviceRole(stack, 'Task', []);
    new IamRolePolicy(stack, 'Everywhere', {
      role: role.name,
      policy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ssm:GetParameters'], NotResource: 'arn:aws:ssm:*:*:parameter/admin/*' }] }),
    });
    expect(reasonsOf(judge(IamNoWildcardResource, stack)['aws_iam_role_policy.Everywhere'])).toMatch(/every resource but its NotResource "ssm:GetParameters"/);
  });
});
