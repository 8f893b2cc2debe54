import { defineRule, resultOf } from '../../rule';
import { readPolicyDocument, conditionsOn, describeStatement } from '../../synthesized/policy-document';
import { hasWildcard } from '../../synthesized/values';

/** What a service may do through a log resource policy here: deliver events into a log group. */
const DELIVERY_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

/**
 * A CloudWatch Logs resource policy (one per account and region, shared by every log group) lets
 * only AWS services of this account deliver events, into named log groups: service principals
 * only, `logs:CreateLogStream` and `logs:PutLogEvents` only, on log groups named without a
 * wildcard (their streams, `:*`, allowed), with an `aws:SourceAccount` condition.
 */
export const LogsResourcePolicyScoped = defineRule({
  id: 'LogsResourcePolicyScoped',
  summary: 'a CloudWatch Logs resource policy lets services of this account only deliver into named log groups',
  explanation:
    'A log resource policy is account-wide: a wildcard log group or principal would let any EventBridge rule, or another account\'s service, write into every log group, the pipelines\' own included, and forge what the dashboards and alarms read.',
  fix: 'Allow only service principals (events.amazonaws.com, delivery.logs.amazonaws.com) logs:CreateLogStream and logs:PutLogEvents on arn:...:log-group:<exact name>:*, with StringEquals aws:SourceAccount = the account (the shared stack\'s RunEvents does).',
  anchors: {},
  subjects: ['aws_cloudwatch_log_resource_policy'],
  evaluate(block, stack) {
    const read = readPolicyDocument(block.config.policy_document, `${block.address}.policy_document`, stack);
    if (!read.ok) return resultOf([`its policy document cannot be read at synth: ${read.reason}`]);
    const reasons: string[] = [];
    for (const statement of read.document.statements) {
      if (statement.effect !== 'Allow') continue;
      const where = describeStatement(read.document, statement);
      const principals = statement.principals ?? [];
      if (principals.length === 0 || principals.some((p) => p.type !== 'Service' || p.identifiers.some(hasWildcard))) {
        reasons.push(`${where} allows principals other than named AWS services: ${JSON.stringify(principals)}`);
      }
      const actions = statement.actions ?? [];
      if (statement.notActions || actions.length === 0 || actions.some((a) => !DELIVERY_ACTIONS.includes(a))) {
        reasons.push(`${where} allows ${statement.notActions ? 'everything but its NotAction' : actions.join(', ')}; only ${DELIVERY_ACTIONS.join(' and ')} deliver events`);
      }
      const groups = statement.resources ?? [];
      const loose = groups.filter((resource) => !/^arn:[^:]+:logs:[^:]+:[^:]+:log-group:[^*]+(:\*)?$/.test(resource));
      if (statement.notResources || groups.length === 0 || loose.length > 0) {
        reasons.push(`${where} applies to ${statement.notResources ? 'every log group but its NotResource' : loose.map((r) => `"${r}"`).join(', ') || 'no log group'}, not to named log groups`);
      }
      const account = conditionsOn(statement, 'aws:SourceAccount').filter((c) => ['StringEquals', 'ArnEquals'].includes(c.operator) && c.values.length > 0);
      if (account.length === 0) reasons.push(`${where} has no aws:SourceAccount condition: a service acting for another account could write`);
    }
    return resultOf(reasons);
  },
});
