/**
 * Every way the harness itself can refuse, as one catalogue: a definition or a pattern using
 * something it does not execute (it fails loudly rather than guess), or a scenario that does not
 * hold. Each message says what was found, where, and what is supported.
 */

/** Raised when the harness cannot execute what it was given, or a scenario fails. */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
}

const show = (value: unknown) => (value === undefined ? 'undefined' : JSON.stringify(value));

export const harnessErrors = {
  unsupportedQueryLanguage: (machine: string, language: unknown) =>
    new HarnessError(
      `state machine "${machine}": QueryLanguage is ${show(language)}; the harness executes JSONata definitions only (QueryLanguage "JSONata" at the top level).`,
    ),
  unsupportedStateType: (machine: string, state: string, type: unknown) =>
    new HarnessError(
      `state machine "${machine}", state "${state}": Type is ${show(type)}; the harness executes Pass, Task, Choice, Wait, Succeed and Fail. ` +
        'Add the state type to packages/state-machine-harness/src/asl-interpreter.ts.',
    ),
  unknownState: (machine: string, from: string, next: unknown) =>
    new HarnessError(`state machine "${machine}", state "${from}": Next is ${show(next)}, which is not a state of the machine.`),
  unknownIntegration: (machine: string, state: string, resource: unknown, known: readonly string[]) =>
    new HarnessError(
      `state machine "${machine}", state "${state}": Resource is ${show(resource)}; the harness fakes ${known.join(', ')}. ` +
        'Add a fake for it in packages/state-machine-harness/src/fakes/ and register it in aws-world.ts.',
    ),
  unsupportedExpression: (what: string, expression: string, supported: string) =>
    new HarnessError(`${what} ${show(expression)} is not understood by the harness; it supports ${supported}.`),
  unsupportedPattern: (rule: string, path: string, value: unknown) =>
    new HarnessError(
      `EventBridge rule "${rule}": the pattern at ${path} is ${show(value)}; the harness matches exact values, prefix, wildcard, anything-but and $or. ` +
        'Add the operator to packages/state-machine-harness/src/event-pattern.ts.',
    ),
  unresolvedReference: (what: string, reference: string) =>
    new HarnessError(`${what} refers to ${show(reference)}, which is not a resource of the synthesized stack.`),
  runaway: (limit: number, nowIso: string) =>
    new HarnessError(`the simulation did not settle after ${limit} timer events (virtual time ${nowIso}): a state machine loops without end.`),
  notAJobStack: (stack: string) =>
    new HarnessError(`stack "${stack}" has no job state machine (dp-<name>-<env> with a trigger dp-<name>-<env>-trigger): there is no run to simulate.`),
} as const;
