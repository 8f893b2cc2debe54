import { defineRule, notApplicable, resultOf } from '../../rule';
import { PIPELINE_SERVICE_PRINCIPALS, pipelineTrustStatements, servicePrincipals, trustPolicy } from '../../synthesized/iam';
import { conditionsOn, describeStatement, isExactCondition, type PolicyStatement } from '../../synthesized/policy-document';
import { hasWildcard } from '../../synthesized/values';

/** An `aws:SourceArn` condition pins the account when each ARN names one (field 5, no wildcard). */
function pinsAccountThroughSourceArn(statement: PolicyStatement): boolean {
  return conditionsOn(statement, 'aws:SourceArn').some(
    (condition) =>
      ['ArnEquals', 'ArnLike', 'StringEquals', 'StringLike'].includes(condition.operator) &&
      condition.values.length > 0 &&
      condition.values.every((arn) => {
        const account = arn.split(':')[4];
        return account !== undefined && account.length > 0 && !hasWildcard(account);
      }),
  );
}

/**
 * Trust policies that let a pipeline service assume a role (ECS tasks, Step Functions, Scheduler,
 * EventBridge) carry `aws:SourceAccount` (or an `aws:SourceArn` of this account), so that the
 * service assumes it only on behalf of this account (confused-deputy protection).
 */
export const IamTrustSourceAccount = defineRule({
  id: 'IamTrustSourceAccount',
  summary: 'trust policies for ECS tasks, Step Functions, Scheduler and EventBridge carry aws:SourceAccount',
  explanation:
    'A service principal alone trusts the service acting for any AWS account: without aws:SourceAccount (or aws:SourceArn), another account could make the service assume this role for it (the confused-deputy problem).',
  fix: 'Add a condition to the trust statement: StringEquals "aws:SourceAccount" = the environment\'s account id (or ArnLike "aws:SourceArn" = ARNs of this account).',
  anchors: {},
  subjects: ['aws_iam_role'],
  evaluate(role, stack) {
    const statements = pipelineTrustStatements(role, stack);
    if (statements.length === 0) return notApplicable;
    const trust = trustPolicy(role, stack);
    const reasons = statements
      .filter((statement) => !conditionsOn(statement, 'aws:SourceAccount').some(isExactCondition) && !pinsAccountThroughSourceArn(statement))
      .map((statement) => {
        const services = servicePrincipals(statement).filter((s) => PIPELINE_SERVICE_PRINCIPALS.includes(s));
        return `${trust.ok ? describeStatement(trust.document, statement) : 'the trust policy'} trusts ${services.join(', ')} without aws:SourceAccount`;
      });
    return resultOf(reasons);
  },
});
