import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { Construct } from 'constructs';
import { IamPersonTrustSourceIdentity } from '../../../src/rules/iam/IamPersonTrustSourceIdentity';
import { ACCOUNT, serviceRole } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const ON_CALL = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_OnCall_0123456789abcdef`;
const WITH_SOURCE_IDENTITY = [{ test: 'Null', variable: 'sts:SourceIdentity', values: ['false'] }];

function personRole(scope: Construct, id: string, statement: DataAwsIamPolicyDocumentStatement): IamRole {
  const trust = new DataAwsIamPolicyDocument(scope, `${id}Trust`, { statement: [{ effect: 'Allow', ...statement }] });
  return new IamRole(scope, id, { name: id.toLowerCase(), assumeRolePolicy: trust.json });
}

describe('IamPersonTrustSourceIdentity: roles assumed by AWS principals trust exact roles and require a source identity', () => {
  test('Compliance', () => {
    const stack = testStack();
    personRole(stack, 'BreakGlass', {
      principals: [{ type: 'AWS', identifiers: [ON_CALL] }],
      actions: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
      condition: WITH_SOURCE_IDENTITY,
    });
    // a service role is not assumed by people
    serviceRole(stack, 'Task', []);
    expectAllCompliant(judge(IamPersonTrustSourceIdentity, stack));
  });

  test('Compliance - a team read role trusts exact roles without asking a source identity (it changes nothing)', () => {
    const stack = testStack();
    personRole(stack, 'Analysts', { principals: [{ type: 'AWS', identifiers: [ON_CALL] }], actions: ['sts:AssumeRole'] }).addOverride('name', 'data-platform-read-analytics-dev');
    expectAllCompliant(judge(IamPersonTrustSourceIdentity, stack));
  });

  test('Noncompliance 4', () => {
    // a team read role that trusts a whole account
    const stack = testStack();
    personRole(stack, 'Analysts', { principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }], actions: ['sts:AssumeRole'] }).addOverride('name', 'data-platform-read-analytics-dev');
    expect(reasonsOf(judge(IamPersonTrustSourceIdentity, stack)['aws_iam_role.Analysts'])).toMatch(/trusts "arn:aws:iam::\d{12}:root", which is not one exact role$/);
  });

  test('Compliance - a pipeline role that people may assume for local runs is IamLocalRunTrust\'s to judge', () => {
    const stack = testStack();
    const trust = new DataAwsIamPolicyDocument(stack, 'TaskTrust', {
      statement: [
        { effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }], condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }] },
        { effect: 'Allow', actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }], condition: [{ test: 'StringEquals', variable: 'aws:PrincipalAccount', values: [ACCOUNT] }] },
      ],
    });
    new IamRole(stack, 'Task', { name: 'task', assumeRolePolicy: trust.json });
    expect(judge(IamPersonTrustSourceIdentity, stack)).toEqual({ 'aws_iam_role.Task': { status: 'not-applicable' } });
  });

  test('Noncompliance 1', () => {
    // the whole account, and a wildcard over its roles
    const stack = testStack();
    personRole(stack, 'BreakGlass', {
      principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:role/*`] }],
      actions: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
      condition: WITH_SOURCE_IDENTITY,
    });
    const reasons = reasonsOf(judge(IamPersonTrustSourceIdentity, stack)['aws_iam_role.BreakGlass']);
    expect(reasons).toMatch(new RegExp(`trusts "arn:aws:iam::${ACCOUNT}:root", which is not one exact role`));
    expect(reasons).toMatch(new RegExp(`trusts "arn:aws:iam::${ACCOUNT}:role/\\*", which is not one exact role`));
  });

  test('Noncompliance 2', () => {
    // an exact role, but no source identity is required
    const stack = testStack();
    personRole(stack, 'BreakGlass', { principals: [{ type: 'AWS', identifiers: [ON_CALL] }], actions: ['sts:AssumeRole'] });
    expect(reasonsOf(judge(IamPersonTrustSourceIdentity, stack)['aws_iam_role.BreakGlass'])).toMatch(
      /lets AWS principals in without requiring a source identity \(sts:SetSourceIdentity and Null "sts:SourceIdentity" = "false"\)/,
    );
  });

  test('Noncompliance 3', () => {
    // sts:SetSourceIdentity allowed, but the condition lets a session without one in
    const stack = testStack();
    personRole(stack, 'BreakGlass', {
      principals: [{ type: 'AWS', identifiers: [ON_CALL] }],
      actions: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
      condition: [{ test: 'Null', variable: 'sts:SourceIdentity', values: ['true'] }],
    });
    expect(reasonsOf(judge(IamPersonTrustSourceIdentity, stack)['aws_iam_role.BreakGlass'])).toMatch(/without requiring a source identity/);
  });
});
