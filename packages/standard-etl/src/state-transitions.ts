import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import type { IConstruct } from 'constructs';

/**
 * How many state transitions one successful run of a state machine makes, read from its Amazon
 * States Language definition: Step Functions bills a standard workflow per transition, each
 * state entered being one. The walk follows the happy path from `StartAt` (a Choice by its
 * `Default`, else its first rule), enters every branch of a Parallel and a Map's iterator once,
 * and stops at an end, a Succeed or a Fail state. Retries are not counted: an estimate of runs that
 * succeed the first time.
 */
export function happyPathTransitions(definition: unknown): number {
  const machine = definition as { StartAt?: string; States?: Record<string, Record<string, unknown>> };
  const states = machine.States ?? {};
  let count = 0;
  const seen = new Set<string>();
  let name = machine.StartAt;
  while (name !== undefined && !seen.has(name)) {
    seen.add(name);
    const state = states[name];
    if (!state) break;
    count += 1;
    if (state.Type === 'Parallel') {
      for (const branch of (state.Branches as unknown[] | undefined) ?? []) count += happyPathTransitions(branch);
    }
    if (state.Type === 'Map') count += happyPathTransitions(state.ItemProcessor ?? state.Iterator);
    if (state.End === true || state.Type === 'Succeed' || state.Type === 'Fail') break;
    if (state.Type === 'Choice') {
      const rules = (state.Choices as Array<{ Next?: string }> | undefined) ?? [];
      name = (state.Default as string | undefined) ?? rules[0]?.Next;
    } else {
      name = state.Next as string | undefined;
    }
  }
  return count;
}

/**
 * The transitions of one successful run summed over the standard state machines under `scope`
 * (Express machines are billed per request and duration instead, and left out). Undefined when the
 * scope has no standard state machine, or a definition is not plain JSON known at synth.
 */
export function standardTransitionsPerRun(scope: IConstruct): number | undefined {
  const machines = scope.node.findAll().filter((c): c is SfnStateMachine => c instanceof SfnStateMachine);
  let total: number | undefined;
  for (const machine of machines) {
    if ((machine.typeInput ?? 'STANDARD') !== 'STANDARD') continue;
    const text = machine.definitionInput;
    if (typeof text !== 'string') return undefined;
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch {
      return undefined;
    }
    total = (total ?? 0) + happyPathTransitions(definition);
  }
  return total;
}
