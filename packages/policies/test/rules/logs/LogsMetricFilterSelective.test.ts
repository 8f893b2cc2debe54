import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { LogsMetricFilterSelective } from '../../../src/rules/logs/LogsMetricFilterSelective';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

function filter(pattern: string, namespace: string, dimensions: Record<string, string>) {
  const stack = testStack();
  new CloudwatchLogMetricFilter(stack, 'GaveUp', {
    name: 'gave-up',
    logGroupName: '/data-platform/dev/run-events',
    pattern,
    metricTransformation: { name: 'RunsGaveUp', namespace, value: '1', dimensions },
  });
  return judge(LogsMetricFilterSelective, stack);
}

describe('LogsMetricFilterSelective: CloudWatch Logs metric filters select events and publish into the platform\'s namespace', () => {
  test('Compliance', () => {
    expectAllCompliant(filter('{ $.detail.error = "Pipeline.GaveUpWaiting" }', 'DataPlatform/Runs', { StateMachineArn: '$.detail.stateMachineArn' }));
  });

  test('Noncompliance 1 - every event counted, into a namespace of its own', () => {
    const reasons = reasonsOf(filter('', 'Custom', {})['aws_cloudwatch_log_metric_filter.GaveUp']);
    expect(reasons).toMatch(/its pattern is empty/);
    expect(reasons).toMatch(/namespace "Custom", not DataPlatform/);
  });

  test('Noncompliance 2 - a dimension that is a constant, not a field of the event', () => {
    expect(reasonsOf(filter('{ $.a = 1 }', 'DataPlatform/Runs', { Pipeline: 'orders' })['aws_cloudwatch_log_metric_filter.GaveUp'])).toBe(
      'its dimension Pipeline is "orders", not a field of the event ($.<field>)',
    );
  });
});
