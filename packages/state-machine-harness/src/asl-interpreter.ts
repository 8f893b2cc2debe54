import { catcherFor, nextRetryDelayMs, StateError, type Catcher, type Retrier } from './error-handling';
import { harnessErrors } from './errors';
import { evaluateField, QueryEvaluationError, type EvaluationScope } from './jsonata-evaluator';
import type { VirtualClock } from './virtual-clock';

/** A state machine as the interpreter runs it. */
export interface MachineDefinition {
  readonly QueryLanguage?: string;
  readonly StartAt: string;
  readonly TimeoutSeconds?: number;
  readonly States: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

const TIMED_OUT = Symbol('timed out');

/** What a Task state asks of an integration. */
export interface TaskCall {
  /** `dynamodb:putItem`, `ecs:runTask.sync`, `aws-sdk:sfn:startExecution`, ... (the Resource without its ARN prefix). */
  readonly action: string;
  readonly arguments: unknown;
  readonly execution: Execution;
  readonly state: string;
  readonly retryCount: number;
  /** Set when the execution ends or the state times out while the call is under way (a `.sync` task is then stopped). */
  readonly cancellation: Cancellation;
}

/** Runs one Task call; throws `StateError` with the integration's error name. */
export type Integration = (call: TaskCall) => Promise<unknown>;

export class Cancellation {
  private listeners: Array<() => void> = [];
  cancelled = false;
  onCancel(listener: () => void): void {
    if (this.cancelled) listener();
    else this.listeners.push(listener);
  }
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    for (const listener of this.listeners.splice(0)) listener();
  }
}

/** The services an execution may call, by action; undefined for an action nothing fakes. */
export type IntegrationResolver = (action: string) => Integration | undefined;

export interface ExecutionOptions {
  readonly machineName: string;
  readonly machineArn: string;
  readonly definition: MachineDefinition;
  readonly name: string;
  readonly input: unknown;
  readonly clock: VirtualClock;
  readonly integrations: IntegrationResolver;
  readonly knownActions: readonly string[];
  readonly random: () => number;
  /** Called once, when the execution ends, whatever ended it. */
  readonly onEnd: (execution: Execution) => void;
}

/** One state the execution entered, for scenarios to read. */
export interface StateEntered {
  readonly state: string;
  readonly atMs: number;
}

/** `arn:aws:states:::dynamodb:putItem` → `dynamodb:putItem`; `arn:aws:states:::aws-sdk:sfn:startExecution` → `aws-sdk:sfn:startExecution`. */
export function actionOf(resource: unknown): string | undefined {
  const match = /^arn:[^:]+:states:::(.+)$/.exec(String(resource));
  return match?.[1];
}

/**
 * One execution of a JSONata state machine, run on the virtual clock: Pass, Task, Choice, Wait,
 * Succeed and Fail, with Arguments, Output, Assign, Retry, Catch, state TimeoutSeconds and the
 * execution's TimeoutSeconds. Semantics from the Amazon States Language
 * (https://states-language.net/spec.html) and "Transforming data with JSONata in Step Functions"
 * (https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html): a state's
 * Assign and Output are evaluated with the variables as they were when the state was entered;
 * a Task's output is its result unless Output says otherwise, other states pass their input on;
 * a catcher's `$states.errorOutput` is `{ Error, Cause }`, Cause only when the error carried one.
 * An execution that is stopped (StopExecution) or outlives its TimeoutSeconds ends ABORTED or
 * TIMED_OUT at once and runs no Catch ("Handling errors in Step Functions workflows": catchers
 * do not apply to a top-level execution failure).
 */
export class Execution {
  readonly name: string;
  readonly arn: string;
  readonly machineName: string;
  readonly machineArn: string;
  readonly input: unknown;
  readonly startMs: number;
  status: ExecutionStatus = 'RUNNING';
  stopMs?: number;
  output?: unknown;
  error?: string;
  cause?: string;
  readonly history: StateEntered[] = [];
  private variables: Record<string, unknown> = {};
  private readonly options: ExecutionOptions;
  private readonly running = new Set<Cancellation>();

