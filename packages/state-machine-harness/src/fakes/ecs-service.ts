import type { TaskCall } from '../asl-interpreter';
import { StateError } from '../error-handling';
import type { VirtualClock } from '../virtual-clock';
import { faultError, type FaultPlan } from './faults';

/** How one task started by `runTask.sync` behaves: how long it runs and how it ends. */
export type TaskBehaviour =
  | { readonly kind: 'exits'; readonly afterMs: number; readonly exitCode: number }
  /** Runs until stopped (the state's TimeoutSeconds, or the execution ending, stops it). */
  | { readonly kind: 'hangs' }
  /** Fargate Spot has no capacity: the task never starts. */
  | { readonly kind: 'no-capacity' };

/** One task the fake started. */
export interface FakeTask {
  readonly arn: string;
  readonly execution: string;
  readonly startedBy: string;
  readonly capacityProvider: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly startMs: number;
  stopMs?: number;
  stopCode?: 'EssentialContainerExited' | 'UserInitiated';
  exitCode?: number;
}

interface RunTaskArguments {
  readonly LaunchType?: string;
  readonly CapacityProviderStrategy?: ReadonlyArray<{ readonly CapacityProvider: string }>;
  readonly StartedBy?: string;
  readonly Overrides?: { readonly ContainerOverrides?: ReadonlyArray<{ readonly Environment?: ReadonlyArray<{ readonly Name: string; readonly Value: string }> }> };
}

/**
 * ECS through `ecs:runTask.sync`: the call returns when the task stops, and fails with
 * `States.TaskFailed` when its essential container exits non-zero or it cannot start. When the
 * state times out or the execution ends, Step Functions stops the task (as the `.sync` pattern
 * documents), which the fake records as `UserInitiated`.
 */
export class FakeEcs {
  readonly tasks: FakeTask[] = [];
  /** Every RunTask call that reached ECS, by execution: a task started, or ECS refused it (a fault, no Spot capacity). */
  readonly tries: Array<{ readonly execution: string; readonly outcome: 'started' | 'throttle' | 'server-error' | 'no-capacity' }> = [];
  /** Decides each task's behaviour; by default every task exits 0 after three minutes. */
  behaviour: (task: FakeTask, attempt: number) => TaskBehaviour = () => ({ kind: 'exits', afterMs: 180_000, exitCode: 0 });

  constructor(
    private readonly clock: VirtualClock,
    private readonly faults: FaultPlan,
  ) {}

  /** Tasks running at a time. */
  runningAt(ms: number): FakeTask[] {
    return this.tasks.filter((t) => t.startMs <= ms && (t.stopMs === undefined || t.stopMs > ms));
  }

  async call(call: TaskCall): Promise<unknown> {
    const args = call.arguments as RunTaskArguments;
    const fault = this.faults.take(call.action, call.execution.machineName, { execution: call.execution.name });
    if (fault === 'throttle' || fault === 'server-error') {
      this.tries.push({ execution: call.execution.name, outcome: fault });
      throw faultError(call.action, fault);
    }
    const environment = Object.fromEntries((args.Overrides?.ContainerOverrides?.[0]?.Environment ?? []).map((e) => [e.Name, e.Value]));
    const task: FakeTask = {
      arn: `arn:aws:ecs:eu-west-1:111111111111:task/cluster/${this.tasks.length + 1}`,
      execution: call.execution.name,
      startedBy: args.StartedBy ?? '',
      capacityProvider: args.CapacityProviderStrategy?.[0]?.CapacityProvider ?? args.LaunchType ?? 'FARGATE',
      environment,
      startMs: this.clock.now(),
    };
    const behaviour = this.behaviour(task, call.retryCount);
    if (behaviour.kind === 'no-capacity') {
      this.tries.push({ execution: call.execution.name, outcome: 'no-capacity' });
      throw new StateError('States.TaskFailed', JSON.stringify({ Failures: [{ Reason: 'Capacity is unavailable at this time. Please try again later or in a different availability zone' }] }));
    }
    this.tasks.push(task);
    this.tries.push({ execution: call.execution.name, outcome: 'started' });
    const stopped = new Promise<'stopped'>((resolve) => call.cancellation.onCancel(() => resolve('stopped')));
    const exited = behaviour.kind === 'exits' ? this.clock.sleep(behaviour.afterMs).then(() => 'exited' as const) : new Promise<never>(() => undefined);
    const how = await Promise.race([stopped, exited]);
    if (task.stopMs === undefined) {
      task.stopMs = this.clock.now();
      if (how === 'stopped') task.stopCode = 'UserInitiated';
      else {
        task.stopCode = 'EssentialContainerExited';
        task.exitCode = behaviour.kind === 'exits' ? behaviour.exitCode : undefined;
      }
    }
    if (how === 'stopped') return {};
    if (task.exitCode !== 0) {
      throw new StateError('States.TaskFailed', JSON.stringify({ StopCode: 'EssentialContainerExited', Containers: [{ ExitCode: task.exitCode }], TaskArn: task.arn }));
    }
    return { Tasks: [{ TaskArn: task.arn, LastStatus: 'STOPPED', StopCode: task.stopCode, Containers: [{ ExitCode: 0 }] }] };
  }
}
