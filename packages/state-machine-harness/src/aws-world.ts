import type { Execution, Integration } from './asl-interpreter';
import { StateError } from './error-handling';
import { patternMatches } from './event-pattern';
import { FakeAthena } from './fakes/athena-service';
import { FakeDynamoDb } from './fakes/dynamodb-service';
import { FakeEcs } from './fakes/ecs-service';
import { FakeEventBridge } from './fakes/eventbridge-service';
import { FaultPlan } from './fakes/faults';
import { FakeSns } from './fakes/sns-service';
import { FakeStepFunctions } from './fakes/step-functions-service';
import { randomSource } from './jsonata-evaluator';
import type { SynthesizedStack } from './synthesized-stack';
import { VirtualClock } from './virtual-clock';

/** How long EventBridge takes to hand an event to a target, in the simulation. */
export const EVENT_DELIVERY_MS = 1_000;

/** One event the default bus received, and the rules it matched. */
export interface BusRecord {
  readonly atMs: number;
  readonly event: Record<string, unknown>;
  readonly matched: readonly string[];
  /** Lost before any rule saw it (EventBridge delivers status events best effort). */
  readonly lost: boolean;
}

/**
 * One AWS account as a synthesized stack sees it, simulated: Step Functions with the stack's
 * machines, DynamoDB with its tables, ECS, SNS, the default event bus with its rules and targets,
 * its CloudWatch alarms on Step Functions metrics, EventBridge Scheduler, Athena's queries and
 * PutEvents from a machine, all on one virtual
 * clock and one fault plan. A new integration is one fake and one line in `integrations`.
 */
export class AwsWorld {
  readonly clock: VirtualClock;
  readonly faults = new FaultPlan();
  readonly random: () => number;
  readonly dynamodb: FakeDynamoDb;
  readonly ecs: FakeEcs;
  readonly sns: FakeSns;
  readonly athena: FakeAthena;
  readonly eventBridge: FakeEventBridge;
  readonly stepFunctions: FakeStepFunctions;
  readonly bus: BusRecord[] = [];
  /** Status events a scenario decides to lose (best-effort delivery), by execution name. */
  readonly loseStatusEventsOf = new Set<string>();
  private readonly integrationTable: Record<string, Integration>;

  constructor(
    readonly stack: SynthesizedStack,
    options: { readonly startMs: number; readonly seed?: number },
  ) {
    this.clock = new VirtualClock(options.startMs);
    this.random = randomSource(options.seed ?? 1);
    const now = () => this.clock.now();
    this.dynamodb = new FakeDynamoDb(this.faults, now);
    this.ecs = new FakeEcs(this.clock, this.faults);
    this.sns = new FakeSns(this.faults, now);
    this.athena = new FakeAthena(this.clock, this.faults);
    this.eventBridge = new FakeEventBridge(this.faults, (event) => this.putEvent({ time: this.clock.iso().replace(/\.\d{3}Z$/, 'Z'), ...event }));
    this.stepFunctions = new FakeStepFunctions(
      this.clock,
      this.faults,
      (action) => this.integrationTable[action],
      () => Object.keys(this.integrationTable),
      this.random,
    );
    const dynamodb: Integration = (call) => this.dynamodb.call(call);
    const sfn: Integration = (call) => this.stepFunctions.call(call);
    this.integrationTable = {
      'dynamodb:putItem': dynamodb,
      'dynamodb:deleteItem': dynamodb,
      'dynamodb:updateItem': dynamodb,
      'dynamodb:getItem': dynamodb,
      'ecs:runTask.sync': (call) => this.ecs.call(call),
      'aws-sdk:sfn:startExecution': sfn,
      'aws-sdk:sfn:stopExecution': sfn,
      'sns:publish': (call) => this.sns.call(call),
      'athena:startQueryExecution.sync': (call) => this.athena.call(call),
      'athena:getQueryResults': (call) => this.athena.call(call),
      'events:putEvents': (call) => this.eventBridge.call(call),
    };
    for (const table of stack.tables) this.dynamodb.createTable(table.name, table.hashKey);
    for (const machine of stack.machines) this.stepFunctions.register(machine);
    this.stepFunctions.onStatusChange = (event, execution) => {
      if (this.loseStatusEventsOf.has(execution.name) && execution.status !== 'RUNNING') {
        this.bus.push({ atMs: this.clock.now(), event: event as unknown as Record<string, unknown>, matched: [], lost: true });
        return;
      }
      this.putEvent(event as unknown as Record<string, unknown>);
    };
  }

