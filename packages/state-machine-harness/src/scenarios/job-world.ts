import type { Execution } from '../asl-interpreter';
import { AwsWorld } from '../aws-world';
import { harnessErrors } from '../errors';
import type { QueryOutcome } from '../fakes/athena-service';
import type { StackMachine, SynthesizedStack } from '../synthesized-stack';

/**
 * What a job declares (its manifest says it): what its machines must do. The scenarios check the
 * synthesized machines against it.
 */
export interface JobDeclaration {
  readonly pipeline: string;
  readonly environment: string;
  /** Its schedule, with a scheduled time (`occurrencesMs[0]`) and the one before it (`previousMs`), computed from the expression. */
  readonly schedule?: {
    readonly expression: string;
    readonly timezone: string;
    readonly occurrencesMs?: readonly number[];
    readonly previousMs?: number;
  };
  readonly after: readonly string[];
  readonly onData?: { readonly prefixes: readonly string[]; readonly quietMinutes: number };
  readonly concurrency: number;
  readonly retries: number;
  readonly maxRuntimeMinutes: number;
  readonly spot: boolean;
  /**
   * The run ledger the job's machines record runs in: a table of another stack (the shared one),
   * created empty in the simulated account. Without it, no scenario looks at records.
   */
  readonly ledger?: { readonly table: string; readonly partitionKey: string; readonly sortKey: string };
  /** The datasets whose checks run after each run's task (none: no checks). */
  readonly checks?: readonly DeclaredDatasetChecks[];
}

/** What a ledger record says of a run, as the scenarios read it. */
export interface LedgerEntry {
  readonly run: string;
  readonly outcome: string;
  readonly intervalStart: string;
  readonly intervalEnd: string;
  readonly triggerKind: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly deadline: string;
  readonly attempts?: number;
  readonly recordedBy: string;
  readonly error?: string;
}

/** One data check a job declares, and a value its query passes and fails with. */
export interface DeclaredCheck {
  /** `rowCount`, `notNull(<column>)`, ... */
  readonly id: string;
  readonly blocking: boolean;
  readonly passing: number;
  /** Null: the query returns no value (SQL NULL), which fails every check. */
  readonly failing: number | null;
}

/** A dataset whose checks a job's runs run: its table (how its query names it) and its checks, in query order. */
export interface DeclaredDatasetChecks {
  readonly dataset: string;
  readonly table: string;
  readonly checks: readonly DeclaredCheck[];
}

/** The machines and table of a job stack, found by the names the platform gives them. */
export interface JobMachines {
  readonly main: StackMachine;
  readonly trigger: StackMachine;
  readonly release?: StackMachine;
  readonly runsTable: string;
}

export function jobMachines(stack: SynthesizedStack): JobMachines {
  const main = stack.machines.find((m) => m.type === 'STANDARD' && stack.machines.some((t) => t.name === `${m.name}-trigger`));
  if (!main) throw harnessErrors.notAJobStack(stack.name);
  const trigger = stack.machines.find((m) => m.name === `${main.name}-trigger`)!;
  const release = stack.machines.find((m) => m.name === `${main.name}-release`);
  const runsTable = stack.tables.find((t) => t.name === `${main.name}-runs`)?.name ?? stack.tables[0]?.name;
  if (!runsTable) throw harnessErrors.notAJobStack(stack.name);
  return { main, trigger, ...(release ? { release } : {}), runsTable };
}

const MINUTE = 60_000;

/** `20261201T0905Z`. */
export function compactTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 13) + 'Z';
}

/** `2026-12-01T09:05:00Z`. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A simulated account holding one job stack, with the helpers the scenarios act and look through. */
export class JobWorld extends AwsWorld {
  readonly machines: JobMachines;
  readonly job: JobDeclaration;
  private manualRuns = 0;

  /** Checks whose query measures their failing value, as `<dataset> <check id>`; the others pass. */
  readonly failingChecks = new Set<string>();

  constructor(stack: SynthesizedStack, job: JobDeclaration, options: { readonly startMs: number; readonly seed?: number }) {
    super(stack, options);
    this.job = job;
    this.machines = jobMachines(stack);
    if (job.ledger) this.dynamodb.createTable(job.ledger.table, job.ledger.partitionKey, job.ledger.sortKey);
    this.athena.answer = (sql) => this.checkQueryAnswer(sql);
  }

  /** The run ledger's records of this job's runs (none without a ledger). */
  ledger(): LedgerEntry[] {
    if (!this.job.ledger) return [];
    const text = (value: unknown) => ((value as { S?: unknown } | undefined)?.S as string | undefined);
    const number = (value: unknown) => {
      const n = (value as { N?: unknown } | undefined)?.N;
      return typeof n === 'string' ? Number(n) : undefined;
    };
    return this.dynamodb.items(this.job.ledger.table).map((item) => ({
      run: text(item.run) ?? '',
      outcome: text(item.outcome) ?? '',
      intervalStart: text(item.intervalStart) ?? '',
      intervalEnd: text(item.intervalEnd) ?? '',
      triggerKind: text(item.triggerKind) ?? '',
      startedAt: text(item.startedAt) ?? '',
      ...(text(item.endedAt) !== undefined ? { endedAt: text(item.endedAt)! } : {}),
      deadline: text(item.deadline) ?? '',
      ...(number(item.attempts) !== undefined ? { attempts: number(item.attempts)! } : {}),
      recordedBy: text(item.recordedBy) ?? '',
      ...(text(item.error) !== undefined ? { error: text(item.error)! } : {}),
    }));
  }

  /** The ledger's record of one run, by name. */
  recordOf(run: string): LedgerEntry | undefined {
    return this.ledger().find((entry) => entry.run === run);
  }

