import { defineRule, notApplicable, resultOf } from '../../rule';
import { GITHUB_OIDC_ISSUER, githubTrustStatements } from '../../synthesized/iam';

/**
 * No condition on a GitHub token claim uses a set qualifier (`ForAllValues:` / `ForAnyValue:`) or
 * an `IfExists` operator: the claims are single-valued, and `ForAllValues` on a missing claim is true.
 */
export const GithubOidcNoSetQualifier = defineRule({
  id: 'GithubOidcNoSetQualifier',
  summary: 'GitHub OIDC conditions use no ForAllValues/ForAnyValue qualifier nor IfExists',
  explanation:
    'ForAllValues: is true when the claim is absent, and IfExists skips the check when it is absent: either turns a subject or audience pin into no condition at all for a token that omits the claim.',
  fix: `Use plain StringEquals (or StringLike) on "${GITHUB_OIDC_ISSUER}:aud" and ":sub".`,
  anchors: { checkov: ['CKV_AWS_358'] },
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    const { statements, origin } = githubTrustStatements(role, stack);
    if (statements.length === 0) return notApplicable;
    const reasons = statements.flatMap((statement) =>
      statement.conditions
        .filter((c) => c.key.toLowerCase().startsWith(`${GITHUB_OIDC_ISSUER}:`) && /^(ForAllValues|ForAnyValue):|IfExists$/i.test(c.operator))
        .map((c) => `${c.operator} on ${c.key} (${origin})`),
    );
    return resultOf(reasons);
  },
});
