import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { NAME, PREFIX, SCHEDULED, SERVICE, SSM, synthPipeline } from './pipeline-fixture';

describe('Alerts', () => {
  const logs = `Logs: https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fdata-platform$252Fdev$252Fpipelines$252F${NAME}`;

  test('Alerts - a service task that stops with a non-zero exit or fails to start alerts the shared topic', () => {
    const synth = synthPipeline(SERVICE);
    const rule = synth.resources('aws_cloudwatch_event_rule').find((r) => r.name === `${PREFIX}-task-failed`);
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern).toMatchObject({
      source: ['aws.ecs'],
      'detail-type': ['ECS Task State Change'],
      detail: {
        group: [`service:${PREFIX}`],
        lastStatus: ['STOPPED'],
        $or: [{ stopCode: ['TaskFailedToStart'] }, { containers: { exitCode: [{ 'anything-but': 0 }] } }],
      },
    });
    expect(pattern.detail.clusterArn).toEqual([expect.stringMatching(SSM('ClusterArn'))]);
    const target = synth.resources('aws_cloudwatch_event_target').find((t) => String(t.rule).includes('TaskFailed'));
    expect(target.arn).toMatch(SSM('AlertsTopicArn'));
    expect(JSON.parse(target.input_transformer.input_template)).toBe(
      `[data-platform] pipeline ${NAME} (dev): a task stopped with exit code <exitCode> (<stopCode>: <reason>); ECS starts a new one. Task: <task>. ${logs}`,
    );
    expect(target.input_transformer.input_paths).toEqual({
      task: '$.detail.taskArn', exitCode: '$.detail.containers[0].exitCode', stopCode: '$.detail.stopCode', reason: '$.detail.stoppedReason',
    });
  });

  test('Alerts - a failed (rolled back) service deployment alerts the shared topic', () => {
    const synth = synthPipeline(SERVICE);
    const rule = synth.resources('aws_cloudwatch_event_rule').find((r) => r.name === `${PREFIX}-deploy-failed`);
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern.detail).toEqual({ eventName: ['SERVICE_DEPLOYMENT_FAILED'] });
    expect(pattern.resources[0]).toMatch(new RegExp(`^arn:aws:ecs:eu-west-1:111111111111:service/\\$\\{data\\.aws_ssm_parameter\\.Pipeline_SharedPlatform_ClusterName_[0-9A-F]{8}\\.insecure_value\\}/${PREFIX}$`));
    const target = synth.resources('aws_cloudwatch_event_target').find((t) => String(t.rule).includes('DeploymentFailed'));
    expect(JSON.parse(target.input_transformer.input_template)).toContain(`pipeline ${NAME} (dev): deployment <deployment> failed`);
    expect(JSON.parse(target.input_transformer.input_template)).toContain(logs);
  });

  test('Alerts - a scheduled run that fails, times out or is aborted alerts the shared topic', () => {
    const synth = synthPipeline({ ...SCHEDULED, retries: 1, maxRuntimeMinutes: 20 });
    expect(synth.resources('aws_cloudwatch_event_rule').map((r) => r.name)).toEqual([`${PREFIX}-run-failed`]);
    const pattern = JSON.parse(synth.resource('aws_cloudwatch_event_rule').event_pattern);
    expect(pattern).toMatchObject({ source: ['aws.states'], 'detail-type': ['Step Functions Execution Status Change'] });
    expect(pattern.detail.status).toEqual(['FAILED', 'TIMED_OUT', 'ABORTED']);
    expect(pattern.detail.stateMachineArn).toEqual([expect.stringMatching(/^\$\{aws_sfn_state_machine\.Pipeline_ScheduledRun_StateMachine_[0-9A-F]{8}\.arn\}$/)]);
    const message = JSON.parse(synth.resource('aws_cloudwatch_event_target').input_transformer.input_template);
    expect(message).toBe(
      `[data-platform] pipeline ${NAME} (dev): a scheduled run ended <status> (up to 2 attempts, each stopped after 20 minutes). ` +
        `Run: https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/<execution> ${logs}`,
    );
  });

  test('Alerts - the missed-run alarm fires when no run has succeeded for 2 schedule periods', () => {
    const synth = synthPipeline({ mode: 'schedule', schedule: 'cron(30 2 * * ? *)' });
    expect(synth.text).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: `${PREFIX}-missed-run`,
      namespace: 'AWS/States',
      metric_name: 'ExecutionsSucceeded',
      statistic: 'Sum',
      period: 86400,
      evaluation_periods: 2,
      datapoints_to_alarm: 2,
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      treat_missing_data: 'breaching',
    });
    const alarm = synth.resource('aws_cloudwatch_metric_alarm');
    expect(alarm.alarm_actions).toEqual([expect.stringMatching(SSM('AlertsTopicArn'))]);
    expect(alarm.alarm_description).toContain(`pipeline ${NAME} (dev): no scheduled run has succeeded for 2 periods of 1440 minutes`);
    expect(alarm.alarm_description).toContain(logs);
  });

  test('Alerts - missedRunPeriods sets the alarm window, 0 turns it off', () => {
    expect(synthPipeline({ ...SCHEDULED, missedRunPeriods: 5 }).resource('aws_cloudwatch_metric_alarm')).toMatchObject({ period: 3600, evaluation_periods: 5 });
    expect(synthPipeline({ ...SCHEDULED, missedRunPeriods: 0 }).resources('aws_cloudwatch_metric_alarm')).toHaveLength(0);
  });
});
