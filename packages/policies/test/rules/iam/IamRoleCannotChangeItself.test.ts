import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRoleCannotChangeItself } from '../../../src/rules/iam/IamRoleCannotChangeItself';
import { serviceRole } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const WRITES = ['iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:PassRole'];

describe('IamRoleCannotChangeItself: no role may change its own policies, trust or boundary, nor pass itself', () => {
  test('Compliance', () => {
    const stack = testStack();
    // A deployer that writes roles named like itself, and is denied every IAM action on itself.
    const deployer = serviceRole(stack, 'Deployer', [
      { sid: 'PlatformRoles', effect: 'Allow', actions: WRITES, resources: ['arn:aws:iam::111111111111:role/deployer*', 'arn:aws:iam::111111111111:role/dp-*'] },
    ]);
    const denials = new DataAwsIamPolicyDocument(stack, 'Denials', {
      statement: [{ sid: 'NotItself', effect: 'Deny', actions: ['iam:*'], resources: ['arn:aws:iam::111111111111:role/deployer-role'] }],
    });
    new IamRolePolicy(stack, 'DeployerDenials', { role: deployer.name, name: 'denials', policy: denials.json });
    // A state machine role passing another role only.
    const task = serviceRole(stack, 'Task', []);
    serviceRole(stack, 'States', [{ sid: 'PassTask', effect: 'Allow', actions: ['iam:PassRole'], resources: [task.arn] }], 'states.amazonaws.com');
    expectAllCompliant(judge(IamRoleCannotChangeItself, stack));
  });

  test('Noncompliance 1', () => {
    // the deployer of issue 16: its own name matches its grant, and nothing denies it
    const stack = testStack();
    serviceRole(stack, 'Deployer', [
      { sid: 'PlatformRoles', effect: 'Allow', actions: WRITES, resources: ['arn:aws:iam::111111111111:role/deployer-*'] },
    ]);
    expect(reasonsOf(judge(IamRoleCannotChangeItself, stack)['aws_iam_role.Deployer'])).toMatch(
      /statement "PlatformRoles" of .* lets the role iam:PutRolePolicy, iam:DeleteRolePolicy, iam:UpdateAssumeRolePolicy, iam:PassRole on itself, and nothing denies it/,
    );
  });

  test('Noncompliance 2', () => {
    // a wildcard action on a reference to itself; a conditional Deny is not enough
    const stack = testStack();
    const role = serviceRole(stack, 'Wide', []);
    const own = new DataAwsIamPolicyDocument(stack, 'Own', {
      statement: [
        { sid: 'Itself', effect: 'Allow', actions: ['iam:Put*'], resources: [role.arn] },
        {
          sid: 'OnlyWithoutBoundary',
          effect: 'Deny',
          actions: ['iam:PutRolePolicy'],
          resources: ['*'],
          condition: [{ test: 'StringNotEquals', variable: 'iam:PermissionsBoundary', values: ['arn:aws:iam::111111111111:policy/b'] }],
        },
      ],
    });
    new IamRolePolicy(stack, 'WideOwn', { role: role.name, name: 'own', policy: own.json });
    expect(reasonsOf(judge(IamRoleCannotChangeItself, stack)['aws_iam_role.Wide'])).toMatch(
      /statement "Itself" .* lets the role iam:PutRolePolicy, iam:PutRolePermissionsBoundary on itself/,
    );
  });
});