  constructor(options: ExecutionOptions) {
    this.options = options;
    this.name = options.name;
    this.machineName = options.machineName;
    this.machineArn = options.machineArn;
    this.arn = `${options.machineArn.replace(':stateMachine:', ':execution:')}:${options.name}`;
    this.input = options.input;
    this.startMs = options.clock.now();
    if (options.definition.QueryLanguage !== 'JSONata') throw harnessErrors.unsupportedQueryLanguage(options.machineName, options.definition.QueryLanguage);
  }

  /** Starts the execution on the clock; it runs as virtual time advances. */
  start(): void {
    const { definition, clock } = this.options;
    if (definition.TimeoutSeconds !== undefined) {
      void clock.sleepUntil(this.startMs + definition.TimeoutSeconds * 1000).then(() => {
        if (this.status === 'RUNNING') this.end('TIMED_OUT', { error: 'States.Timeout', cause: `The execution outlived its TimeoutSeconds (${definition.TimeoutSeconds}).` });
      });
    }
    void this.runStates().catch((error: unknown) => {
      // A fault of the harness itself (an unsupported state, a missing fake) must not pass unseen.
      this.harnessFault = error;
      if (this.status === 'RUNNING') this.end('FAILED', { error: 'Harness.Fault', cause: (error as Error).message });
    });
  }

  /** Set when the harness could not execute the definition (an unsupported construct). */
  harnessFault?: unknown;

  /** The `checks` of the output of the state named CheckResults, when the execution passed it (a job's data check results). */
  checkResults?: Array<Record<string, unknown>>;

