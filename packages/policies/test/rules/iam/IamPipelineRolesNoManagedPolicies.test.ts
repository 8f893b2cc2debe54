import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamPipelineRolesNoManagedPolicies } from '../../../src/rules/iam/IamPipelineRolesNoManagedPolicies';
import { githubProvider, githubRole, pinnedGithubConditions, serviceRole, serviceTrust } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('IamPipelineRolesNoManagedPolicies: pipeline roles (assumed by ECS tasks, Step Functions, Scheduler, EventBridge) have no AWS managed policy', () => {
  test('Compliance', () => {
    const stack = testStack();
    serviceRole(stack, 'Task', [{ effect: 'Allow', actions: ['s3:PutObject'], resources: ['arn:aws:s3:::lake/*'] }]);
    // a CI role is not a pipeline role: ReadOnlyAccess on the planner is another rule's business
    const planner = githubRole(stack, 'Planner', githubProvider(stack), pinnedGithubConditions('repo:acme/data:pull_request'));
    new IamRolePolicyAttachment(stack, 'ReadOnly', { role: planner.name, policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expectAllCompliant(judge(IamPipelineRolesNoManagedPolicies, stack));
  });

  test('Noncompliance 1', () => {
    // the ECS task execution managed policy on an execution role
    const stack = testStack();
    const role = serviceRole(stack, 'Execution', []);
    new IamRolePolicyAttachment(stack, 'Managed', {
      role: role.name,
      policyArn: 'arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    });
    expect(reasonsOf(judge(IamPipelineRolesNoManagedPolicies, stack)['aws_iam_role.Execution'])).toMatch(
      /AWS managed policy .*AmazonECSTaskExecutionRolePolicy is attached \(aws_iam_role_policy_attachment.Managed\)/,
    );
  });

  test('Noncompliance 2', () => {
    // managed_policy_arns on a Step Functions role
    const stack = testStack();
    new IamRole(stack, 'StateMachine', {
      name: 'state-machine',
      assumeRolePolicy: serviceTrust(stack, 'StateMachineTrust', 'states.amazonaws.com').json,
      managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonECS_FullAccess'],
    });
    expect(reasonsOf(judge(IamPipelineRolesNoManagedPolicies, stack)['aws_iam_role.StateMachine'])).toMatch(/AmazonECS_FullAccess/);
  });
});
