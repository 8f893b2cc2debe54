import { IamPassRoleScoped } from '../../../src/rules/iam/IamPassRoleScoped';
import { serviceRole } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('IamPassRoleScoped: iam:PassRole only on named roles, with iam:PassedToService', () => {
  test('Compliance', () => {
    const stack = testStack();
    const task = serviceRole(stack, 'Task', []);
    serviceRole(
      stack,
      'StateMachine',
      [
        {
          effect: 'Allow',
          actions: ['iam:PassRole'],
          resources: [task.arn],
          condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }],
        },
      ],
      'states.amazonaws.com',
    );
    expectAllCompliant(judge(IamPassRoleScoped, stack));
  });

  test('Noncompliance 1', () => {
    // any role of the account, without a service condition
    const stack = testStack();
    serviceRole(stack, 'StateMachine', [{ sid: 'PassAny', effect: 'Allow', actions: ['iam:PassRole'], resources: ['arn:aws:iam::111111111111:role/*'] }], 'states.amazonaws.com');
    const reasons = reasonsOf(judge(IamPassRoleScoped, stack)['aws_iam_role_policy.StateMachinePolicy']);
    expect(reasons).toMatch(/statement "PassAny" .* grants iam:PassRole on "arn:aws:iam::111111111111:role\/\*"/);
    expect(reasons).toMatch(/without an iam:PassedToService condition/);
  });

  test('Noncompliance 2', () => {
    // PassRole hidden in a wildcard action, on "*"
    const stack = testStack();
    serviceRole(
      stack,
      'Deployer',
      [
        {
          effect: 'Allow',
          actions: ['iam:Pass*'],
          resources: ['*'],
          condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ecs-tasks.amazonaws.com'] }],
        },
      ],
      'states.amazonaws.com',
    );
    expect(reasonsOf(judge(IamPassRoleScoped, stack)['aws_iam_role_policy.DeployerPolicy'])).toMatch(/grants iam:PassRole on "\*"/);
  });
});
