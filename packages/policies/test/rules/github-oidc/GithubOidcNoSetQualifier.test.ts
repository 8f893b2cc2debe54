import { GithubOidcNoSetQualifier } from '../../../src/rules/github-oidc/GithubOidcNoSetQualifier';
import { githubProvider, githubRole, pinnedGithubConditions } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('GithubOidcNoSetQualifier: GitHub OIDC conditions use no ForAllValues/ForAnyValue qualifier nor IfExists', () => {
  test('Compliance', () => {
    const stack = testStack();
    githubRole(stack, 'Deployer', githubProvider(stack), pinnedGithubConditions('repo:acme/data:ref:refs/heads/main'));
    expectAllCompliant(judge(GithubOidcNoSetQualifier, stack));
  });

  test('Noncompliance 1', () => {
    // ForAllValues on sub is true for a token without the claim
    const stack = testStack();
    githubRole(stack, 'Deployer', githubProvider(stack), [
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      { test: 'ForAllValues:StringEquals', variable: 'token.actions.githubusercontent.com:sub', values: ['repo:acme/data:ref:refs/heads/main'] },
    ]);
    expect(reasonsOf(judge(GithubOidcNoSetQualifier, stack)['aws_iam_role.Deployer'])).toMatch(/ForAllValues:StringEquals on token.actions.githubusercontent.com:sub/);
  });

  test('Noncompliance 2', () => {
    // IfExists on the audience
    const stack = testStack();
    githubRole(stack, 'Deployer', githubProvider(stack), [
      { test: 'StringEqualsIfExists', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      { test: 'ForAnyValue:StringLike', variable: 'token.actions.githubusercontent.com:sub', values: ['repo:acme/data:*'] },
    ]);
    const reasons = reasonsOf(judge(GithubOidcNoSetQualifier, stack)['aws_iam_role.Deployer']);
    expect(reasons).toMatch(/StringEqualsIfExists on token.actions.githubusercontent.com:aud/);
    expect(reasons).toMatch(/ForAnyValue:StringLike on token.actions.githubusercontent.com:sub/);
  });
});
