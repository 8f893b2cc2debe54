import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { partitionOf } from '@data-platform/config';
import {
  consoleUrl,
  customNotification,
  dashboardConsoleUrl,
  executionConsoleUrl,
  logsConsoleUrl,
  platformNames,
  stateMachineConsoleUrl,
  type AlertMessage,
  type SharedPlatform,
} from '@data-platform/core';
import { Construct } from 'constructs';
import { freshnessPromise } from './freshness';
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

/** The console links alerts carry, kept here under their earlier names. */
export { consoleUrl };

/** A link to the pipeline's log group in the CloudWatch console. */
export function logsUrl(region: string, logGroup: string): string {
  return logsConsoleUrl(region, logGroup);
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
/** CloudWatch's limit on an alarm's description, which carries the notification. */
export const ALARM_DESCRIPTION_LIMIT = 1024;

/**
 * An alarm's notification, within CloudWatch's 1,024 characters whatever the pipeline's name: when
 * the whole text does not fit, the prose before the links is cut at a word (and ends with "…"); the
 * title, the links, the next steps and the keywords are kept.
 */
function alarmText(message: AlertMessage): string {
  const text = (description: string) => JSON.stringify(customNotification({ ...message, description }));
  const full = text(message.description);
  if (full.length <= ALARM_DESCRIPTION_LIMIT) return full;
  const at = message.description.indexOf(' <https://');
  const prose = at < 0 ? message.description : message.description.slice(0, at);
  const links = at < 0 ? '' : message.description.slice(at);
  const words = prose.split(' ');
  while (words.length > 1) {
    words.pop();
    const shorter = text(`${words.join(' ')}…${links}`);
    if (shorter.length <= ALARM_DESCRIPTION_LIMIT) return shorter;
  }
  throw new Error(`alarm "${message.title}": its title, links, next steps and keywords alone exceed CloudWatch's ${ALARM_DESCRIPTION_LIMIT} characters`);
}

/** An alarm on any failed execution of a machine, in 5 minutes, to the owner's topic; quiet without executions. */
function anyExecutionFailed(stateMachineArn: string) {
  return {
    namespace: 'AWS/States',
    metricName: 'ExecutionsFailed',
    dimensions: { StateMachineArn: stateMachineArn },
    statistic: 'Sum',
    period: 300,
    evaluationPeriods: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    threshold: 1,
    treatMissingData: 'notBreaching',
  } as const;
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
    // Every alert links to the pipeline's logs and to the environment's dashboard (the whole fleet).
    const dashboard = `<${dashboardConsoleUrl(region, platformNames(environment).dashboard)}|Dashboard>`;
    const logs = `<${logsUrl(region, names.logGroup)}|Logs> ${dashboard}`;
    const keywords = [pipeline.name, environment.name, pipeline.owner];
    // Machines named by their literal ARNs (known from their names), so that a notification's length is
    // its length in AWS: a Terraform reference would stand for an ARN of unknown length.
    const machineLink = (name: string, label: string) =>
      `<${stateMachineConsoleUrl(region, `arn:${partitionOf(region)}:states:${region}:${accountId}:stateMachine:${name}`)}|${label}>`;
    const executionLink = (arn: string) => `<${executionConsoleUrl(region, arn)}|Run>`;

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
    const runsLink = machineLink(names.stateMachine, 'Runs');
    const waitsFor = orchestration.after.length
      ? ` It runs after ${orchestration.after.join(', ')}: a failed or late upstream run starts nothing, so look at them first.`
      : '';
    const freshness = freshnessPromise(pipeline);
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
        period: freshness.periodSeconds,
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
          `${machineLink(names.triggerStateMachine, 'Trigger')} ${logs}`,
        nextSteps: [`Run the missing interval: npx nx run ${pipeline.name}:run -c ${environment.name} -- --from <start> --to <end>`],
        keywords: [...keywords, 'trigger'],
      }),
      ...anyExecutionFailed(config.triggerStateMachineArn!),
      alarmActions: [config.topicArn],
    });
    new CloudwatchMetricAlarm(this, 'SlotReleaseFailed', {
      alarmName: names.slotReleaseFailedAlarm,
      alarmDescription: alarmText({
        title: `:lock: ${who}: a run that ended could not be finished`,
        description:
          `A run of ${who} ended and its run-ended machine failed: the run's slot stays held until it expires (the next runs wait, ` +
          `may give up), or its end is missing from the run ledger (LOST in \`status\`). The failed execution's cause says which. ` +
          `${machineLink(names.slotReleaseStateMachine, 'Run-ended machine')} ${dashboard}`,
        nextSteps: [`See the runs: npx nx run ${pipeline.name}:status -c ${environment.name}`],
        keywords: [...keywords, 'slot', 'ledger'],
      }),
      ...anyExecutionFailed(config.slotReleaseStateMachineArn!),
      alarmActions: [config.topicArn],
    });
  }
}
