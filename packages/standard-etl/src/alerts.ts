import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { partitionOf } from '@data-platform/config';
import type { SharedPlatform } from '@data-platform/core';
import { Construct } from 'constructs';
import type { ResolvedPipeline } from './resolve-config';

export interface AlertsConfig {
  /** The pipeline, resolved for this environment. */
  readonly pipeline: ResolvedPipeline;
  /** The shared platform: the cluster watched and the alerts topic. */
  readonly platform: SharedPlatform;
  /**
   * The state machine of a scheduled pipeline: its failed runs and missed runs are watched.
   * @default - none: service mode, whose tasks and deployments are watched instead
   */
  readonly stateMachineArn?: string;
}

/** The AWS console of a region, whatever its partition. */
export function consoleUrl(region: string): string {
  const partition = partitionOf(region);
  if (partition === 'aws-cn') return `https://${region}.console.amazonaws.cn`;
  if (partition === 'aws-us-gov') return `https://console.amazonaws-us-gov.com`;
  return `https://${region}.console.aws.amazon.com`;
}

/** A link to the pipeline's log group in the CloudWatch console. */
export function logsUrl(region: string, logGroup: string): string {
  return `${consoleUrl(region)}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${logGroup.replace(/\//g, '$252F')}`;
}

interface RuleSpec {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly pattern: Record<string, unknown>;
  readonly inputPaths: Record<string, string>;
  /** The message, with `<path>` placeholders filled from the event. */
  readonly message: string;
}

/**
 * Failure alerting to the shared topic. Every message names the pipeline, the environment, what
 * happened and where the logs are.
 * - Service mode: a task that stops with a non-zero exit or fails to start; a deployment that
 *   fails (the circuit breaker then rolls it back).
 * - Schedule mode: a run that fails, times out or is aborted, after its retries (a failed attempt
 *   that a retry cures does not page anyone); and a missed-run alarm when no run has succeeded for
 *   missedRunPeriods periods of the schedule.
 */
export class Alerts extends Construct {
  constructor(scope: Construct, id: string, config: AlertsConfig) {
    super(scope, id);
    const { pipeline, platform } = config;
    const { names, environment } = pipeline;
    const { region, accountId } = environment;
    const who = `[data-platform] pipeline ${pipeline.name} (${environment.name})`;
    const logs = `Logs: ${logsUrl(region, names.logGroup)}`;

    const rules: RuleSpec[] = [];
    if (pipeline.mode === 'service') {
      rules.push(
        {
          id: 'TaskFailed',
          name: names.taskFailedRule,
          description: `A task of pipeline ${pipeline.name} (${environment.name}) stopped with a non-zero exit or failed to start`,
          pattern: {
            source: ['aws.ecs'],
            'detail-type': ['ECS Task State Change'],
            detail: {
              clusterArn: [platform.clusterArn],
              group: [`service:${names.service}`],
              lastStatus: ['STOPPED'],
              $or: [{ stopCode: ['TaskFailedToStart'] }, { containers: { exitCode: [{ 'anything-but': 0 }] } }],
            },
          },
          inputPaths: { task: '$.detail.taskArn', exitCode: '$.detail.containers[0].exitCode', stopCode: '$.detail.stopCode', reason: '$.detail.stoppedReason' },
          message: `${who}: a task stopped with exit code <exitCode> (<stopCode>: <reason>); ECS starts a new one. Task: <task>. ${logs}`,
        },
        {
          id: 'DeploymentFailed',
          name: names.deploymentFailedRule,
          description: `A deployment of pipeline ${pipeline.name} (${environment.name}) failed and was rolled back`,
          pattern: {
            source: ['aws.ecs'],
            'detail-type': ['ECS Deployment State Change'],
            resources: [`arn:${partitionOf(region)}:ecs:${region}:${accountId}:service/${platform.clusterName}/${names.service}`],
            detail: { eventName: ['SERVICE_DEPLOYMENT_FAILED'] },
          },
          inputPaths: { deployment: '$.detail.deploymentId', reason: '$.detail.reason' },
          message: `${who}: deployment <deployment> failed and the circuit breaker rolled the service back to the previous revision (<reason>). ${logs}`,
        },
      );
    } else {
      rules.push({
        id: 'RunFailed',
        name: names.runFailedRule,
        description: `A scheduled run of pipeline ${pipeline.name} (${environment.name}) failed, timed out or was aborted`,
        pattern: {
          source: ['aws.states'],
          'detail-type': ['Step Functions Execution Status Change'],
          detail: { stateMachineArn: [config.stateMachineArn], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
        },
        inputPaths: { status: '$.detail.status', execution: '$.detail.executionArn' },
        message:
          `${who}: a scheduled run ended <status> (up to ${pipeline.retries + 1} attempts, ` +
          `each stopped after ${pipeline.maxRuntimeMinutes} minutes). ` +
          `Run: ${consoleUrl(region)}/states/home?region=${region}#/v2/executions/details/<execution> ${logs}`,
      });
    }

    for (const rule of rules) {
      const eventRule = new CloudwatchEventRule(this, rule.id, {
        name: rule.name,
        description: rule.description,
        eventPattern: JSON.stringify(rule.pattern),
        state: 'ENABLED',
      });
      new CloudwatchEventTarget(this, `${rule.id}Target`, {
        rule: eventRule.name,
        targetId: 'alerts-topic',
        arn: platform.alertsTopicArn,
        inputTransformer: { inputPaths: rule.inputPaths, inputTemplate: JSON.stringify(rule.message) },
      });
    }

    if (pipeline.mode === 'job' && pipeline.missedRunPeriods > 0) {
      const period = Math.ceil(pipeline.schedule!.longestGapSeconds / 60) * 60;
      new CloudwatchMetricAlarm(this, 'MissedRun', {
        alarmName: names.missedRunAlarm,
        alarmDescription:
          `${who}: no scheduled run has succeeded for ${pipeline.missedRunPeriods} periods of ${period / 60} minutes ` +
          `(schedule ${pipeline.schedule!.expression} ${pipeline.schedule!.timezone}). Runs: ${consoleUrl(region)}/states/home?region=${region}` +
          `#/statemachines/view/${config.stateMachineArn} ${logs}`,
        namespace: 'AWS/States',
        metricName: 'ExecutionsSucceeded',
        dimensions: { StateMachineArn: config.stateMachineArn! },
        statistic: 'Sum',
        period,
        evaluationPeriods: pipeline.missedRunPeriods,
        datapointsToAlarm: pipeline.missedRunPeriods,
        comparisonOperator: 'LessThanThreshold',
        threshold: 1,
        // No datapoint at all is what a missed run looks like.
        treatMissingData: 'breaching',
        alarmActions: [platform.alertsTopicArn],
        okActions: [platform.alertsTopicArn],
      });
    }
  }
}
