import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { patternMatches } from '@data-platform/state-machine-harness';
import { Testing } from 'cdktf';
import { RunEvents } from '../src/run-events';
import { resourcesOf, testEnvironment } from './fixtures';

describe('RunEvents', () => {
  const synthesized = Testing.synthScope((scope) => {
    new RunEvents(scope, 'RunEvents', { environment: testEnvironment('dev') });
  });
  const pattern = (name: string) => JSON.parse(String(Object.values(resourcesOf(synthesized, 'aws_cloudwatch_event_rule')).find((r) => r.name === name)!.event_pattern));

  test('RunEvents - a log group kept as long as the ledger keeps runs', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/data-platform/dev/run-events', retention_in_days: 400 });
  });

  test('RunEvents - the end of every job\'s run of the environment, and no other machine\'s, reaches it', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchEventRule, { name: 'data-platform-run-ended-dev' });
    const ended = pattern('data-platform-run-ended-dev');
    const event = (machine: string, status = 'FAILED') => ({
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      detail: { status, stateMachineArn: `arn:aws:states:eu-west-1:111111111111:stateMachine:${machine}` },
    });
    expect(patternMatches(ended, event('dp-orders-dev'), 'ended')).toBe(true);
    expect(patternMatches(ended, event('dp-orders-dev', 'RUNNING'), 'ended')).toBe(false);
    expect(patternMatches(ended, event('dp-orders-prod'), 'ended')).toBe(false);
    expect(patternMatches(ended, event('billing-dev'), 'ended')).toBe(false);
  });

  test('RunEvents - the state changes of every freshness alarm of the environment reach it', () => {
    const freshness = pattern('data-platform-freshness-dev');
    const event = (alarmName: string) => ({ source: 'aws.cloudwatch', 'detail-type': 'CloudWatch Alarm State Change', detail: { alarmName, state: { value: 'ALARM' } } });
    expect(patternMatches(freshness, event('dp-orders-dev-missed-run'), 'freshness')).toBe(true);
    expect(patternMatches(freshness, event('dp-orders-dev-trigger-failed'), 'freshness')).toBe(false);
  });

  test('RunEvents - runs that gave up are counted per state machine', () => {
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogMetricFilter, {
      log_group_name: expect.stringMatching(/aws_cloudwatch_log_group\.RunEvents_LogGroup_[0-9A-F]{8}\.name/),
      pattern: '{ $.detail.status = "FAILED" && $.detail.error = "Pipeline.GaveUpWaiting" }',
      metric_transformation: { namespace: 'DataPlatform/Runs', name: 'RunsGaveUp', value: '1', unit: 'Count', dimensions: { StateMachineArn: '$.detail.stateMachineArn' } },
    });
  });
});
