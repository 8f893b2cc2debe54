import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePermissionsBoundary } from '../../../src/rules/iam/IamRolePermissionsBoundary';
import { BOUNDARY, serviceRole, serviceTrust } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('IamRolePermissionsBoundary: every role carries the permissions boundary of its environment', () => {
  test('Compliance', () => {
    const stack = testStack();
    serviceRole(stack, 'Task', []);
    // The CI stack creates the boundary itself: a reference to a policy of that name counts.
    const boundary = new IamPolicy(stack, 'Boundary', { name: 'data-platform-boundary-dev', policy: '{"Version":"2012-10-17","Statement":[]}' });
    new IamRole(stack, 'Referencing', { name: 'referencing', assumeRolePolicy: serviceTrust(stack, 'RefTrust', 'states.amazonaws.com').json, permissionsBoundary: boundary.arn });
    expectAllCompliant(judge(IamRolePermissionsBoundary, stack));
  });

  test('Noncompliance 1', () => {
    // no boundary at all
    const stack = testStack();
    new IamRole(stack, 'Bare', { name: 'bare', assumeRolePolicy: serviceTrust(stack, 'BareTrust', 'ecs-tasks.amazonaws.com').json });
    expect(reasonsOf(judge(IamRolePermissionsBoundary, stack)['aws_iam_role.Bare'])).toBe('it has no permissions_boundary');
  });

  test('Noncompliance 2', () => {
    // a boundary, but not the environment's
    const stack = testStack();
    new IamRole(stack, 'Other', {
      name: 'other',
      assumeRolePolicy: serviceTrust(stack, 'OtherTrust', 'ecs-tasks.amazonaws.com').json,
      permissionsBoundary: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
    expect(reasonsOf(judge(IamRolePermissionsBoundary, stack)['aws_iam_role.Other'])).toBe(
      `its permissions_boundary is "arn:aws:iam::aws:policy/AdministratorAccess", not the environment's "${BOUNDARY}"`,
    );
  });
});
