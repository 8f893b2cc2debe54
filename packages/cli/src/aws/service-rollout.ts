import { DescribeServicesCommand, type Deployment, type ECSClient } from '@aws-sdk/client-ecs';
import type { Reporter } from '../commands/reporter';
import { commandErrors } from '../errors';
import { formatDuration, type Polling } from './polling';

/** The service a deploy updated, and the task definition it must end up running. */
export interface RolloutTarget {
  readonly stack: string;
  readonly cluster: string;
  readonly service: string;
  /** The task definition ARN terraform just applied. */
  readonly taskDefinition: string;
  /** Service events from this time on are printed (the start of the apply). */
  readonly since: Date;
}

/** How the rollout ended. */
export interface RolloutResult {
  readonly taskDefinition: string;
  readonly runningCount: number;
  readonly elapsedMs: number;
}

function sameTaskDefinition(a: string | undefined, b: string): boolean {
  const familyRevision = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
  return a !== undefined && (a === b || familyRevision(a) === familyRevision(b));
}

/**
 * Waits for the service's rollout to end, with DescribeServices: done when the PRIMARY deployment
 * runs the new task definition with `rolloutState` COMPLETED. terraform apply reports success even
 * when the deployment circuit breaker later rolls the service back; this is where that is caught.
 */
export async function waitForRollout(ecs: ECSClient, target: RolloutTarget, polling: Polling, report: Reporter): Promise<RolloutResult> {
  const started = polling.now();
  const seenEvents = new Set<string>();
  let lastState = '';
  for (;;) {
    const result = await ecs.send(new DescribeServicesCommand({ cluster: target.cluster, services: [target.service] }));
    const service = result.services?.[0];
    if (!service) {
      const failure = result.failures?.[0];
      throw commandErrors.serviceMissing(target.stack, target.service, target.cluster, failure ? `${failure.reason ?? ''} ${failure.detail ?? ''}`.trim() : 'no such service');
    }
    const events = (service.events ?? [])
      .filter((e) => e.id && !seenEvents.has(e.id) && e.createdAt && e.createdAt >= target.since)
      .reverse();
    for (const event of events) {
      seenEvents.add(event.id!);
      report.step(`${target.service}: ${event.message ?? ''}`);
    }

    const deployments = service.deployments ?? [];
    const primary = deployments.find((d) => d.status === 'PRIMARY');
    const elapsed = polling.now() - started;
    const state = describe(primary);
    if (state !== lastState) {
      report.step(`${target.service}: rollout ${state} (${formatDuration(elapsed)})`);
      lastState = state;
    }

    if (!sameTaskDefinition(primary?.taskDefinition, target.taskDefinition)) {
      const ours = deployments.find((d) => sameTaskDefinition(d.taskDefinition, target.taskDefinition));
      const reason = ours?.rolloutStateReason ?? service.events?.[0]?.message ?? 'the new deployment is gone';
      throw commandErrors.rolledBack(target.stack, target.service, target.taskDefinition, primary?.taskDefinition ?? 'nothing', reason);
    }
    if (primary!.rolloutState === 'COMPLETED') {
      return { taskDefinition: target.taskDefinition, runningCount: primary!.runningCount ?? 0, elapsedMs: elapsed };
    }
    if (primary!.rolloutState === 'FAILED') {
      throw commandErrors.rolloutFailed(target.stack, target.service, target.taskDefinition, primary!.rolloutStateReason ?? 'no reason given');
    }
    if (elapsed >= polling.rolloutTimeoutMs) {
      throw commandErrors.rolloutTimeout(target.stack, target.service, Math.round(polling.rolloutTimeoutMs / 60_000), state);
    }
    await polling.sleep(polling.intervalMs);
  }
}

function describe(deployment: Deployment | undefined): string {
  if (!deployment) return 'no PRIMARY deployment';
  const revision = deployment.taskDefinition?.slice(deployment.taskDefinition.lastIndexOf('/') + 1) ?? '?';
  return `${deployment.rolloutState ?? 'UNKNOWN'} on ${revision}: ${deployment.runningCount ?? 0}/${deployment.desiredCount ?? 0} running` +
    (deployment.failedTasks ? `, ${deployment.failedTasks} failed` : '');
}
