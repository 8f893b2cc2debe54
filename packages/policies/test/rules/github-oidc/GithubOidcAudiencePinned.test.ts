import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { GithubOidcAudiencePinned } from '../../../src/rules/github-oidc/GithubOidcAudiencePinned';
import { githubProvider, githubRole, pinnedGithubConditions, serviceRole } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('GithubOidcAudiencePinned: GitHub OIDC trust pins "aud" to sts.amazonaws.com with StringEquals', () => {
  test('Compliance', () => {
    const stack = testStack();
    githubRole(stack, 'Deployer', githubProvider(stack), pinnedGithubConditions('repo:acme/data:ref:refs/heads/main'));
    // a trust written as JSON with the provider's literal ARN is recognised as GitHub's too
    new IamRole(stack, 'Literal', {
      name: 'literal',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRoleWithWebIdentity',
            Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
            Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/data:pull_request' } },
          },
        ],
      }),
    });
    serviceRole(stack, 'Task', []);
    const results = judge(GithubOidcAudiencePinned, stack);
    expect(results['aws_iam_role.Task']).toEqual({ status: 'not-applicable' });
    expectAllCompliant(results);
  });

  test('Noncompliance 1', () => {
    // no audience condition
    const stack = testStack();
    githubRole(stack, 'Deployer', githubProvider(stack), [{ test: 'StringEquals', variable: 'token.actions.githubusercontent.com:sub', values: ['repo:acme/data:ref:refs/heads/main'] }]);
    expect(reasonsOf(judge(GithubOidcAudiencePinned, stack)['aws_iam_role.Deployer'])).toMatch(/does not pin token.actions.githubusercontent.com:aud/);
  });

  test('Noncompliance 2', () => {
    // the audience matched with StringLike
    const stack = testStack();
    githubRole(stack, 'Deployer', githubProvider(stack), [
      { test: 'StringLike', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:sub', values: ['repo:acme/data:ref:refs/heads/main'] },
    ]);
    expect(reasonsOf(judge(GithubOidcAudiencePinned, stack)['aws_iam_role.Deployer'])).toMatch(/with StringEquals "sts.amazonaws.com"/);
  });
});
