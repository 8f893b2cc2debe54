import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { TerraformStack } from 'cdktf';
import { IamPlannerCannotReadData } from '../../../src/rules/iam/IamPlannerCannotReadData';
import { bucket, githubProvider, githubRole, pinnedGithubConditions } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

/** A planner as the shared stack builds it: ReadOnlyAccess, state access, and explicit denials. */
function planner(stack: TerraformStack, denials: { parameters: boolean; objects: boolean }) {
  const lake = bucket(stack, 'Lake');
  const provider = githubProvider(stack);
  const role = githubRole(stack, 'Planner', provider, pinnedGithubConditions('repo:acme/data:pull_request'));
  new IamRolePolicyAttachment(stack, 'ReadOnly', { role: role.name, policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
  const state = new DataAwsIamPolicyDocument(stack, 'StateDocument', {
    statement: [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::data-platform-tfstate-111111111111/*'] }],
  });
  new IamRolePolicy(stack, 'State', { role: role.name, policy: state.json });
  const statements = [
    ...(denials.parameters
      ? [{ effect: 'Deny', actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath', 'ssm:GetParameterHistory'], notResources: ['arn:aws:ssm:eu-west-1:111111111111:parameter/data-platform/dev/shared/*'] }]
      : []),
    ...(denials.objects ? [{ effect: 'Deny', actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [`${lake.arn}/*`] }] : []),
  ];
  if (statements.length > 0) {
    const document = new DataAwsIamPolicyDocument(stack, 'DenialsDocument', { statement: statements });
    new IamRolePolicy(stack, 'Denials', { role: role.name, policy: document.json });
  }
  return { role, provider };
}

describe('IamPlannerCannotReadData: roles assumable from pull requests cannot read SecureString parameters or lake objects', () => {
  test('Compliance', () => {
    const stack = testStack();
    const { provider } = planner(stack, { parameters: true, objects: true });
    // a deployer (main branch, ReadOnlyAccess too) is not a pull-request role
    const deployer = githubRole(stack, 'Deployer', provider, pinnedGithubConditions('repo:acme/data:ref:refs/heads/main'));
    new IamRolePolicyAttachment(stack, 'DeployerReadOnly', { role: deployer.name, policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    const results = judge(IamPlannerCannotReadData, stack);
    expect(results['aws_iam_role.Deployer']).toEqual({ status: 'not-applicable' });
    expectAllCompliant(results);
  });

  test('Noncompliance 1', () => {
    // ReadOnlyAccess with no denial at all
    const stack = testStack();
    planner(stack, { parameters: false, objects: false });
    const reasons = reasonsOf(judge(IamPlannerCannotReadData, stack)['aws_iam_role.Planner']);
    expect(reasons).toMatch(/ssm:GetParameter on SSM parameter values outside \/data-platform\/dev\/shared\/ \(SecureStrings\) is allowed by AWS managed policy arn:aws:iam::aws:policy\/ReadOnlyAccess and no Deny covers it/);
    expect(reasons).toMatch(/s3:GetObject on objects of the stack's buckets/);
  });

  test('Noncompliance 2', () => {
    // parameters denied, lake objects readable through an explicit grant
    const stack = testStack();
    const { role } = planner(stack, { parameters: true, objects: false });
    const grant = new DataAwsIamPolicyDocument(stack, 'GrantDocument', {
      statement: [{ sid: 'ReadLake', effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::lake-bucket/*'] }],
    });
    new IamRolePolicy(stack, 'Grant', { role: role.name, policy: grant.json });
    const reasons = reasonsOf(judge(IamPlannerCannotReadData, stack)['aws_iam_role.Planner']);
    expect(reasons).toMatch(/s3:GetObject on objects of the stack's buckets .* is allowed by statement "ReadLake", AWS managed policy/);
    expect(reasons).not.toMatch(/ssm:/);
  });
});
