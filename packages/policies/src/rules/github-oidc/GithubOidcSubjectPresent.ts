import { defineRule, notApplicable, resultOf } from '../../rule';
import { GITHUB_OIDC_ISSUER, githubTrustStatements } from '../../synthesized/iam';
import { conditionsOn } from '../../synthesized/policy-document';

/** Roles trusted by GitHub Actions condition on the token's `sub` claim. */
export const GithubOidcSubjectPresent = defineRule({
  id: 'GithubOidcSubjectPresent',
  summary: 'GitHub OIDC trust conditions on "sub"',
  explanation:
    'Without a condition on the subject, every workflow of every repository on GitHub, anyone\'s, can assume the role: the audience alone is the same for all of them.',
  fix: `Add to the trust statement: StringEquals "${GITHUB_OIDC_ISSUER}:sub" = the exact subjects, e.g. "repo:<owner>/<repo>:ref:refs/heads/main" or "repo:<owner>/<repo>:pull_request".`,
  anchors: { checkov: ['CKV_AWS_358'] },
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    const { statements, origin } = githubTrustStatements(role, stack);
    if (statements.length === 0) return notApplicable;
    const reasons = statements
      .filter((statement) => !conditionsOn(statement, `${GITHUB_OIDC_ISSUER}:sub`).some((c) => c.values.length > 0))
      .map((statement) => `${statement.sid ? `statement "${statement.sid}"` : 'a statement'} of ${origin} has no condition on ${GITHUB_OIDC_ISSUER}:sub`);
    return resultOf(reasons);
  },
});
