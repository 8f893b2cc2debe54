import { defineRule, notApplicable, resultOf } from '../../rule';
import { pipelineTrustStatements, trustPolicy } from '../../synthesized/iam';
import { conditionsOn, describeStatement, isExactCondition, type PolicyStatement } from '../../synthesized/policy-document';

const ACCOUNT_ROOT = /^arn:[a-z-]+:iam::(\d{12}):root$/;

/** Why one AWS-principal trust statement of a pipeline role is not the local-run statement; empty when it is. */
function problems(statement: PolicyStatement): string[] {
  const identifiers = (statement.principals ?? []).filter((p) => p.type === 'AWS').flatMap((p) => p.identifiers);
  const accounts = new Set(identifiers.map((id) => ACCOUNT_ROOT.exec(id)?.[1]));
  const found: string[] = [];
  if (accounts.has(undefined) || accounts.size !== 1) found.push(`names ${identifiers.join(', ')}, not exactly one account's root (arn:<partition>:iam::<account>:root)`);
  const actions = statement.actions ?? [];
  if (actions.length !== 1 || actions[0] !== 'sts:AssumeRole') found.push(`allows ${actions.join(', ') || 'no action'}, not sts:AssumeRole alone`);
  const account = [...accounts][0];
  const pinned = conditionsOn(statement, 'aws:PrincipalAccount').some((c) => isExactCondition(c) && c.values.length === 1 && c.values[0] === account);
  if (!pinned) found.push('lacks StringEquals aws:PrincipalAccount = that account');
  return found;
}

/**
 * A pipeline role (one ECS tasks, Step Functions, Scheduler or EventBridge assume) that people may
 * also assume, for `run-local`, does so through one statement only: the role's own account
 * (`:root`, so that account's IAM policies decide who), sts:AssumeRole alone, `aws:PrincipalAccount`
 * pinned to it; and never in a protected environment.
 */
export const IamLocalRunTrust = defineRule({
  id: 'IamLocalRunTrust',
  summary: 'pipeline roles trust people only for local runs: their own account, sts:AssumeRole, aws:PrincipalAccount pinned, never in a protected environment',
  explanation:
    'A pipeline role that another account, or any principal, may assume hands its data access outside the platform; in a protected environment even people of the account must not run code with production data access from a laptop.',
  fix: 'Trust people only through ServiceRole\'s localRunAccount (this account\'s root, StringEquals aws:PrincipalAccount), and leave it out in protected environments (TaskRole does).',
  anchors: { securityHub: ['IAM.8'] },
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    if (pipelineTrustStatements(role, stack).length === 0) return notApplicable;
    const trust = trustPolicy(role, stack);
    if (!trust.ok) return notApplicable;
    const human = trust.document.statements.filter((s) => s.effect === 'Allow' && (s.principals ?? []).some((p) => p.type === 'AWS'));
    if (human.length === 0) return notApplicable;
    const reasons = human.flatMap((statement) => {
      const where = describeStatement(trust.document, statement);
      if (stack.context.protectedEnvironment) return [`${where} lets people assume a pipeline role in protected environment ${stack.context.environment}`];
      return problems(statement).map((problem) => `${where} ${problem}`);
    });
    return resultOf(reasons);
  },
});
