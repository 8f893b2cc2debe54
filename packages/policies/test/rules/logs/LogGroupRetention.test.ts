import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LogGroupRetention } from '../../../src/rules/logs/LogGroupRetention';
import { expectAllCompliant, judge, reasonsOf, testStack } from '../../support/harness';

describe('LogGroupRetention: CloudWatch log groups have a retention period', () => {
  test('Compliance', () => {
    const stack = testStack();
    new CloudwatchLogGroup(stack, 'Logs', { name: '/ecs/app', retentionInDays: 30 });
    expectAllCompliant(judge(LogGroupRetention, stack));
  });

  test('Noncompliance 1', () => {
    // not set
    const stack = testStack();
    new CloudwatchLogGroup(stack, 'Logs', { name: '/ecs/app' });
    expect(reasonsOf(judge(LogGroupRetention, stack)['aws_cloudwatch_log_group.Logs'])).toMatch(/retention_in_days is not set/);
  });

  test('Noncompliance 2', () => {
    // 0 means never expire
    const stack = testStack();
    new CloudwatchLogGroup(stack, 'Logs', { name: '/ecs/app', retentionInDays: 0 });
    expect(reasonsOf(judge(LogGroupRetention, stack)['aws_cloudwatch_log_group.Logs'])).toMatch(/never expire/);
  });
});
