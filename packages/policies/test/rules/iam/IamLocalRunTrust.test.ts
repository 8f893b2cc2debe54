import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { TerraformStack } from 'cdktf';
import { IamLocalRunTrust } from '../../../src/rules/iam/IamLocalRunTrust';
import { ACCOUNT, serviceRole } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

const SERVICE: DataAwsIamPolicyDocumentStatement = {
  sid: 'AssumedByServiceForThisAccountOnly',
  effect: 'Allow',
  actions: ['sts:AssumeRole'],
  principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }],
  condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [ACCOUNT] }],
};
const LOCAL_RUN: DataAwsIamPolicyDocumentStatement = {
  sid: 'AssumedForLocalRunsInThisAccount',
  effect: 'Allow',
  actions: ['sts:AssumeRole'],
  principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${ACCOUNT}:root`] }],
  condition: [{ test: 'StringEquals', variable: 'aws:PrincipalAccount', values: [ACCOUNT] }],
};

function taskRole(stack: TerraformStack, statements: DataAwsIamPolicyDocumentStatement[]): void {
  const trust = new DataAwsIamPolicyDocument(stack, 'TaskTrust', { statement: statements });
  new IamRole(stack, 'Task', { name: 'task', assumeRolePolicy: trust.json });
}

describe('IamLocalRunTrust: pipeline roles trust people only for local runs, in their own account, never in a protected environment', () => {
  test('Compliance', () => {
    const stack = testStack();
    taskRole(stack, [SERVICE, LOCAL_RUN]);
    // a role only a service assumes is not this rule's business
    serviceRole(stack, 'Scheduler', [], 'scheduler.amazonaws.com');
    const results = judge(IamLocalRunTrust, stack);
    expectAllCompliant(results);
    expect(results['aws_iam_role.Scheduler']).toEqual({ status: 'not-applicable' });
  });

  test('Noncompliance 1', () => {
    // the local-run statement in a protected environment
    const stack = testStack();
    taskRole(stack, [SERVICE, LOCAL_RUN]);
    expect(reasonsOf(judge(IamLocalRunTrust, stack, { environment: 'prod', protectedEnvironment: true })['aws_iam_role.Task'])).toMatch(
      /statement "AssumedForLocalRunsInThisAccount" of .* lets people assume a pipeline role in protected environment prod/,
    );
  });

  test('Noncompliance 2', () => {
    // another account, without aws:PrincipalAccount
    const stack = testStack();
    taskRole(stack, [SERVICE, { ...LOCAL_RUN, principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::222222222222:root', `arn:aws:iam::${ACCOUNT}:root`] }], condition: [] }]);
    const reasons = reasonsOf(judge(IamLocalRunTrust, stack)['aws_iam_role.Task']);
    expect(reasons).toMatch(/not exactly one account's root/);
    expect(reasons).toMatch(/lacks StringEquals aws:PrincipalAccount = that account/);
  });

  test('Noncompliance 3', () => {
    // a named user, and more than sts:AssumeRole
    const stack = testStack();
    taskRole(stack, [SERVICE, { ...LOCAL_RUN, actions: ['sts:AssumeRole', 'sts:TagSession'], principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${ACCOUNT}:user/alice`] }] }]);
    const reasons = reasonsOf(judge(IamLocalRunTrust, stack)['aws_iam_role.Task']);
    expect(reasons).toMatch(/names arn:aws:iam::111111111111:user\/alice, not exactly one account's root/);
    expect(reasons).toMatch(/allows sts:AssumeRole, sts:TagSession, not sts:AssumeRole alone/);
  });
});
