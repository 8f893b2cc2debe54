import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { partitionOf } from '@data-platform/config';
import { customNotification, type AlertMessage, type SharedPlatform } from '@data-platform/core';
import { Construct } from 'constructs';
import { CHECK_WARNING_DETAIL_TYPE, checkWarningSource } from './check-states';
import type { ResolvedPipeline } from './resolve-config';

export interface AlertsConfig {
  /** The pipeline, resolved for this environment. */
  readonly pipeline: ResolvedPipeline;
  /** The shared platform: the cluster watched. */
  readonly platform: SharedPlatform;
  /**
   * The topic every alert goes to: the owner team's (its contract parameter, which names the shared
   * topic when the team has no destination).
   */
  readonly topicArn: string;
  /**
   * The state machine of a scheduled pipeline: its failed runs and missed runs are watched.
   * @default - none: service mode, whose tasks and deployments are watched instead
   */
  readonly stateMachineArn?: string;
  /**
   * The trigger state machine of a job: its failed executions (a lost trigger) are watched.
   * @default - none: service mode
   */
  readonly triggerStateMachineArn?: string;
  /**
   * The slot release machine of a job: its failed executions (a slot left to its expiry) are watched.
   * @default - none: service mode
   */
  readonly slotReleaseStateMachineArn?: string;
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
  /** The message, with `<path>` placeholders inside its strings, filled from the event. */
  readonly message: AlertMessage;
}

/** An alarm's description: the custom notification, as the alarm's SNS message carries it. */
function alarmText(message: AlertMessage): string {
  return JSON.stringify(customNotification(message));
}

/**
 * Failure alerting to the owner team's topic (the shared one when the team has no destination).
 * Every message names the pipeline, its owner, the environment, what happened and where the logs are.
 * - Service mode: a task that stops with a non-zero exit or fails to start; a deployment that
 *   fails (the circuit breaker then rolls it back).
 * - Job mode: a run that fails (after its retries: a failed attempt that a retry cures does not
 *   page anyone), gives up waiting for the running one, times out or is aborted, named by its run
 *   name (kind and data interval); a freshness alarm when no run has succeeded for
 *   freshWithinHours (or missedRunPeriods periods of the schedule); an alarm on failed executions
 *   of the trigger, so that a lost trigger is not silent.
 *
 * Every message is AWS Chatbot's custom notification (`customNotification`), the only shape Slack receives.
 */
