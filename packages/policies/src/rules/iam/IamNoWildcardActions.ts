import { defineRule, notApplicable, resultOf } from '../../rule';
import { IDENTITY_POLICY_SUBJECTS, ownIdentityPolicies } from '../../synthesized/iam';
import { describeStatement } from '../../synthesized/policy-document';
import { hasToken } from '../../synthesized/values';

/** `*` or `service:*`: every action, or every action of a service. */
function isFullWildcard(action: string): boolean {
  return !hasToken(action) && /^(\*|[A-Za-z0-9-]+:\*)$/.test(action.trim());
}

/**
 * Identity policies (policy resources, role policies, inline policies) allow no `*` and no
 * `service:*` action, and no `NotAction` (an Allow with NotAction grants everything else).
 * Narrower patterns such as `ec2:Describe*` are left to review.
 */
export const IamNoWildcardActions = defineRule({
  id: 'IamNoWildcardActions',
  summary: 'identity policies allow no "*" or "service:*" action',
  explanation:
    'A wildcard action grants every action a service has, and every one it will add, far beyond what a pipeline or a CI job needs; one leaked credential then reaches everything.',
  fix: 'List the actions the role needs by name (e.g. "s3:PutObject", not "s3:*"); replace an Allow with NotAction by the actions it is meant to allow.',
  anchors: {
    cdkNag: ['AwsSolutions-IAM5', 'NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess', 'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess'],
    checkov: ['CKV_AWS_62', 'CKV_AWS_63'],
    securityHub: ['IAM.1', 'IAM.21'],
  },
  subjects: IDENTITY_POLICY_SUBJECTS,
  evaluate(block, stack) {
    const documents = ownIdentityPolicies(block, stack);
    if (documents.length === 0) return notApplicable;
    const reasons: string[] = [];
    for (const { read } of documents) {
      if (!read.ok) continue; // reported by IamPolicyDocumentsReadable
      for (const statement of read.document.statements) {
        if (statement.effect !== 'Allow') continue;
        const wildcards = (statement.actions ?? []).filter(isFullWildcard);
        if (wildcards.length > 0) reasons.push(`${describeStatement(read.document, statement)} allows ${wildcards.map((a) => `"${a}"`).join(', ')}`);
        if (statement.notActions) reasons.push(`${describeStatement(read.document, statement)} allows everything except its NotAction`);
      }
    }
    return resultOf(reasons);
  },
});