  /** The actions Task states may call here. */
  get knownActions(): readonly string[] {
    return Object.keys(this.integrationTable);
  }

  /**
   * PutEvents on the default bus: every rule whose pattern matches sends the event to its targets
   * a moment later (a state machine is started with the event as input, anything else, a topic,
   * receives it).
   */
  putEvent(event: Record<string, unknown>): void {
    const matched = this.stack.rules.filter((rule) => patternMatches(rule.pattern, event, rule.name));
    this.bus.push({ atMs: this.clock.now(), event, matched: matched.map((r) => r.name), lost: false });
    for (const rule of matched) {
      for (const target of rule.targets) {
        void this.clock.sleep(EVENT_DELIVERY_MS).then(() => {
          if (this.stepFunctions.machines.has(target.arn)) {
            this.startMachine(target.arn, `${rule.name}-${this.bus.length}-${Math.floor(this.random() * 1e9)}`, event);
          } else {
            this.sns.deliver(target.arn, rule.name, event);
          }
        });
      }
    }
  }

  /** Starts an execution as a caller outside the machines would (a rule, Scheduler, a person): a refusal is returned, not thrown. */
  startMachine(arn: string, name: string, input: unknown): { readonly executionArn?: string; readonly error?: string } {
    try {
      return { executionArn: this.stepFunctions.startExecution(arn, name, JSON.stringify(input)).ExecutionArn };
    } catch (error) {
      if (error instanceof StateError) return { error: error.error };
      throw error;
    }
  }

  /** EventBridge Scheduler invoking a schedule's target for one scheduled time. */
  fireSchedule(scheduledMs: number, scheduleName?: string): { readonly executionArn?: string; readonly error?: string } {
    const schedule = this.stack.schedules.find((s) => scheduleName === undefined || s.name === scheduleName);
    if (!schedule) throw new Error(`stack ${this.stack.name} has no schedule${scheduleName ? ` ${scheduleName}` : ''}`);
    const input = schedule.input.replace(/<aws\.scheduler\.scheduled-time>/g, new Date(scheduledMs).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    return this.startMachine(schedule.targetArn, `${schedule.name}-${scheduledMs}-${Math.floor(this.random() * 1e9)}`, JSON.parse(input));
  }

  /** S3 sending an `Object Created` event for a new object of the lake (EventBridge notifications). */
  objectCreated(bucket: string, key: string): void {
    this.putEvent({
      source: 'aws.s3',
      'detail-type': 'Object Created',
      time: this.clock.iso().replace(/\.\d{3}Z$/, 'Z'),
      detail: { bucket: { name: bucket }, object: { key, size: 1024 }, reason: 'PutObject' },
    });
  }

  /**
   * What reached the topics: each rule delivery, and each alarm on a Step Functions metric of
   * failed executions once per period in which one failed (its ALARM state change). Alarms
   * without actions are left out.
   */
  alerts(): Array<{ readonly from: string; readonly atMs: number; readonly about?: string }> {
    const fromRules = this.sns.messages.map((m) => ({
      from: m.from,
      atMs: m.atMs,
      about: String(((m.message as { detail?: { name?: string } }).detail?.name) ?? ''),
    }));
    const fromAlarms = this.stack.alarms
      .filter((alarm) => alarm.metric === 'ExecutionsFailed' && alarm.actions.length > 0)
      .flatMap((alarm) => {
        const periods = new Set(
          this.stepFunctions
            .executionsOf(alarm.machineArn)
            .filter((e) => e.status === 'FAILED' || e.status === 'TIMED_OUT' || e.status === 'ABORTED')
            .map((e) => Math.floor((e.stopMs ?? 0) / (alarm.periodSeconds * 1000))),
        );
        return [...periods].map((period) => ({ from: alarm.name, atMs: period * alarm.periodSeconds * 1000 }));
      });
    return [...fromRules, ...fromAlarms].sort((a, b) => a.atMs - b.atMs);
  }

  /** Executions of a machine, by its name. */
  executions(machineName: string): Execution[] {
    const machine = this.stepFunctions.machineNamed(machineName);
    return machine ? this.stepFunctions.executionsOf(machine.arn) : [];
  }

  /** Advances virtual time by `ms`, running everything due. */
  async advance(ms: number): Promise<void> {
    await this.clock.run(this.clock.now() + ms);
  }

  /** Runs until nothing is left to happen. */
  async settle(): Promise<void> {
    await this.clock.run();
  }
}
