import { GithubOidcExactRepository } from '../../../src/rules/github-oidc/GithubOidcExactRepository';
import { githubProvider, githubRole, pinnedGithubConditions } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('GithubOidcExactRepository: GitHub OIDC "sub" names exact repositories, no wildcard over an organisation', () => {
  test('Compliance', () => {
    const stack = testStack();
    const provider = githubProvider(stack);
    githubRole(stack, 'Deployer', provider, pinnedGithubConditions('repo:acme/data-platform:environment:prod'));
    // a wildcard after the repository (any branch of one repository) still names the repository exactly
    githubRole(stack, 'Branches', provider, [
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      { test: 'StringLike', variable: 'token.actions.githubusercontent.com:sub', values: ['repo:acme/data-platform:ref:refs/heads/release-*'] },
    ]);
    expectAllCompliant(judge(GithubOidcExactRepository, stack));
  });

  test('Noncompliance 1', () => {
    // every repository of the organisation
    const stack = testStack();
    githubRole(stack, 'Deployer', githubProvider(stack), [
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      { test: 'StringLike', variable: 'token.actions.githubusercontent.com:sub', values: ['repo:acme/*'] },
    ]);
    expect(reasonsOf(judge(GithubOidcExactRepository, stack)['aws_iam_role.Deployer'])).toMatch(/sub "repo:acme\/\*" .* does not name a repository|has a wildcard/);
  });

  test('Noncompliance 2', () => {
    // a wildcard owner, and a bare "*"
    const stack = testStack();
    githubRole(stack, 'Deployer', githubProvider(stack), [
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      { test: 'StringLike', variable: 'token.actions.githubusercontent.com:sub', values: ['repo:*/data-platform:ref:refs/heads/main', '*'] },
    ]);
    const reasons = reasonsOf(judge(GithubOidcExactRepository, stack)['aws_iam_role.Deployer']);
    expect(reasons).toMatch(/sub "repo:\*\/data-platform:ref:refs\/heads\/main" .* has a wildcard in the repository/);
    expect(reasons).toMatch(/sub "\*" .* does not name a repository/);
  });
});
