import { defineRule, notApplicable, resultOf } from '../../rule';
import { pipelineTrustStatements, trustPolicy } from '../../synthesized/iam';
import { ACCESS_ROLE_PREFIX } from './IamAccessRolesReadOnly';
import { conditionsOn, coversAction, describeStatement, type PolicyStatement } from '../../synthesized/policy-document';
import { hasWildcard } from '../../synthesized/values';

/** An exact IAM role ARN: no wildcard, not an account (`:root`, a bare id), not a user. */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]+$/;

/** The AWS principals (roles, users, accounts) a trust statement lets in. */
function awsPrincipals(statement: PolicyStatement): string[] {
  return (statement.principals ?? []).filter((p) => p.type === 'AWS' || p.type === '*').flatMap((p) => p.identifiers);
}

/** `Null "sts:SourceIdentity" = false`, or an exact value: the session must say who it is. */
function requiresSourceIdentity(statement: PolicyStatement): boolean {
  return conditionsOn(statement, 'sts:SourceIdentity').some(
    (condition) =>
      (condition.operator === 'Null' && condition.values.length > 0 && condition.values.every((value) => value === 'false')) ||
      (['StringEquals', 'StringLike'].includes(condition.operator) && condition.values.length > 0),
  );
}

/**
 * A role that people assume (its trust lets AWS principals in, as the break-glass role does) names
 * exact roles, never an account or a wildcard, and requires a source identity (with
 * `sts:SetSourceIdentity`), so that CloudTrail ties every action of the session to a person. A
 * pipeline role (one a service assumes) that people may also assume for `run-local` is judged by
 * IamLocalRunTrust instead. A team read role (`data-platform-read-*`, read-only by
 * IamAccessRolesReadOnly) must trust exact roles too, but need not require a source identity:
 * analysts switch to it in the Athena console, which sets none, and it can change nothing.
 */
export const IamPersonTrustSourceIdentity = defineRule({
  id: 'IamPersonTrustSourceIdentity',
  summary: 'roles assumed by AWS principals trust exact roles and require a source identity',
  explanation:
    'Trusting an account (its root) or a wildcard lets anyone that account allows assume the role; and without a source identity, CloudTrail records only the role session, not the person behind it, and a chained session can drop who it was.',
  fix:
    'List the exact role ARNs (e.g. the IAM Identity Center role of the on-call engineers, in breakGlass.assumedBy of packages/config/src/environments.ts), ' +
    'allow sts:SetSourceIdentity beside sts:AssumeRole, and add the condition Null "sts:SourceIdentity" = "false".',
  anchors: {},
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    const trust = trustPolicy(role, stack);
    if (!trust.ok || pipelineTrustStatements(role, stack).length > 0) return notApplicable;
    const statements = trust.document.statements.filter((s) => s.effect === 'Allow' && awsPrincipals(s).length > 0);
    if (statements.length === 0) return notApplicable;
    const readOnlyTeamRole = typeof role.config.name === 'string' && role.config.name.startsWith(ACCESS_ROLE_PREFIX);
    const reasons: string[] = [];
    for (const statement of statements) {
      const where = describeStatement(trust.document, statement);
      for (const principal of awsPrincipals(statement)) {
        if (hasWildcard(principal) || !ROLE_ARN.test(principal)) reasons.push(`${where} trusts "${principal}", which is not one exact role`);
      }
      if (!readOnlyTeamRole && (!coversAction(statement, 'sts:SetSourceIdentity') || !requiresSourceIdentity(statement))) {
        reasons.push(`${where} lets AWS principals in without requiring a source identity (sts:SetSourceIdentity and Null "sts:SourceIdentity" = "false")`);
      }
    }
    return resultOf(reasons);
  },
});
