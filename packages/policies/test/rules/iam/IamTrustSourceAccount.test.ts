import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamTrustSourceAccount } from '../../../src/rules/iam/IamTrustSourceAccount';
import { ACCOUNT, serviceRole, serviceTrust } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('IamTrustSourceAccount: trust policies for ECS tasks, Step Functions, Scheduler and EventBridge carry aws:SourceAccount', () => {
  test('Compliance', () => {
    const stack = testStack();
    serviceRole(stack, 'Task', []);
    // aws:SourceArn of this account pins it too
    const trust = new DataAwsIamPolicyDocument(stack, 'SchedulerTrust', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['scheduler.amazonaws.com'] }],
          condition: [{ test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:aws:scheduler:eu-west-1:${ACCOUNT}:schedule/*`] }],
        },
      ],
    });
    new IamRole(stack, 'Scheduler', { name: 'scheduler', assumeRolePolicy: trust.json });
    // a role for another service is not a pipeline role
    new IamRole(stack, 'FlowLogs', { name: 'flow-logs', assumeRolePolicy: serviceTrust(stack, 'FlowLogsTrust', 'vpc-flow-logs.amazonaws.com', false).json });
    expectAllCompliant(judge(IamTrustSourceAccount, stack));
  });

  test('Noncompliance 1', () => {
    // ecs-tasks trusted for any account
    const stack = testStack();
    new IamRole(stack, 'Task', { name: 'task', assumeRolePolicy: serviceTrust(stack, 'TaskTrust', 'ecs-tasks.amazonaws.com', false).json });
    expect(reasonsOf(judge(IamTrustSourceAccount, stack)['aws_iam_role.Task'])).toMatch(/trusts ecs-tasks.amazonaws.com without aws:SourceAccount/);
  });

  test('Noncompliance 2', () => {
    // StringEqualsIfExists passes when the key is absent, and a wildcard account pins nothing
    const stack = testStack();
    const trust = new DataAwsIamPolicyDocument(stack, 'StatesTrust', {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['states.amazonaws.com'] }],
          condition: [
            { test: 'StringEqualsIfExists', variable: 'aws:SourceAccount', values: [ACCOUNT] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: ['arn:aws:states:eu-west-1:*:stateMachine:*'] },
          ],
        },
      ],
    });
    new IamRole(stack, 'States', { name: 'states', assumeRolePolicy: trust.json });
    expect(reasonsOf(judge(IamTrustSourceAccount, stack)['aws_iam_role.States'])).toMatch(/trusts states.amazonaws.com without aws:SourceAccount/);
  });
});
