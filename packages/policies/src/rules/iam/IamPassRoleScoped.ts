import { defineRule, notApplicable, resultOf } from '../../rule';
import { IDENTITY_POLICY_SUBJECTS, ownIdentityPolicies } from '../../synthesized/iam';
import { baseOperator, conditionsOn, coversAction, describeStatement } from '../../synthesized/policy-document';
import { hasWildcard } from '../../synthesized/values';

/**
 * `iam:PassRole` is granted only on named roles (no wildcard, no NotResource) and only with an
 * `iam:PassedToService` condition.
 */
export const IamPassRoleScoped = defineRule({
  id: 'IamPassRoleScoped',
  summary: 'iam:PassRole only on named roles, with iam:PassedToService',
  explanation:
    'Passing a role hands its permissions to a service: a PassRole on a wildcard lets the holder run a task or state machine as any role of the account, a classic privilege escalation.',
  fix: 'Grant iam:PassRole on the ARNs of the exact roles (e.g. the pipeline\'s execution and task roles), with a StringEquals condition "iam:PassedToService" = "ecs-tasks.amazonaws.com".',
  anchors: { checkov: ['CKV_AWS_286'] },
  subjects: IDENTITY_POLICY_SUBJECTS,
  evaluate(block, stack) {
    const reasons: string[] = [];
    let grantsPassRole = false;
    for (const { read } of ownIdentityPolicies(block, stack)) {
      if (!read.ok) continue; // reported by IamPolicyDocumentsReadable
      for (const statement of read.document.statements) {
        if (statement.effect !== 'Allow' || !coversAction(statement, 'iam:PassRole')) continue;
        grantsPassRole = true;
        const where = describeStatement(read.document, statement);
        if (statement.notResources) reasons.push(`${where} grants iam:PassRole on every role but its NotResource`);
        const wildcards = (statement.resources ?? []).filter(hasWildcard);
        if (wildcards.length > 0) reasons.push(`${where} grants iam:PassRole on ${wildcards.map((r) => `"${r}"`).join(', ')}`);
        const passedTo = conditionsOn(statement, 'iam:PassedToService').filter(
          (c) => c.operator === baseOperator(c) && ['StringEquals', 'StringLike'].includes(c.operator) && c.values.length > 0,
        );
        if (passedTo.length === 0) reasons.push(`${where} grants iam:PassRole without an iam:PassedToService condition`);
      }
    }
    return grantsPassRole ? resultOf(reasons) : notApplicable;
  },
});