  /** StopExecution: ABORTED now; the states under way are abandoned, no Catch runs. */
  stop(error?: string, cause?: string): void {
    if (this.status !== 'RUNNING') return;
    this.end('ABORTED', { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
  }

  /**
   * The execution fails outside its own error handling, as on a `States.Runtime` error, which no
   * Retry or Catch can handle ("Handling errors in Step Functions workflows"): FAILED now, no Catch.
   */
  crash(cause = 'The execution failed with an error its states cannot handle.'): void {
    if (this.status !== 'RUNNING') return;
    this.end('FAILED', { error: 'States.Runtime', cause });
  }

  /** The execution reaches its TimeoutSeconds: TIMED_OUT now, no Catch. */
  timeOut(): void {
    if (this.status !== 'RUNNING') return;
    this.end('TIMED_OUT', { error: 'States.Timeout', cause: 'The execution outlived its TimeoutSeconds.' });
  }

  private end(status: Exclude<ExecutionStatus, 'RUNNING'>, detail: { output?: unknown; error?: string; cause?: string }): void {
    if (this.status !== 'RUNNING') return;
    this.status = status;
    this.stopMs = this.options.clock.now();
    if ('output' in detail) this.output = detail.output;
    if (detail.error !== undefined) this.error = detail.error;
    if (detail.cause !== undefined) this.cause = detail.cause;
    for (const cancellation of this.running) cancellation.cancel();
    this.options.onEnd(this);
  }

  private scope(states: Record<string, unknown>): EvaluationScope {
    return { states, variables: this.variables, nowMs: this.options.clock.now(), random: this.options.random };
  }

  private context(state: string, enteredMs: number, retryCount: number): Record<string, unknown> {
    return {
      Execution: { Id: this.arn, Input: this.input, Name: this.name, StartTime: this.options.clock.iso(this.startMs), RedriveCount: 0 },
      State: { EnteredTime: this.options.clock.iso(enteredMs), Name: state, RetryCount: retryCount },
      StateMachine: { Id: this.machineArn, Name: this.machineName },
    };
  }

  /** Applies Assign (evaluated with the entry variables) and returns the state's output. */
  private async assignAndOutput(state: string, fields: { Assign?: unknown; Output?: unknown }, states: Record<string, unknown>, fallback: unknown): Promise<unknown> {
    const scope = this.scope(states);
    const assigned = fields.Assign === undefined ? {} : ((await evaluateField(fields.Assign, scope, `${state}.Assign`)) as Record<string, unknown>);
    const output = fields.Output === undefined ? fallback : await evaluateField(fields.Output, scope, `${state}.Output`);
    this.variables = { ...this.variables, ...assigned };
    return output;
  }

  private get live(): boolean {
    return this.status === 'RUNNING';
  }

  private async runStates(): Promise<void> {
    const { definition, clock } = this.options;
    let name = definition.StartAt;
    let input = this.input;
    while (this.live) {
      const state = definition.States[name];
      if (!state) throw harnessErrors.unknownState(this.options.machineName, '(start)', name);
      const enteredMs = clock.now();
      this.history.push({ state: name, atMs: enteredMs });
      let outcome: { next?: string; output: unknown };
      try {
        outcome = await this.runState(name, state, input, enteredMs);
      } catch (error) {
        if (!this.live) return;
        if (error instanceof StateError) {
          this.end('FAILED', { error: error.error, ...(error.cause !== undefined ? { cause: error.cause } : {}) });
          return;
        }
        if (error instanceof QueryEvaluationError) {
          this.end('FAILED', { error: 'States.QueryEvaluationError', cause: error.message });
          return;
        }
        throw error;
      }
      if (!this.live) return;
      if (name === 'CheckResults') this.checkResults = (outcome.output as { checks?: Array<Record<string, unknown>> } | undefined)?.checks;
      if (outcome.next === undefined) {
        // A state with `End: true` ends the execution with its output.
        this.end('SUCCEEDED', { output: outcome.output });
        return;
      }
      if (!definition.States[outcome.next]) throw harnessErrors.unknownState(this.options.machineName, name, outcome.next);
      name = outcome.next;
      input = outcome.output;
    }
  }

  /** Runs one state; returns the next state (none at an end) and the output. Throws StateError to fail the execution. */
  private async runState(name: string, state: Readonly<Record<string, unknown>>, input: unknown, enteredMs: number): Promise<{ next?: string; output: unknown }> {
    const { clock } = this.options;
    const statesOf = (extra: Record<string, unknown> = {}, retryCount = 0) => ({ input, context: this.context(name, enteredMs, retryCount), ...extra });
    const next = state.End === true ? undefined : (state.Next as string | undefined);
    switch (state.Type) {
      case 'Pass':
        return { next, output: await this.assignAndOutput(name, state, statesOf(), input) };
      case 'Wait': {
        const scope = this.scope(statesOf());
        let until: number;
        if (state.Seconds !== undefined) until = enteredMs + Number(await evaluateField(state.Seconds, scope, `${name}.Seconds`)) * 1000;
        else if (state.Timestamp !== undefined) until = Date.parse(String(await evaluateField(state.Timestamp, scope, `${name}.Timestamp`)));
        else throw harnessErrors.unsupportedExpression(`state "${name}" Wait field`, JSON.stringify(state), 'Seconds or Timestamp');
        if (Number.isNaN(until)) throw new StateError('States.QueryEvaluationError', `${name}: the Wait's Timestamp is not a time`);
        await clock.sleepUntil(until);
        if (!this.live) return { output: input };
        return { next, output: await this.assignAndOutput(name, state, statesOf(), input) };
      }
      case 'Choice': {
        for (const rule of (state.Choices as Array<Record<string, unknown>>) ?? []) {
          if ((await evaluateField(rule.Condition, this.scope(statesOf()), `${name}.Condition`)) === true) {
            const fields = { Assign: rule.Assign ?? state.Assign, Output: rule.Output ?? state.Output };
            return { next: rule.Next as string, output: await this.assignAndOutput(name, fields, statesOf(), input) };
          }
        }
        if (state.Default === undefined) throw new StateError('States.NoChoiceMatched', `${name}: no choice rule matched and there is no Default`);
        return { next: state.Default as string, output: await this.assignAndOutput(name, state, statesOf(), input) };
      }
      case 'Succeed': {
        const output = await this.assignAndOutput(name, state, statesOf(), input);
        this.end('SUCCEEDED', { output });
        return { output };
      }
      case 'Fail': {
        const scope = this.scope(statesOf());
        const error = state.Error === undefined ? undefined : String(await evaluateField(state.Error, scope, `${name}.Error`));
        const cause = state.Cause === undefined ? undefined : String(await evaluateField(state.Cause, scope, `${name}.Cause`));
        this.end('FAILED', { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
        return { output: input };
      }
      case 'Task':
        return this.runTask(name, state, input, enteredMs, next);
      default:
        throw harnessErrors.unsupportedStateType(this.options.machineName, name, state.Type);
    }
  }

  private async runTask(name: string, state: Readonly<Record<string, unknown>>, input: unknown, enteredMs: number, next: string | undefined): Promise<{ next?: string; output: unknown }> {
    const { clock } = this.options;
    const action = actionOf(state.Resource);
    const integration = action === undefined ? undefined : this.options.integrations(action);
    if (!integration || action === undefined) throw harnessErrors.unknownIntegration(this.options.machineName, name, state.Resource, this.options.knownActions);
    const retriers = (state.Retry as Retrier[] | undefined) ?? [];
    const catchers = (state.Catch as Catcher[] | undefined) ?? [];
    const attempts: number[] = [];
    let retryCount = 0;
    for (;;) {
      const states = { input, context: this.context(name, enteredMs, retryCount) };
      let failure: StateError;
      try {
        const args = state.Arguments === undefined ? {} : await evaluateField(state.Arguments, this.scope(states), `${name}.Arguments`);
        const result = await this.call(integration, { action, arguments: args, state: name, retryCount }, state.TimeoutSeconds as number | undefined);
        if (!this.live) return { output: input };
        const output = await this.assignAndOutput(name, state, { ...states, result }, result);
        return { next, output };
      } catch (error) {
        if (!this.live) return { output: input };
        if (error instanceof StateError) failure = error;
        else if (error instanceof QueryEvaluationError) failure = new StateError('States.QueryEvaluationError', error.message);
        else throw error;
      }
      const delay = nextRetryDelayMs(retriers, attempts, failure.error, true, this.options.random);
      if (delay !== undefined) {
        await clock.sleep(delay);
        if (!this.live) return { output: input };
        retryCount += 1;
        continue;
      }
      const catcher = catcherFor(catchers, failure.error, true);
      if (!catcher) throw failure;
      const errorOutput = { Error: failure.error, ...(failure.cause !== undefined ? { Cause: failure.cause } : {}) };
      // A catcher whose own Assign or Output fails leaves nothing to catch it: the execution fails.
      const output = await this.assignAndOutput(name, catcher, { input, context: this.context(name, enteredMs, retryCount), errorOutput }, errorOutput);
      return { next: catcher.Next, output };
    }
  }

  /** One integration call, bounded by the state's TimeoutSeconds (then `States.Timeout`, and the call is cancelled). */
  private async call(integration: Integration, call: Omit<TaskCall, 'execution' | 'cancellation'>, timeoutSeconds: number | undefined): Promise<unknown> {
    const cancellation = new Cancellation();
    this.running.add(cancellation);
    try {
      const work = integration({ ...call, execution: this, cancellation });
      if (timeoutSeconds === undefined) return await work;
      // A call that fails after the state timed out has no one to tell.
      work.catch(() => undefined);
      const timedOut = this.options.clock.sleep(timeoutSeconds * 1000).then(() => TIMED_OUT);
      const result = await Promise.race([work, timedOut]);
      // Step Functions may report a state's timeout without a Cause: so does the harness, so that a
      // catcher reading `$states.errorOutput.Cause` unguarded fails here as it would there.
      if (result === TIMED_OUT) throw new StateError('States.Timeout');
      return result;
    } finally {
      cancellation.cancel();
      this.running.delete(cancellation);
    }
  }
}
