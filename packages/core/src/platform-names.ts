import type { ResolvedEnvironment } from '@data-platform/config';

/** Names of the shared resources of one environment, written once for the stack and its examples. */
export function platformNames(environment: ResolvedEnvironment) {
  const { name, accountId } = environment;
  return {
    cluster: `data-platform-${name}`,
    lakeBucket: `data-platform-lake-${name}-${accountId}`,
    alertsTopic: `data-platform-alerts-${name}`,
    plannerRole: `data-platform-planner-${name}`,
    deployerRole: `data-platform-deployer-${name}`,
  } as const;
}
