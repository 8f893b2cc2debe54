import type { Block, StackView } from './stack-view';
import { asObjects } from './values';

/** The container definitions of a task definition, or why they cannot be read at synth. */
export type ContainersRead =
  | { readonly ok: true; readonly containers: readonly Record<string, unknown>[] }
  | { readonly ok: false; readonly reason: string };

/** Reads `container_definitions` (a JSON string or a jsonencode expression) as a list of containers. */
export function containerDefinitions(taskDefinition: Block, stack: StackView): ContainersRead {
  const read = stack.readJson(taskDefinition.config.container_definitions, `${taskDefinition.address}.container_definitions`);
  if (!read.ok) return read;
  if (!Array.isArray(read.value)) return { ok: false, reason: `${read.origin} is not a list of containers` };
  return { ok: true, containers: asObjects(read.value) };
}

/** A container's name, for messages. */
export function containerName(container: Record<string, unknown>): string {
  return typeof container.name === 'string' ? `container "${container.name}"` : 'a container';
}

/** One state of a Step Functions definition, with the path to it. */
export interface StateEntry {
  readonly name: string;
  readonly state: Record<string, unknown>;
}

/** Every state of an Amazon States Language definition, including those inside Parallel branches and Map processors. */
export function allStates(definition: unknown): StateEntry[] {
  const found: StateEntry[] = [];
  const visit = (machine: unknown) => {
    const states = (machine as { States?: unknown } | null)?.States;
    if (typeof states !== 'object' || states === null) return;
    for (const [name, state] of Object.entries(states as Record<string, unknown>)) {
      if (typeof state !== 'object' || state === null) continue;
      const record = state as Record<string, unknown>;
      found.push({ name, state: record });
      for (const branch of asObjects(record.Branches)) visit(branch);
      if (record.Iterator) visit(record.Iterator);
      if (record.ItemProcessor) visit(record.ItemProcessor);
    }
  };
  visit(definition);
  return found;
}

/** Whether a Task state runs an ECS task (`arn:<partition>:states:::ecs:runTask`, with or without `.sync`). */
export function isRunTaskState(state: Record<string, unknown>): boolean {
  return state.Type === 'Task' && typeof state.Resource === 'string' && /^arn:[^:]+:states:::ecs:runTask(\.sync|\.waitForTaskToken)?$/.test(state.Resource);
}
