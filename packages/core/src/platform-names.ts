import type { ResolvedEnvironment } from '@data-platform/config';

/**
 * The start of every pipeline's AWS names (`dp-<pipeline>-<env>` and names derived from it):
 * standard-etl names them so, and the shared stack's deployer role is scoped to exactly these.
 */
export const PIPELINE_NAME_PREFIX = 'dp-';

/** The start of the shared stack's own names (`data-platform-<what>-<env>`). */
export const PLATFORM_NAME_PREFIX = 'data-platform-';

/** Names of the shared resources of one environment, written once for the stack and its examples. */
export function platformNames(environment: ResolvedEnvironment) {
  const { name, accountId } = environment;
  return {
    cluster: `${PLATFORM_NAME_PREFIX}${name}`,
    lakeBucket: `${PLATFORM_NAME_PREFIX}lake-${name}-${accountId}`,
    alertsTopic: `${PLATFORM_NAME_PREFIX}alerts-${name}`,
    plannerRole: `${PLATFORM_NAME_PREFIX}planner-${name}`,
    deployerRole: `${PLATFORM_NAME_PREFIX}deployer-${name}`,
    /** Glue names are lowercase with underscores: Athena reads a "-" only between backquotes. */
    glueDatabase: `${PLATFORM_NAME_PREFIX.replace(/-/g, '_')}${name}`,
    athenaWorkgroup: `${PLATFORM_NAME_PREFIX}${name}`,
    queryResultsBucket: `${PLATFORM_NAME_PREFIX}query-results-${name}-${accountId}`,
  } as const;
}
