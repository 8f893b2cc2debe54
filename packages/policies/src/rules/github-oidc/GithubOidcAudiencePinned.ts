import { defineRule, notApplicable, resultOf } from '../../rule';
import { GITHUB_OIDC_ISSUER, githubTrustStatements } from '../../synthesized/iam';
import { conditionsOn } from '../../synthesized/policy-document';

/** The audience aws-actions/configure-aws-credentials asks GitHub for. */
export const STS_AUDIENCE = 'sts.amazonaws.com';

/** Roles trusted by GitHub Actions pin the token's audience with StringEquals to `sts.amazonaws.com`. */
export const GithubOidcAudiencePinned = defineRule({
  id: 'GithubOidcAudiencePinned',
  summary: 'GitHub OIDC trust pins "aud" to sts.amazonaws.com with StringEquals',
  explanation:
    'Without an exact audience, a token GitHub minted for another relying party (another cloud, another service) is accepted by this role too.',
  fix: `Add to the trust statement: StringEquals "${GITHUB_OIDC_ISSUER}:aud" = "${STS_AUDIENCE}".`,
  anchors: { checkov: ['CKV_AWS_358'] },
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    const { statements, origin } = githubTrustStatements(role, stack);
    if (statements.length === 0) return notApplicable;
    const reasons = statements
      .filter(
        (statement) =>
          !conditionsOn(statement, `${GITHUB_OIDC_ISSUER}:aud`).some(
            (c) => c.operator === 'StringEquals' && c.values.length > 0 && c.values.every((v) => v === STS_AUDIENCE),
          ),
      )
      .map((statement) => `${statement.sid ? `statement "${statement.sid}"` : 'a statement'} of ${origin} does not pin ${GITHUB_OIDC_ISSUER}:aud with StringEquals "${STS_AUDIENCE}"`);
    return resultOf(reasons);
  },
});
