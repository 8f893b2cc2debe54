import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';
import { FRESHNESS_ALARM_SUFFIX, PIPELINE_NAME_PREFIX, platformNames, regionalArn } from '@data-platform/core';
import { Construct } from 'constructs';

export interface RunEventsConfig {
  readonly environment: ResolvedEnvironment;
  /**
   * Days the events are kept (a value CloudWatch Logs accepts).
   * @default 400 - as long as the run ledger keeps a run
   */
  readonly retentionDays?: number;
}

/** The namespace of the metrics the platform derives from the run events. */
export const RUN_METRICS_NAMESPACE = 'DataPlatform/Runs';
/** Runs that gave up waiting for a slot, per pipeline's state machine (a FAILED execution Step Functions does not tell apart). */
export const GAVE_UP_METRIC = 'RunsGaveUp';
/** The run end statuses the log group receives. */
const ENDED = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/**
 * What the environment's dashboard reads that no AWS metric holds, for every pipeline including
 * those deployed later: one log group receiving, through two rules on the default bus, the end
 * status event of every job's run (every standard machine named `dp-*-<env>`) and every state
 * change of a freshness alarm (`dp-*-<env>-missed-run`). A metric filter counts the runs that gave
 * up per state machine (AWS/States counts them among the failed); the dashboard reads the alarms'
 * last states from the log group. Only EventBridge of this account may write to the group (the
 * account's log resource policy, on this group only).
 */
export class RunEvents extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly rules: readonly CloudwatchEventRule[];

  constructor(scope: Construct, id: string, config: RunEventsConfig) {
    super(scope, id);
    const { environment } = config;
    const names = platformNames(environment);
    const env = environment.name;
    const partition = partitionOf(environment.region);

    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', { name: names.runEventsLogGroup, retentionInDays: config.retentionDays ?? 400 });
    const groupArn = regionalArn(environment, 'logs', `log-group:${names.runEventsLogGroup}`);

    const policy = new DataAwsIamPolicyDocument(this, 'DeliveryPolicy', {
      statement: [{
        sid: 'EventBridgeOfThisAccountWritesRunEvents',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['events.amazonaws.com', 'delivery.logs.amazonaws.com'] }],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`${groupArn}:*`],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [environment.accountId] }],
      }],
    });
    const delivery = new CloudwatchLogResourcePolicy(this, 'Delivery', {
      policyName: `${names.runEndedRule}-delivery`,
      policyDocument: policy.json,
    });

    const stateMachines = `arn:${partition}:states:${environment.region}:${environment.accountId}:stateMachine:${PIPELINE_NAME_PREFIX}*-${env}`;
    const patterns = [
      {
        id: 'RunEnded',
        name: names.runEndedRule,
        description: `Keeps the end of every run of every job of data-platform ${env} for its dashboard`,
        pattern: {
          source: ['aws.states'],
          'detail-type': ['Step Functions Execution Status Change'],
          detail: { status: ENDED, stateMachineArn: [{ wildcard: stateMachines }] },
        },
      },
      {
        id: 'Freshness',
        name: names.freshnessRule,
        description: `Keeps the state changes of every job's freshness alarm of data-platform ${env} for its dashboard`,
        pattern: {
          source: ['aws.cloudwatch'],
          'detail-type': ['CloudWatch Alarm State Change'],
          detail: { alarmName: [{ wildcard: `${PIPELINE_NAME_PREFIX}*-${env}${FRESHNESS_ALARM_SUFFIX}` }] },
        },
      },
    ];
    this.rules = patterns.map(({ id: ruleId, name, description, pattern }) => {
      const rule = new CloudwatchEventRule(this, ruleId, { name, description, eventPattern: JSON.stringify(pattern), state: 'ENABLED' });
      new CloudwatchEventTarget(this, `${ruleId}Target`, {
        rule: rule.name,
        targetId: 'run-events',
        arn: groupArn,
        dependsOn: [delivery, this.logGroup],
      });
      return rule;
    });

    new CloudwatchLogMetricFilter(this, 'GaveUp', {
      name: `${names.runEndedRule}-gave-up`,
      logGroupName: this.logGroup.name,
      pattern: '{ $.detail.status = "FAILED" && $.detail.error = "Pipeline.GaveUpWaiting" }',
      metricTransformation: {
        namespace: RUN_METRICS_NAMESPACE,
        name: GAVE_UP_METRIC,
        value: '1',
        unit: 'Count',
        dimensions: { StateMachineArn: '$.detail.stateMachineArn' },
      },
    });
  }
}
