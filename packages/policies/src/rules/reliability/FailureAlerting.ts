import { defineRule, resultOf } from '../../rule';
import type { Block, StackView } from '../../synthesized/stack-view';
import { asArray, asStrings } from '../../synthesized/values';

/** The EventBridge sources that report a failed task, deployment or execution. */
const FAILURE_SOURCES = ['aws.ecs', 'aws.states'];

/** Whether an EventBridge rule listens to ECS or Step Functions events and sends them somewhere. */
function isFailureAlert(rule: Block, stack: StackView): boolean {
  const pattern = stack.readJson(rule.config.event_pattern, `${rule.address}.event_pattern`);
  if (!pattern.ok) return false;
  const sources = asStrings((pattern.value as { source?: unknown } | null)?.source);
  return sources.some((s) => FAILURE_SOURCES.includes(s)) && stack.referrers('aws_cloudwatch_event_target', 'rule', rule).length > 0;
}

/** Whether a metric alarm watches ECS or Step Functions and has an alarm action. */
function isFailureAlarm(alarm: Block): boolean {
  const namespaces = [alarm.config.namespace, ...asArray(alarm.config.metric_query).map((q) => JSON.stringify(q))].map(String);
  return asArray(alarm.config.alarm_actions).length > 0 && namespaces.some((n) => /AWS\/(ECS|States)|ECS\/ContainerInsights/.test(n));
}

/**
 * A stack that runs tasks alerts on their failure: an EventBridge rule on ECS or Step Functions
 * events with a target (e.g. the shared alerts topic), or a CloudWatch alarm on their metrics
 * with an alarm action.
 */
export const FailureAlerting = defineRule({
  id: 'FailureAlerting',
  summary: 'every task-running stack has a failure alert',
  explanation: 'A pipeline that fails without telling anyone fails for days: the first to notice is whoever reads the missing data.',
  fix: 'Add an aws_cloudwatch_event_rule on source "aws.ecs" (stopped tasks with a non-zero exit, failed deployments) or "aws.states" (FAILED, TIMED_OUT executions) with an aws_cloudwatch_event_target to the alerts topic; standard-etl does this for every pipeline.',
  anchors: {},
  subjects: ['aws_ecs_task_definition'],
  evaluate(_taskDefinition, stack) {
    const alerted =
      stack.blocks('aws_cloudwatch_event_rule').some((rule) => isFailureAlert(rule, stack)) ||
      stack.blocks('aws_cloudwatch_metric_alarm').some(isFailureAlarm);
    return resultOf(alerted ? [] : ['the stack has no EventBridge rule on ECS or Step Functions events with a target, nor an alarm on their metrics with an action']);
  },
});
