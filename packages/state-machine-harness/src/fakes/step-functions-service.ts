import { Execution, type IntegrationResolver, type MachineDefinition, type TaskCall } from '../asl-interpreter';
import { StateError } from '../error-handling';
import type { VirtualClock } from '../virtual-clock';
import { faultError, type FaultPlan } from './faults';

export interface FakeMachine {
  readonly name: string;
  readonly arn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: MachineDefinition;
}

/** The `Step Functions Execution Status Change` event of a standard execution. */
export interface StatusChangeEvent {
  readonly source: 'aws.states';
  readonly 'detail-type': 'Step Functions Execution Status Change';
  readonly time: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, unknown>;
}

/** Above this, the status event carries no input (`inputDetails.included: false`). */
export const EVENT_PAYLOAD_LIMIT_BYTES = 248 * 1024;

/**
 * Step Functions itself: state machines, their executions on the virtual clock, StartExecution
 * (and the `aws-sdk:sfn:startExecution` task) with its documented idempotency: a standard
 * execution of the same name still running with the same input is returned as it is, any other
 * one of that name is `ExecutionAlreadyExists`; StopExecution; and a status-change event for each
 * standard execution that starts or ends (Express workflows send none).
 */
export class FakeStepFunctions {
  readonly machines = new Map<string, FakeMachine>();
  readonly executions: Execution[] = [];
  /** Set by the world: where status events go. */
  onStatusChange: (event: StatusChangeEvent, execution: Execution) => void = () => undefined;
  /** Executions whose status events drop their input, as for an input over 248 KB. */
  readonly dropInputOf = new Set<string>();

  constructor(
    private readonly clock: VirtualClock,
    private readonly faults: FaultPlan,
    private readonly integrations: IntegrationResolver,
    private readonly knownActions: () => readonly string[],
    private readonly random: () => number,
  ) {}

  register(machine: FakeMachine): void {
    this.machines.set(machine.arn, machine);
  }

  machineNamed(name: string): FakeMachine | undefined {
    return [...this.machines.values()].find((m) => m.name === name);
  }

  executionsOf(machineArn: string): Execution[] {
    return this.executions.filter((e) => e.machineArn === machineArn);
  }

  /** StartExecution, as the API answers it. */
  startExecution(machineArn: string, name: string, input: string): { ExecutionArn: string; StartDate: string } {
    const machine = this.machines.get(machineArn);
    if (!machine) throw new StateError('Sfn.StateMachineDoesNotExistException', `State Machine Does Not Exist: '${machineArn}'`);
    if (machine.type === 'STANDARD') {
      const existing = this.executions.find((e) => e.machineArn === machineArn && e.name === name);
      if (existing) {
        if (existing.status === 'RUNNING' && JSON.stringify(existing.input) === JSON.stringify(JSON.parse(input))) {
          return { ExecutionArn: existing.arn, StartDate: this.clock.iso(existing.startMs) };
        }
        throw new StateError('Sfn.ExecutionAlreadyExistsException', `Execution Already Exists: '${existing.arn}'`);
      }
    }
    const execution = new Execution({
      machineName: machine.name,
      machineArn,
      definition: machine.definition,
      name,
      input: JSON.parse(input) as unknown,
      clock: this.clock,
      integrations: this.integrations,
      knownActions: this.knownActions(),
      random: this.random,
      onEnd: (ended) => this.ended(machine, ended),
    });
    this.executions.push(execution);
    execution.start();
    if (machine.type === 'STANDARD') this.onStatusChange(this.statusEvent(execution), execution);
    return { ExecutionArn: execution.arn, StartDate: this.clock.iso(execution.startMs) };
  }

  stopExecution(executionArn: string, error?: string, cause?: string): void {
    this.executions.find((e) => e.arn === executionArn)?.stop(error, cause);
  }

  private ended(machine: FakeMachine, execution: Execution): void {
    if (machine.type === 'STANDARD') this.onStatusChange(this.statusEvent(execution), execution);
  }

  private statusEvent(execution: Execution): StatusChangeEvent {
    const input = JSON.stringify(execution.input);
    const included = !this.dropInputOf.has(execution.name) && input.length <= EVENT_PAYLOAD_LIMIT_BYTES;
    return {
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      time: this.clock.iso().replace(/\.\d{3}Z$/, 'Z'),
      resources: [execution.arn],
      detail: {
        executionArn: execution.arn,
        stateMachineArn: execution.machineArn,
        name: execution.name,
        status: execution.status,
        startDate: execution.startMs,
        stopDate: execution.stopMs ?? null,
        input: included ? input : null,
        inputDetails: { included },
        output: execution.output === undefined ? null : JSON.stringify(execution.output),
        error: execution.error ?? null,
        cause: execution.cause ?? null,
      },
    };
  }

  /** The `aws-sdk:sfn:startExecution` task. */
  async call(call: TaskCall): Promise<unknown> {
    const operation = call.action.split(':')[2];
    const args = call.arguments as { StateMachineArn?: string; Name?: string; Input?: unknown; ExecutionArn?: string };
    const fault = this.faults.take(call.action, call.execution.machineName);
    if (fault === 'throttle' || fault === 'server-error') throw faultError(call.action, fault);
    let result: unknown;
    if (operation === 'startExecution') {
      const input = typeof args.Input === 'string' ? args.Input : JSON.stringify(args.Input ?? {});
      result = this.startExecution(String(args.StateMachineArn), String(args.Name ?? `${this.executions.length}`), input);
    } else if (operation === 'stopExecution') {
      this.stopExecution(String(args.ExecutionArn));
      result = { StopDate: this.clock.iso() };
    } else {
      throw new StateError('Sfn.SfnException', `the harness does not fake sfn:${operation}`);
    }
    if (fault === 'lost-response') throw faultError(call.action, fault);
    return result;
  }
}
