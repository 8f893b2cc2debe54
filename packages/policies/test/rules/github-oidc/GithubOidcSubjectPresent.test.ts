import { GithubOidcSubjectPresent } from '../../../src/rules/github-oidc/GithubOidcSubjectPresent';
import { githubProvider, githubRole, pinnedGithubConditions } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('GithubOidcSubjectPresent: GitHub OIDC trust conditions on "sub"', () => {
  test('Compliance', () => {
    const stack = testStack();
    githubRole(stack, 'Planner', githubProvider(stack), pinnedGithubConditions('repo:acme/data:pull_request'));
    expectAllCompliant(judge(GithubOidcSubjectPresent, stack));
  });

  test('Noncompliance 1', () => {
    // the audience alone: every workflow on GitHub can assume the role
    const stack = testStack();
    githubRole(stack, 'Planner', githubProvider(stack), [{ test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] }]);
    expect(reasonsOf(judge(GithubOidcSubjectPresent, stack)['aws_iam_role.Planner'])).toMatch(/statement "GithubActions" .* has no condition on token.actions.githubusercontent.com:sub/);
  });
});
