import { CI_PROJECT, FRESHNESS_ALARM_SUFFIX, PIPELINE_NAME_PREFIX } from '@data-platform/core';

/**
 * Every name derived from a pipeline's name, written once. AWS names are prefixed `dp-` and end
 * with the environment, so that two environments can share an account and the deployer role can be
 * scoped to `dp-*` resources.
 */
export interface PipelineNames {
  /** `dp-<name>-<env>`: the ECR repository, task family, service, state machine and schedule. */
  readonly base: string;
  readonly repository: string;
  readonly taskFamily: string;
  readonly service: string;
  readonly stateMachine: string;
  readonly schedule: string;
  readonly logGroup: string;
  readonly executionRole: string;
  readonly taskRole: string;
  readonly stateMachineRole: string;
  readonly schedulerRole: string;
  readonly taskFailedRule: string;
  readonly deploymentFailedRule: string;
  readonly runFailedRule: string;
  readonly missedRunAlarm: string;
  /** The Express state machine that turns schedule, upstream and data events into runs. */
  readonly triggerStateMachine: string;
  readonly triggerRole: string;
  /** The role EventBridge rules use to start the trigger. */
  readonly eventsRole: string;
  /** The DynamoDB table of run locks and upstream successes. */
  readonly runsTable: string;
  readonly afterRule: string;
  readonly onDataRule: string;
  readonly triggerFailedAlarm: string;
  /** The Express state machine that frees the run slot of a run that ended, and its role. */
  readonly slotReleaseStateMachine: string;
  readonly slotReleaseRole: string;
  /** The rule on the main machine's end-of-run status events, and the role it starts the release with. */
  readonly runEndedRule: string;
  readonly runEndedRole: string;
  readonly slotReleaseFailedAlarm: string;
  /** The rule that sends a run's failing warn-only data checks to the owner. */
  readonly checkWarnedRule: string;
  /** The security group of the pipeline's own egress beyond HTTPS (with `egress` only). */
  readonly egressSecurityGroup: string;
  /** The container's name inside the task definition. */
  readonly container: string;
  /** `<name>/`: the pipeline's own prefix of the data lake. */
  readonly lakePrefix: string;
  /** `/data-platform/<env>/pipelines/<name>/`: where a relative secret parameter name is read from. */
  readonly parameterPath: string;
}

export function pipelineNames(pipeline: string, environment: string): PipelineNames {
  const base = `${PIPELINE_NAME_PREFIX}${pipeline}-${environment}`;
  return {
    base,
    repository: base,
    taskFamily: base,
    service: base,
    stateMachine: base,
    schedule: base,
    logGroup: `/data-platform/${environment}/pipelines/${pipeline}`,
    executionRole: `${base}-execution`,
    taskRole: `${base}-task`,
    stateMachineRole: `${base}-states`,
    schedulerRole: `${base}-scheduler`,
    taskFailedRule: `${base}-task-failed`,
    deploymentFailedRule: `${base}-deploy-failed`,
    runFailedRule: `${base}-run-failed`,
    missedRunAlarm: `${base}${FRESHNESS_ALARM_SUFFIX}`,
    triggerStateMachine: `${base}-trigger`,
    triggerRole: `${base}-trigger`,
    eventsRole: `${base}-events`,
    runsTable: `${base}-runs`,
    afterRule: `${base}-after`,
    onDataRule: `${base}-on-data`,
    triggerFailedAlarm: `${base}-trigger-failed`,
    slotReleaseStateMachine: `${base}-release`,
    slotReleaseRole: `${base}-release`,
    runEndedRule: `${base}-run-ended`,
    runEndedRole: `${base}-ended`,
    slotReleaseFailedAlarm: `${base}-release-failed`,
    checkWarnedRule: `${base}-check-warned`,
    egressSecurityGroup: `${base}-egress`,
    container: 'app',
    lakePrefix: `${pipeline}/`,
    parameterPath: `/data-platform/${environment}/pipelines/${pipeline}/`,
  };
}

/** The AWS length limit of each derived name that has one worth checking, with what it names. */
export const NAME_LIMITS: ReadonlyArray<readonly [keyof PipelineNames, string, number]> = [
  ['repository', 'ECR repository name', 256],
  ['taskFamily', 'ECS task definition family', 255],
  ['service', 'ECS service name', 255],
  ['stateMachine', 'Step Functions state machine name', 80],
  ['schedule', 'EventBridge Scheduler schedule name', 64],
  ['logGroup', 'CloudWatch log group name', 512],
  ['executionRole', 'IAM role name', 64],
  ['taskRole', 'IAM role name', 64],
  ['stateMachineRole', 'IAM role name', 64],
  ['schedulerRole', 'IAM role name', 64],
  ['taskFailedRule', 'EventBridge rule name', 64],
  ['deploymentFailedRule', 'EventBridge rule name', 64],
  ['runFailedRule', 'EventBridge rule name', 64],
  ['missedRunAlarm', 'CloudWatch alarm name', 255],
  ['triggerStateMachine', 'Step Functions state machine name', 80],
  ['triggerRole', 'IAM role name', 64],
  ['eventsRole', 'IAM role name', 64],
  ['runsTable', 'DynamoDB table name', 255],
  ['afterRule', 'EventBridge rule name', 64],
  ['onDataRule', 'EventBridge rule name', 64],
  ['triggerFailedAlarm', 'CloudWatch alarm name', 255],
  ['slotReleaseStateMachine', 'Step Functions state machine name', 80],
  ['slotReleaseRole', 'IAM role name', 64],
  ['runEndedRule', 'EventBridge rule name', 64],
  ['runEndedRole', 'IAM role name', 64],
  ['slotReleaseFailedAlarm', 'CloudWatch alarm name', 255],
  ['checkWarnedRule', 'EventBridge rule name', 64],
  ['egressSecurityGroup', 'EC2 security group name', 255],
];

/** Lowercase letters, digits and single hyphens; starts with a letter, ends with a letter or digit. */
export const PIPELINE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Names a pipeline cannot take: they belong to the platform's own stacks (Nx projects are named after folders). */
export const RESERVED_NAMES: readonly string[] = ['shared', 'access', CI_PROJECT];

/**
 * The first derived name that would exceed its limit in this environment, with the longest
 * pipeline name that fits every limit there; undefined when all fit.
 */
export function nameOverLimit(
  pipeline: string,
  environment: string,
): { readonly resource: string; readonly derived: string; readonly limit: number; readonly longestName: number } | undefined {
  const names = pipelineNames(pipeline, environment);
  const over = NAME_LIMITS.find(([key, , limit]) => names[key].length > limit);
  if (!over) return undefined;
  const longestName = Math.min(...NAME_LIMITS.map(([key, , limit]) => limit - (names[key].length - pipeline.length)));
  return { resource: over[1], derived: names[over[0]], limit: over[2], longestName };
}