export class Alerts extends Construct {
  constructor(scope: Construct, id: string, config: AlertsConfig) {
    super(scope, id);
    const { pipeline, platform } = config;
    const { names, environment } = pipeline;
    const { region, accountId } = environment;
    const who = `pipeline ${pipeline.name} (${environment.name})`;
    const logs = `<${logsUrl(region, names.logGroup)}|Logs>`;
    const keywords = [pipeline.name, environment.name, pipeline.owner];
    const executionLink = (arn: string) => `<${consoleUrl(region)}/states/home?region=${region}#/v2/executions/details/${arn}|Run>`;

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
          message: {
            title: `:warning: ${who}: a task stopped`,
            description: `A task stopped with exit code <exitCode> (<stopCode>: <reason>); ECS starts a new one. Task: <task>. ${logs}`,
            keywords: [...keywords, 'service'],
          },
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
          message: {
            title: `:x: ${who}: deployment failed`,
            description: `Deployment <deployment> failed and the circuit breaker rolled the service back to the previous revision (<reason>). ${logs}`,
            nextSteps: ['Read the logs of the new revision, fix, deploy again.'],
            keywords: [...keywords, 'service'],
          },
        },
      );
    } else {
      rules.push({
        id: 'RunFailed',
        name: names.runFailedRule,
        description: `A run of pipeline ${pipeline.name} (${environment.name}) failed, timed out or was aborted`,
        pattern: {
          source: ['aws.states'],
          'detail-type': ['Step Functions Execution Status Change'],
          detail: { stateMachineArn: [config.stateMachineArn], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
        },
        // The run name holds its kind and data interval (`<kind>-<start>-<end>`); the Fail state's cause says what happened.
        inputPaths: { status: '$.detail.status', execution: '$.detail.executionArn', run: '$.detail.name', error: '$.detail.error', cause: '$.detail.cause' },
        message: {
          title: `:x: ${who}: run <run> ended <status>`,
          description:
            `Run <run> (kind, then data interval start and end, UTC) ended <status>: <error>. <cause> ` +
            `Each attempt is stopped after ${pipeline.maxRuntimeMinutes} minutes; up to ${pipeline.retries + 1} attempts. ` +
            `${executionLink('<execution>')} ${logs}`,
          nextSteps: [`Rerun the interval: npx nx run ${pipeline.name}:run -c ${environment.name} -- --from <start> --to <end>`],
          keywords: [...keywords, '<status>'],
        },
      });
      if (pipeline.datasets.some((dataset) => dataset.checks.length > 0)) {
        rules.push({
          id: 'CheckWarned',
          name: names.checkWarnedRule,
          description: `A run of pipeline ${pipeline.name} (${environment.name}) succeeded with data checks that warn only failing`,
          // The run's own warning event: its state machine may send only this source (events:source).
          pattern: { source: [checkWarningSource(`${pipeline.name}-${environment.name}`)], 'detail-type': [CHECK_WARNING_DETAIL_TYPE] },
          inputPaths: { run: '$.detail.run', execution: '$.detail.execution', message: '$.detail.message' },
          message: {
            title: `:warning: ${who}: data checks warned on run <run>`,
            description:
              `Run <run> (kind, then data interval start and end, UTC) succeeded and its downstreams start, but checks that warn only failed: <message>. ` +
              `${executionLink('<execution>')} ${logs}`,
            nextSteps: [`See every check of the last runs: npx nx run ${pipeline.name}:status -c ${environment.name}`],
            keywords: [...keywords, 'check-warning'],
          },
        });
      }
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
        arn: config.topicArn,
        inputTransformer: { inputPaths: rule.inputPaths, inputTemplate: JSON.stringify(customNotification(rule.message)) },
      });
    }

    if (pipeline.mode !== 'job') return;
    const { orchestration } = pipeline;
    const runsLink = `<${consoleUrl(region)}/states/home?region=${region}#/statemachines/view/${config.stateMachineArn}|Runs>`;
    const waitsFor = orchestration.after.length
      ? ` It runs after ${orchestration.after.join(', ')}: a failed or late upstream run starts nothing, so look at them first.`
      : '';
    const freshness = orchestration.freshWithinHours !== undefined
      ? { period: 3_600, periods: orchestration.freshWithinHours, what: `${orchestration.freshWithinHours} hour(s)` }
      : pipeline.missedRunPeriods > 0
        ? (() => {
            const period = Math.ceil(pipeline.schedule!.longestGapSeconds / 60) * 60;
            return {
              period,
              periods: pipeline.missedRunPeriods,
              what: `${pipeline.missedRunPeriods} periods of ${period / 60} minutes (schedule ${pipeline.schedule!.expression} ${pipeline.schedule!.timezone})`,
            };
          })()
        : undefined;
    if (freshness) {
      new CloudwatchMetricAlarm(this, 'MissedRun', {
        alarmName: names.missedRunAlarm,
        alarmDescription: alarmText({
          title: `:hourglass: ${who}: no run has succeeded for ${freshness.what}`,
          description: `No run of ${who} has succeeded for ${freshness.what}.${waitsFor} ${runsLink} ${logs}`,
          keywords: [...keywords, 'freshness'],
        }),
        namespace: 'AWS/States',
        metricName: 'ExecutionsSucceeded',
        dimensions: { StateMachineArn: config.stateMachineArn! },
        statistic: 'Sum',
        period: freshness.period,
        evaluationPeriods: freshness.periods,
        datapointsToAlarm: freshness.periods,
        comparisonOperator: 'LessThanThreshold',
        threshold: 1,
        // No datapoint at all is what a missed run looks like.
        treatMissingData: 'breaching',
        alarmActions: [config.topicArn],
        okActions: [config.topicArn],
      });
    }
    new CloudwatchMetricAlarm(this, 'TriggerFailed', {
      alarmName: names.triggerFailedAlarm,
      alarmDescription: alarmText({
        title: `:x: ${who}: its trigger failed`,
        description:
          `The trigger of ${who} failed to turn an event (schedule, upstream success or object created) into a run, so a run may be missing. ` +
          `<${consoleUrl(region)}/states/home?region=${region}#/statemachines/view/${config.triggerStateMachineArn}|Trigger> ${logs}`,
        nextSteps: [`Run the missing interval: npx nx run ${pipeline.name}:run -c ${environment.name} -- --from <start> --to <end>`],
        keywords: [...keywords, 'trigger'],
      }),
      namespace: 'AWS/States',
      metricName: 'ExecutionsFailed',
      dimensions: { StateMachineArn: config.triggerStateMachineArn! },
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      treatMissingData: 'notBreaching',
      alarmActions: [config.topicArn],
    });
    new CloudwatchMetricAlarm(this, 'SlotReleaseFailed', {
      alarmName: names.slotReleaseFailedAlarm,
      alarmDescription: alarmText({
        title: `:lock: ${who}: a run slot could not be freed`,
        description:
          `A run of ${who} ended, and freeing its run slot failed past its retries (DynamoDB). The slot frees itself when it expires ` +
          `(at most the run's execution timeout after the run started); until then the next runs of ${pipeline.name} wait, and may give up. ` +
          `<${consoleUrl(region)}/states/home?region=${region}#/statemachines/view/${config.slotReleaseStateMachineArn}|Slot release> ${logs}`,
        nextSteps: [`See which run holds it: npx nx run ${pipeline.name}:status -c ${environment.name}`],
        keywords: [...keywords, 'slot'],
      }),
      namespace: 'AWS/States',
      metricName: 'ExecutionsFailed',
      dimensions: { StateMachineArn: config.slotReleaseStateMachineArn! },
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      treatMissingData: 'notBreaching',
      alarmActions: [config.topicArn],
    });
  }
}