  /**
   * What a check query of the job returns: the dataset is the one whose table the SQL reads
   * (`<database>.<table>`), each of its checks' value passing unless the scenario made it fail. A
   * query of no declared dataset fails, as Athena fails a query of a table that does not exist.
   */
  private checkQueryAnswer(sql: string): QueryOutcome {
    const declared = (this.job.checks ?? []).find((d) => new RegExp(`\\.${d.table}\\b`).test(sql));
    if (!declared) return { state: 'FAILED', reason: `TABLE_NOT_FOUND: the query reads no table of the job's checked datasets: ${sql.slice(0, 200)}` };
    return {
      state: 'SUCCEEDED',
      columns: declared.checks.map((c) => c.id),
      values: declared.checks.map((c) => (this.failingChecks.has(`${declared.dataset} ${c.id}`) ? c.failing : c.passing)),
    };
  }

  /** The job's checks, with their dataset. */
  checks(): Array<DeclaredCheck & { readonly dataset: string }> {
    return (this.job.checks ?? []).flatMap((d) => d.checks.map((c) => ({ ...c, dataset: d.dataset })));
  }

  /** Makes a check's query measure its failing value from now on. */
  failCheck(check: { readonly dataset: string; readonly id: string }): void {
    this.failingChecks.add(`${check.dataset} ${check.id}`);
  }

  /** Messages of the rule that sends a run's failing warnings (`<pipeline>-check-warned`). */
  warningAlerts(): Array<{ readonly from: string; readonly message: unknown }> {
    return this.sns.messages.filter((m) => m.from.endsWith('-check-warned')).map((m) => ({ from: m.from, message: m.message }));
  }

  /** Executions of the main machine: the runs. */
  runs(): Execution[] {
    return this.stepFunctions.executionsOf(this.machines.main.arn);
  }

  triggers(): Execution[] {
    return this.stepFunctions.executionsOf(this.machines.trigger.arn);
  }

  releases(): Execution[] {
    return this.machines.release ? this.stepFunctions.executionsOf(this.machines.release.arn) : [];
  }

  run(name: string): Execution | undefined {
    return this.runs().find((r) => r.name === name);
  }

  /** Starts a run directly, as `run` and `backfill` do: `manual-<start>-<end>-<n>`, for the hour ending `endMs`. */
  startManualRun(endMs: number, hours = 1): Execution {
    this.manualRuns += 1;
    const startMs = endMs - hours * 60 * MINUTE;
    const name = `manual-${compactTime(startMs)}-${compactTime(endMs)}-${this.manualRuns}`;
    const started = this.startMachine(this.machines.main.arn, name, {
      interval: { start: isoTime(startMs), end: isoTime(endMs) },
      trigger: { kind: 'manual', startedBy: 'arn:aws:iam::111111111111:user/scenario' },
    });
    if (started.error) throw new Error(`starting ${name}: ${started.error}`);
    return this.run(name)!;
  }

  /** An upstream's execution succeeding, as its status event reaches the default bus. */
  upstreamSucceeded(upstream: string, runName: string, interval: { startMs: number; endMs: number }, options: { readonly dropInput?: boolean } = {}): void {
    const machineName = `dp-${upstream}-${this.job.environment}`;
    const machineArn = `arn:${this.stack.partition}:states:${this.stack.region}:${this.stack.account}:stateMachine:${machineName}`;
    const input = JSON.stringify({ interval: { start: isoTime(interval.startMs), end: isoTime(interval.endMs) }, trigger: { kind: 'schedule' } });
    this.putEvent({
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      time: isoTime(this.clock.now()),
      detail: {
        executionArn: `${machineArn.replace(':stateMachine:', ':execution:')}:${runName}`,
        stateMachineArn: machineArn,
        name: runName,
        status: 'SUCCEEDED',
        input: options.dropInput ? null : input,
        inputDetails: { included: !options.dropInput },
      },
    });
  }

  /** The lake bucket name as the job's onData rule names it (a reference to the shared platform). */
  lakeBucket(): string {
    for (const rule of this.stack.rules) {
      const pattern = rule.pattern as { source?: string[]; detail?: { bucket?: { name?: string[] } } };
      if (pattern.source?.includes('aws.s3')) return pattern.detail?.bucket?.name?.[0] ?? 'lake';
    }
    return 'lake';
  }

  /** Slot items of the runs table: `lock#<n>` with the run holding it and its expiry. */
  slots(): Array<{ readonly key: string; readonly runId: string; readonly expiresAtMs: number }> {
    return this.dynamodb
      .items(this.machines.runsTable)
      .filter((item) => typeof item.pk?.S === 'string' && String(item.pk.S).startsWith('lock#'))
      .map((item) => ({ key: String(item.pk!.S), runId: String(item.runId?.S ?? ''), expiresAtMs: Number(item.expiresAt?.N ?? 0) * 1000 }));
  }

  /** Slots held (not expired) by runs that have ended, at now. */
  slotsHeldByEndedRuns(): Array<{ readonly key: string; readonly runId: string; readonly status: string; readonly expiresAtMs: number }> {
    const now = this.clock.now();
    return this.slots()
      .filter((slot) => slot.expiresAtMs > now)
      .map((slot) => ({ ...slot, status: this.run(slot.runId)?.status ?? 'UNKNOWN' }))
      .filter((slot) => slot.status !== 'RUNNING');
  }

  /** Alerts that name a run (the run alert rule's messages), by run name. */
  runAlerts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const alert of this.alerts()) {
      if (alert.about) counts.set(alert.about, (counts.get(alert.about) ?? 0) + 1);
    }
    return counts;
  }

  /** Most tasks of this job running at one time. */
  mostTasksAtOnce(): number {
    return Math.max(0, ...this.ecs.tasks.map((task) => this.ecs.runningAt(task.startMs).length));
  }
}
