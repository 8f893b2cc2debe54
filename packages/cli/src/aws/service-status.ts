import { DescribeServicesCommand, type ECSClient } from '@aws-sdk/client-ecs';

/** What an always-on pipeline's ECS service is doing now. */
export interface ServiceStatus {
  readonly service: string;
  readonly cluster: string;
  readonly status: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  /** The PRIMARY deployment's task definition (family:revision) and rollout state (IN_PROGRESS, COMPLETED, FAILED). */
  readonly rollout?: { readonly taskDefinition: string; readonly state: string; readonly reason?: string };
  /** The latest service events, newest first: `[ISO time, message]`. */
  readonly events: ReadonlyArray<{ readonly at: string; readonly message: string }>;
}

/** DescribeServices of one service; undefined when ECS does not know it (not deployed, or deleted). */
export async function serviceStatus(ecs: ECSClient, cluster: string, service: string, eventCount: number): Promise<ServiceStatus | undefined> {
  const described = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
  const found = described.services?.[0];
  if (!found || found.status === 'INACTIVE') return undefined;
  const primary = found.deployments?.find((d) => d.status === 'PRIMARY');
  const taskDefinition = primary?.taskDefinition ?? found.taskDefinition;
  return {
    service,
    cluster,
    status: found.status ?? 'UNKNOWN',
    desiredCount: found.desiredCount ?? 0,
    runningCount: found.runningCount ?? 0,
    pendingCount: found.pendingCount ?? 0,
    ...(primary && taskDefinition
      ? {
          rollout: {
            taskDefinition: taskDefinition.slice(taskDefinition.lastIndexOf('/') + 1),
            state: primary.rolloutState ?? 'UNKNOWN',
            ...(primary.rolloutStateReason ? { reason: primary.rolloutStateReason } : {}),
          },
        }
      : {}),
    events: [...(found.events ?? [])]
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))
      .slice(0, eventCount)
      .map((e) => ({ at: e.createdAt?.toISOString() ?? '', message: e.message ?? '' })),
  };
}
