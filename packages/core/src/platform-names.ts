import { partitionOf, type ResolvedEnvironment } from '@data-platform/config';

/**
 * The start of every pipeline's AWS names (`dp-<pipeline>-<env>` and names derived from it):
 * standard-etl names them so, and the shared stack's deployer role is scoped to exactly these.
 */
export const PIPELINE_NAME_PREFIX = 'dp-';

/**
 * How every job's freshness alarm ends (`dp-<pipeline>-<env>-missed-run`): the environment's
 * dashboard finds them all by it, pipelines deployed later included.
 */
export const FRESHNESS_ALARM_SUFFIX = '-missed-run';

/**
 * The events a job's data checks send when a warning-only check fails: their detail-type, and the
 * source of one pipeline stack's (`data-platform.checks.<pipeline>-<env>`), which `events:source`
 * pins in the role that sends them and in the boundary of every role.
 */
export const CHECK_WARNING_DETAIL_TYPE = 'Data Check Warning';
export const CHECK_WARNING_SOURCE_PREFIX = 'data-platform.checks.';
export function checkWarningSource(stack: string): string {
  return `${CHECK_WARNING_SOURCE_PREFIX}${stack}`;
}

/** The start of the shared stack's own names (`data-platform-<what>-<env>`). */
export const PLATFORM_NAME_PREFIX = 'data-platform-';

/**
 * The project of the stack folder that holds what an administrator applies once per account and
 * environment (`stacks/ci`: the CI roles, the GitHub OIDC provider, the permissions boundary). The
 * deploy workflow never deploys it: its deployer role may not change those.
 */
export const CI_PROJECT = 'ci';

/**
 * The tags every resource of the platform carries (the AWS provider's default tags), whose keys the
 * deployer's tag conditions name: a resource is the platform's when it carries both, with these
 * values (`environment` is the environment's name). `project` names the stack's project (`shared`,
 * a pipeline's name): ECS tasks carry it from their task definition or service.
 */
export const PLATFORM_TAG_KEYS = { managedBy: 'managed-by', environment: 'environment', project: 'project' } as const;
/** The value of the `managed-by` tag on every resource of the platform. */
export const MANAGED_BY = 'data-platform';

/**
 * The session tag that carries the reason of a break-glass session: the shared stack's break-glass
 * role requires it, `--break-glass` sets it, CloudTrail's AssumeRole event shows it.
 */
export const BREAK_GLASS_REASON_TAG = 'break-glass-reason';

/** The run ledger's table of an environment (the shared stack's; every job's machines write it). */
export function runLedgerTableName(environment: string): string {
  return `${PLATFORM_NAME_PREFIX}runs-${environment}`;
}

/** Names of the shared resources of one environment, written once for the stack and its examples. */
export function platformNames(environment: ResolvedEnvironment) {
  const { name, accountId } = environment;
  return {
    cluster: `${PLATFORM_NAME_PREFIX}${name}`,
    lakeBucket: `${PLATFORM_NAME_PREFIX}lake-${name}-${accountId}`,
    alertsTopic: `${PLATFORM_NAME_PREFIX}alerts-${name}`,
    plannerRole: `${PLATFORM_NAME_PREFIX}planner-${name}`,
    /**
     * The managed policy every role the platform creates carries as its permissions boundary: the
     * most any of them can ever do, whatever its own policies say. The CI stack creates it.
     */
    permissionsBoundary: `${PLATFORM_NAME_PREFIX}boundary-${name}`,
    deployerRole: `${PLATFORM_NAME_PREFIX}deployer-${name}`,
    /** Assumed by `--break-glass` in a protected environment; the shared stack creates it there only. */
    breakGlassRole: `${PLATFORM_NAME_PREFIX}break-glass-${name}`,
    /** AWS Chatbot's Slack channel configuration of the alerts, and the role it runs with. */
    slackChannel: `${PLATFORM_NAME_PREFIX}alerts-${name}`,
    slackChannelRole: `${PLATFORM_NAME_PREFIX}chatbot-${name}`,
    /** Glue names are lowercase with underscores: Athena reads a "-" only between backquotes. */
    glueDatabase: `${PLATFORM_NAME_PREFIX.replace(/-/g, '_')}${name}`,
    athenaWorkgroup: `${PLATFORM_NAME_PREFIX}${name}`,
    queryResultsBucket: `${PLATFORM_NAME_PREFIX}query-results-${name}-${accountId}`,
    /** The run ledger: every job's runs, recorded by the runs themselves (see run-ledger.ts). */
    runLedgerTable: runLedgerTableName(name),
    /** The environment's CloudWatch dashboard, which alerts link to. */
    dashboard: `${PLATFORM_NAME_PREFIX}${name}`,
    /** Where the runs' end events and the freshness alarms' state changes are kept for the dashboard. */
    runEventsLogGroup: `/data-platform/${name}/run-events`,
    /** The rules that send them there. */
    runEndedRule: `${PLATFORM_NAME_PREFIX}run-ended-${name}`,
    freshnessRule: `${PLATFORM_NAME_PREFIX}freshness-${name}`,
  } as const;
}

/** The ARN of the environment's permissions boundary (`data-platform-boundary-<env>`), known at synth. */
export function permissionsBoundaryArn(environment: ResolvedEnvironment): string {
  return `arn:${partitionOf(environment.region)}:iam::${environment.accountId}:policy/${platformNames(environment).permissionsBoundary}`;
}

/** The ARN of a role of the environment's account, by name. */
export function roleArn(environment: ResolvedEnvironment, name: string): string {
  return `arn:${partitionOf(environment.region)}:iam::${environment.accountId}:role/${name}`;
}

/**
 * The roles an administrator creates (the CI stack): the deployer, the planner and the break-glass
 * role. No role the platform deploys may change them, and the deployer has no IAM action on them.
 */
export function ciRoleNames(environment: ResolvedEnvironment): readonly string[] {
  const names = platformNames(environment);
  return [names.deployerRole, names.plannerRole, names.breakGlassRole];
}

/**
 * Names of one team's alerting in one environment (the access stack creates them for a team with an
 * alert destination there): beside the shared topic's `data-platform-alerts-<env>`, environment
 * names having no hyphen, so that no team's name can meet another environment's.
 */
export function teamNames(environment: ResolvedEnvironment, team: string) {
  const { name } = environment;
  return {
    alertsTopic: `${PLATFORM_NAME_PREFIX}alerts-${team}-${name}`,
    slackChannel: `${PLATFORM_NAME_PREFIX}alerts-${team}-${name}`,
    slackChannelRole: `${PLATFORM_NAME_PREFIX}chatbot-${team}-${name}`,
  } as const;
}
