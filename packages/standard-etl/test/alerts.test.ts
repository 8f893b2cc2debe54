import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { nameOverLimit } from '../src/pipeline-names';
import { NAME, OWNER, OWNER_TOPIC, PREFIX, SCHEDULED, SERVICE, SSM, synthPipeline, type FixtureConfig } from './pipeline-fixture';

/** The custom notification an EventBridge target or an alarm sends. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const notification = (text: string): any => JSON.parse(text);

describe('Alerts', () => {
  const logs = `<https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Fdata-platform$252Fdev$252Fpipelines$252F${NAME}|Logs> <https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/data-platform-dev|Dashboard>`;

  test('Alerts - a service task that stops with a non-zero exit or fails to start alerts its owner\'s topic', () => {
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
    expect(target.arn).toMatch(OWNER_TOPIC);
    expect(notification(target.input_transformer.input_template)).toEqual({
      version: '1.0',
      source: 'custom',
      content: {
        textType: 'client-markdown',
        title: `:warning: pipeline ${NAME} (dev): a task stopped`,
        description: `A task stopped with exit code <exitCode> (<stopCode>: <reason>); ECS starts a new one. Task: <task>. ${logs}`,
        keywords: [NAME, 'dev', OWNER, 'service'],
      },
    });
    expect(target.input_transformer.input_paths).toEqual({
      task: '$.detail.taskArn', exitCode: '$.detail.containers[0].exitCode', stopCode: '$.detail.stopCode', reason: '$.detail.stoppedReason',
    });
  });

  test('Alerts - a failed (rolled back) service deployment alerts the shared topic', () => {
    const synth = synthPipeline(SERVICE);
    const rule = synth.resources('aws_cloudwatch_event_rule').find((r) => r.name === `${PREFIX}-deploy-failed`);
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern.detail).toEqual({ eventName: ['SERVICE_DEPLOYMENT_FAILED'] });
    const target = synth.resources('aws_cloudwatch_event_target').find((t) => String(t.rule).includes('DeploymentFailed'));
    const { content } = notification(target.input_transformer.input_template);
    expect(content.title).toBe(`:x: pipeline ${NAME} (dev): deployment failed`);
    expect(content.description).toContain('Deployment <deployment> failed and the circuit breaker rolled the service back');
    expect(content.description).toContain(logs);
  });

  test('Alerts - a run that fails, gives up, times out or is aborted alerts with its run name (kind and data interval) and cause', () => {
    const synth = synthPipeline({ ...SCHEDULED, retries: 1, maxRuntimeMinutes: 20 });
    const rule = synth.resources('aws_cloudwatch_event_rule').find((r) => r.name === `${PREFIX}-run-failed`);
    const pattern = JSON.parse(rule.event_pattern);
    expect(pattern).toMatchObject({ source: ['aws.states'], 'detail-type': ['Step Functions Execution Status Change'] });
    expect(pattern.detail.status).toEqual(['FAILED', 'TIMED_OUT', 'ABORTED']);
    expect(pattern.detail.stateMachineArn).toEqual([expect.stringMatching(/^\$\{aws_sfn_state_machine\.Pipeline_ScheduledRun_StateMachine_[0-9A-F]{8}\.arn\}$/)]);
    const target = synth.resources('aws_cloudwatch_event_target').find((t) => t.target_id === 'alerts-topic');
    expect(target.input_transformer.input_paths).toEqual({
      status: '$.detail.status', execution: '$.detail.executionArn', run: '$.detail.name', error: '$.detail.error', cause: '$.detail.cause',
    });
    expect(notification(target.input_transformer.input_template).content).toEqual({
      textType: 'client-markdown',
      title: `:x: pipeline ${NAME} (dev): run <run> ended <status>`,
      description:
        'Run <run> (kind, then data interval start and end, UTC) ended <status>: <error>. <cause> ' +
        'Each attempt is stopped after 20 minutes; up to 2 attempts. ' +
        `<https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/<execution>|Run> ${logs}`,
      nextSteps: [`Rerun the interval: npx nx run ${NAME}:run -c dev -- --from <start> --to <end>`],
      keywords: [NAME, 'dev', OWNER, '<status>'],
    });
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
    const alarm = synth.resources('aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === `${PREFIX}-missed-run`);
    expect(alarm.alarm_actions).toEqual([expect.stringMatching(OWNER_TOPIC)]);
    const { content } = notification(alarm.alarm_description);
    expect(content.title).toBe(`:hourglass: pipeline ${NAME} (dev): no run has succeeded for 2 periods of 1440 minutes (schedule cron(30 2 * * ? *) UTC)`);
    expect(content.description).toContain(logs);
  });

  test('Alerts - freshWithinHours sets the freshness window and names the upstreams it waits for', () => {
    const synth = synthPipeline({ mode: 'job', after: ['shopify-products'], freshWithinHours: 3 });
    const alarm = synth.resources('aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === `${PREFIX}-missed-run`);
    expect(alarm).toMatchObject({ period: 3600, evaluation_periods: 3, metric_name: 'ExecutionsSucceeded' });
    expect(notification(alarm.alarm_description).content.description).toContain(
      'It runs after shopify-products: a failed or late upstream run starts nothing, so look at them first.',
    );
  });

  test('Alerts - a failed execution of the trigger alarms, so a lost trigger is not silent', () => {
    const synth = synthPipeline(SCHEDULED);
    const alarm = synth.resources('aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === `${PREFIX}-trigger-failed`);
    expect(alarm).toMatchObject({
      namespace: 'AWS/States',
      metric_name: 'ExecutionsFailed',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      treat_missing_data: 'notBreaching',
    });
    expect(alarm.dimensions.StateMachineArn).toMatch(/^\$\{aws_sfn_state_machine\.Pipeline_ScheduledRun_Trigger_StateMachine_[0-9A-F]{8}\.arn\}$/);
    expect(notification(alarm.alarm_description).content.title).toBe(`:x: pipeline ${NAME} (dev): its trigger failed`);
  });

  test('Alerts - missedRunPeriods sets the alarm window, 0 turns it off', () => {
    const missedRun = (config: FixtureConfig) =>
      synthPipeline(config).resources('aws_cloudwatch_metric_alarm').filter((a) => a.alarm_name === `${PREFIX}-missed-run`);
    expect(missedRun({ ...SCHEDULED, missedRunPeriods: 5 })[0]).toMatchObject({ period: 3600, evaluation_periods: 5 });
    expect(missedRun({ ...SCHEDULED, missedRunPeriods: 0 })).toHaveLength(0);
  });

  describe('routing', () => {
    /** The SSM parameter a `${data.aws_ssm_parameter.<id>.insecure_value}` reference reads. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const parameterOf = (synth: { json: any }, reference: string): string => {
      const id = /^\$\{data\.aws_ssm_parameter\.([A-Za-z0-9_]+)\.insecure_value\}$/.exec(reference)?.[1];
      if (!id) throw new Error(`${reference} is not a parameter reference`);
      return synth.json.data.aws_ssm_parameter[id].name;
    };

    test.each([
      ['a job', SCHEDULED],
      ['a service', SERVICE],
    ])('Alerts - every alert of %s owned by orders-team goes to orders-team\'s topic, none to the shared one', (_kind, config) => {
      const synth = synthPipeline({ ...config, owner: 'orders-team' });
      const destinations = [
        ...synth.resources('aws_cloudwatch_event_target').filter((t) => t.target_id === 'alerts-topic').map((t) => t.arn as string),
        ...synth.resources('aws_cloudwatch_metric_alarm').flatMap((a) => [...(a.alarm_actions ?? []), ...(a.ok_actions ?? [])] as string[]),
      ];
      expect(destinations.length).toBeGreaterThanOrEqual(config.mode === 'service' ? 2 : 3);
      expect(new Set(destinations.map((arn) => parameterOf(synth, arn)))).toEqual(new Set(['/data-platform/dev/teams/orders-team/alerts-topic-arn']));
      // No resource of the stack refers to the shared topic.
      expect(JSON.stringify(synth.json.resource)).not.toContain('SharedPlatform_AlertsTopicArn');
    });

    test('Alerts - two pipelines of different owners alert different topics', () => {
      const topicOf = (owner: string) => {
        const synth = synthPipeline({ ...SERVICE, owner });
        return parameterOf(synth, synth.resources('aws_cloudwatch_event_target')[0].arn);
      };
      expect(topicOf('orders-team')).toBe('/data-platform/dev/teams/orders-team/alerts-topic-arn');
      expect(topicOf('analytics')).toBe('/data-platform/dev/teams/analytics/alerts-topic-arn');
    });
  });
  test('Alerts - every alarm\'s notification fits CloudWatch\'s 1,024 characters, for the longest name a pipeline may have, and is cut only then', () => {
    let longest = 2;
    while (nameOverLimit(`p${'a'.repeat(longest)}`, 'prod') === undefined) longest += 1;
    const name = `p${'a'.repeat(longest - 1)}`;
    for (const [pipeline, cut] of [[NAME, false], [name, true]] as const) {
      const alarms = synthPipeline({ ...SCHEDULED, retries: 1 }, { name: pipeline, environment: 'prod' }).resources('aws_cloudwatch_metric_alarm');
      expect(alarms.length).toBeGreaterThanOrEqual(3);
      for (const alarm of alarms) {
        const text = String(alarm.alarm_description);
        expect({ alarm: alarm.alarm_name, length: text.length <= 1024 }).toEqual({ alarm: alarm.alarm_name, length: true });
        const { content } = notification(text);
        expect(content.description).toMatch(/\|Dashboard>$/);
        expect(content.keywords).toContain(pipeline);
      }
      const release = alarms.find((a) => String(a.alarm_name).endsWith('-release-failed'))!;
      expect(notification(release.alarm_description).content.description.includes('…')).toBe(cut);
    }
  });
});
