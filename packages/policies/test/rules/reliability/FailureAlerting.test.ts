import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { FailureAlerting } from '../../../src/rules/reliability/FailureAlerting';
import { failureAlert, taskDefinition } from '../../support/fixtures';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('FailureAlerting: every task-running stack has a failure alert', () => {
  test('Compliance', () => {
    const stack = testStack();
    taskDefinition(stack, 'Task');
    failureAlert(stack);
    expectAllCompliant(judge(FailureAlerting, stack));
  });

  test('Compliance - an alarm on Step Functions metrics', () => {
    const stack = testStack();
    taskDefinition(stack, 'Task');
    new CloudwatchMetricAlarm(stack, 'Failed', {
      alarmName: 'failed',
      namespace: 'AWS/States',
      metricName: 'ExecutionsFailed',
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      evaluationPeriods: 1,
      period: 300,
      statistic: 'Sum',
      alarmActions: ['arn:aws:sns:eu-west-1:111111111111:alerts'],
    });
    expectAllCompliant(judge(FailureAlerting, stack));
  });

  test('Noncompliance 1', () => {
    // nothing watches the task
    const stack = testStack();
    taskDefinition(stack, 'Task');
    expect(reasonsOf(judge(FailureAlerting, stack)['aws_ecs_task_definition.Task'])).toMatch(/no EventBridge rule on ECS or Step Functions events with a target/);
  });

  test('Noncompliance 2', () => {
    // a rule on ECS events that sends nowhere
    const stack = testStack();
    taskDefinition(stack, 'Task');
    new CloudwatchEventRule(stack, 'Orphan', { eventPattern: JSON.stringify({ source: ['aws.ecs'] }) });
    expect(reasonsOf(judge(FailureAlerting, stack)['aws_ecs_task_definition.Task'])).toMatch(/no EventBridge rule/);
  });
});
