import { GithubOidcExactRepository } from '../../../src/rules/github-oidc/GithubOidcExactRepository';
import { githubProvider, githubRole, pinnedGithubConditions } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('GithubOidcExactRepository: GitHub OIDC "sub" names exact repositories, no wildcard over an organisation', () => {
  test('Compliance', () => {
    const stack = testStack();
    const provider = githubProvider(stack);
    githubRole(stack, 'Deployer', provider, pinnedGithubConditions('repo:acme/data-platform:environment:prod'));
    // the immutable subject GitHub sends for a repository that uses immutable subject claims
    githubRole(stack, 'Immutable', provider, pinnedGithubConditions('repo:acme@123456/data-platform@456789:ref:refs/heads/main'));
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

  test('Noncompliance 3', () => {
    // a wildcard in the ids of the immutable form
    const stack = testStack();
    githubRole(stack, 'Deployer', githubProvider(stack), [
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      { test: 'StringLike', variable: 'token.actions.githubusercontent.com:sub', values: ['repo:acme@*/data-platform@456789:ref:refs/heads/main'] },
    ]);
    expect(reasonsOf(judge(GithubOidcExactRepository, stack)['aws_iam_role.Deployer'])).toMatch(
      /sub "repo:acme@\*\/data-platform@456789:ref:refs\/heads\/main" .* has a wildcard in the repository/,
    );
  });

  test('Noncompliance 4', () => {
    // malformed ids: an id on one side only, an id that is not digits
    const stack = testStack();
    githubRole(stack, 'Deployer', githubProvider(stack), [
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      {
        test: 'StringEquals',
        variable: 'token.actions.githubusercontent.com:sub',
        values: ['repo:acme@123456/data-platform:pull_request', 'repo:acme@12ab/data-platform@456789:pull_request'],
      },
    ]);
    const reasons = reasonsOf(judge(GithubOidcExactRepository, stack)['aws_iam_role.Deployer']);
    expect(reasons).toMatch(/sub "repo:acme@123456\/data-platform:pull_request" .* names its repository neither as repo:<owner>\/<name> nor as repo:<owner>@<digits>\/<name>@<digits>/);
    expect(reasons).toMatch(/sub "repo:acme@12ab\/data-platform@456789:pull_request" .* names its repository neither/);
  });
});
