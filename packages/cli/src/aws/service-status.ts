import { DescribeServicesCommand, type ECSClient, type Service } from '@aws-sdk/client-ecs';

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
  return statusOf(described.services?.[0], cluster, service, eventCount);
}

/** DescribeServices accepts at most this many services a call. */
const DESCRIBE_SERVICES_MAX = 10;

/**
 * The status of many services of one cluster, ten to a DescribeServices call (its limit), without
 * their events; a service ECS does not know (not deployed, deleted) maps to undefined.
 */
export async function servicesStatus(ecs: ECSClient, cluster: string, services: readonly string[]): Promise<Map<string, ServiceStatus | undefined>> {
  const found = new Map<string, ServiceStatus | undefined>();
  const batches = Array.from({ length: Math.ceil(services.length / DESCRIBE_SERVICES_MAX) }, (_, i) => services.slice(i * DESCRIBE_SERVICES_MAX, (i + 1) * DESCRIBE_SERVICES_MAX));
  await Promise.all(
    batches.map(async (batch) => {
      const described = await ecs.send(new DescribeServicesCommand({ cluster, services: [...batch] }));
      for (const name of batch) found.set(name, statusOf(described.services?.find((s) => s.serviceName === name), cluster, name, 0));
    }),
  );
  return found;
}

function statusOf(found: Service | undefined, cluster: string, service: string, eventCount: number): ServiceStatus | undefined {
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
