import { actionOf, type Execution } from '../asl-interpreter';
import { FAULT_KINDS, type FaultKind } from '../fakes/faults';
import type { StackMachine, SynthesizedStack } from '../synthesized-stack';
import { compactTime, JobWorld, type JobDeclaration } from './job-world';


const SECOND = 1_000;
const MINUTE = 60 * SECOND;
/** "Within a couple of minutes": how soon the slot of a run that ended must be free. */
export const SLOT_RELEASE_WITHIN_MS = 2 * MINUTE;

/** One scenario's result: its problems, none when it passed. */
export interface ScenarioOutcome {
  readonly scenario: string;
  readonly problems: readonly string[];
}

interface ScenarioContext {
  readonly stack: SynthesizedStack;
  readonly job: JobDeclaration;
  /** A fresh simulated account holding the stack, its clock at `startMs`. */
  world(startMs?: number, seed?: number): JobWorld;
  /** Records a problem unless the condition holds. */
  check(condition: boolean, problem: string): void;
}

interface Scenario {
  readonly name: string;
  /** What the scenario lets happen that the invariants otherwise refuse. */
  readonly allows?: {
    readonly slotUntilExpiryWithAlert?: boolean;
    /** An ended run's end missing from the run ledger, when the run-ended machine alarmed. */
    readonly recordMissingWithAlert?: boolean;
  };
  run(context: ScenarioContext): Promise<JobWorld>;
}

/** When the job's runs start by themselves: the first of its schedule's occurrences, or a whole hour. */
function startOf(job: JobDeclaration): number {
  return job.schedule?.occurrencesMs?.[0] ?? Date.parse('2026-12-01T10:00:00Z');
}

const describeRun = (run: Execution) => `${run.name} (${run.status}${run.error ? `, ${run.error}` : ''})`;

/**
 * Starts one run the way the job's own trigger does: its schedule fires, its upstreams succeed, or
 * an object lands under its prefix. Returns the name the run must have.
 */
async function triggerOneRun(world: JobWorld): Promise<string> {
  const { job } = world;
  const now = world.clock.now();
  if (job.schedule?.occurrencesMs?.length) {
    const scheduled = job.schedule.occurrencesMs[0]!;
    world.fireSchedule(scheduled);
    const previous = job.schedule.previousMs ?? scheduled - 60 * MINUTE;
    return `schedule-${compactTime(previous)}-${compactTime(scheduled)}`;
  }
  if (job.after.length > 0) {
    const interval = { startMs: now - 60 * MINUTE, endMs: now };
    for (const upstream of job.after) world.upstreamSucceeded(upstream, `schedule-${compactTime(interval.startMs)}-${compactTime(interval.endMs)}`, interval);
    return `after-${compactTime(interval.startMs)}-${compactTime(interval.endMs)}`;
  }
  const quiet = (job.onData?.quietMinutes ?? 5) * MINUTE;
  const windowStart = Math.floor(now / quiet) * quiet;
  world.objectCreated(world.lakeBucket(), `${job.onData!.prefixes[0]}scenario/part-0001.csv`);
  return `data-${compactTime(windowStart)}-${compactTime(windowStart + quiet)}`;
}

/** One kind of call a machine makes: an action, and for DynamoDB the table it calls it on. */
interface Integration {
  readonly machine: StackMachine;
  readonly action: string;
  /** The DynamoDB table, when the machine calls the action on more than one (slots and the run ledger). */
  readonly table?: string;
}

/** Every kind of call the job's machines make: (machine, action), and the table where one action reaches several. */
function integrationsOf(world: JobWorld): Integration[] {
  const { main, trigger, release } = world.machines;
  const integrations: Integration[] = [];
  for (const machine of [main, trigger, ...(release ? [release] : [])]) {
    const calls = new Map<string, Set<string>>();
    for (const state of Object.values(machine.definition.States)) {
      const action = state.Type === 'Task' ? actionOf(state.Resource) : undefined;
      if (action === undefined) continue;
      const table = (state.Arguments as { TableName?: unknown } | undefined)?.TableName;
      calls.set(action, (calls.get(action) ?? new Set()).add(typeof table === 'string' ? table : ''));
    }
    for (const [action, tables] of calls) {
      if (tables.size > 1) for (const table of tables) integrations.push({ machine, action, table });
      else integrations.push({ machine, action, ...(world.job.ledger && tables.has(world.job.ledger.table) ? { table: world.job.ledger.table } : {}) });
    }
  }
  return integrations;
}

/** How a scenario names an integration: `dynamodb:putItem on the run ledger (dp-x-dev)`. */
function describeIntegration(world: JobWorld, { machine, action, table }: Integration): string {
  const where = table === undefined ? '' : table === world.job.ledger?.table ? ' on the run ledger' : ` on ${table}`;
  return `${action}${where} (${machine.name})`;
}

/**
 * Kinds of fault injected on an action. A `.sync` ECS run is not retried after a lost response
 * (RunTask is not idempotent without a client token, and Step Functions makes that call itself):
 * throttling and 5xx only, which start no task.
 */
function faultKindsFor(action: string): readonly FaultKind[] {
  return action.startsWith('ecs:') || action.endsWith('.sync') ? ['throttle', 'server-error'] : FAULT_KINDS;
}

/** A run's SUCCEEDED status event reached the bus: what starts its downstreams. */
function succeededEventSent(w: JobWorld, run: string): boolean {
  return w.bus.some((record) => {
    const detail = record.event.detail as { name?: string; status?: string } | undefined;
    return !record.lost && record.event.source === 'aws.states' && detail?.name === run && detail.status === 'SUCCEEDED';
  });
}

/** The output of a run's CheckResults state: every check's result. */
function checkResultsOf(run: Execution): Array<Record<string, unknown>> | undefined {
  const entered = run.history.some((h) => h.state === 'CheckResults');
  return entered ? run.checkResults : undefined;
}

function scenarios(world: JobWorld): Scenario[] {
  const { job } = world;
  const list: Scenario[] = [];

  if (job.schedule?.occurrencesMs?.length) {
    list.push({
      name: 'schedule: the same scheduled time delivered twice starts one run of its period; delivered again after it ended, none',
      async run({ world: make, check }) {
        const w = make();
        const expected = await triggerOneRun(w);
        await w.advance(30 * SECOND);
        w.fireSchedule(job.schedule!.occurrencesMs![0]!);
        await w.advance(20 * MINUTE);
        w.fireSchedule(job.schedule!.occurrencesMs![0]!);
        await w.advance(5 * MINUTE);
        check(w.runs().length === 1 && w.runs()[0]!.name === expected, `expected one run ${expected}, got ${w.runs().map(describeRun).join(', ') || 'none'}`);
        check(w.runs()[0]?.status === 'SUCCEEDED', `the run did not succeed: ${w.runs().map(describeRun).join(', ')}`);
        check(w.triggers().every((t) => t.status === 'SUCCEEDED'), `a trigger did not succeed: ${w.triggers().map(describeRun).join(', ')}`);
        return w;
      },
    });
  }

  if (job.after.length > 0) {
    list.push({
      name:
        job.after.length === 1
          ? 'after: the upstream success delivered twice starts one run of its interval'
          : `after: the last of ${job.after.length} upstreams to succeed starts one run of their interval; a duplicate starts none`,
      async run({ world: make, check }) {
        const w = make();
        const endMs = w.clock.now();
        const interval = { startMs: endMs - 60 * MINUTE, endMs };
        const upstreamRun = `schedule-${compactTime(interval.startMs)}-${compactTime(endMs)}`;
        const expected = `after-${compactTime(interval.startMs)}-${compactTime(endMs)}`;
        const [first, ...others] = job.after;
        w.upstreamSucceeded(first!, upstreamRun, interval);
        w.upstreamSucceeded(first!, upstreamRun, interval);
        await w.advance(2 * MINUTE);
        if (others.length > 0) check(w.runs().length === 0, `a run started before every upstream succeeded: ${w.runs().map(describeRun).join(', ')}`);
        for (const upstream of others) w.upstreamSucceeded(upstream, upstreamRun, interval);
        await w.advance(30 * SECOND);
        for (const upstream of others) w.upstreamSucceeded(upstream, upstreamRun, interval);
        await w.advance(20 * MINUTE);
        check(w.runs().length === 1 && w.runs()[0]!.name === expected, `expected one run ${expected}, got ${w.runs().map(describeRun).join(', ') || 'none'}`);
        const env = w.ecs.tasks[0]?.environment;
        check(env?.DATA_INTERVAL_END === new Date(endMs).toISOString().replace(/\.\d{3}Z$/, 'Z'), `the run's interval end is ${env?.DATA_INTERVAL_END}, not the upstream's`);
        check(w.runs()[0]?.status === 'SUCCEEDED', `the run did not succeed: ${w.runs().map(describeRun).join(', ')}`);
        return w;
      },
    });
    list.push({
      name: 'after: an upstream status event without its input (over 248 KB) starts the run of the interval in its name',
      async run({ world: make, check }) {
        const w = make();
        const endMs = w.clock.now() - 55 * MINUTE;
        const interval = { startMs: endMs - 60 * MINUTE, endMs };
        for (const upstream of job.after) w.upstreamSucceeded(upstream, `schedule-${compactTime(interval.startMs)}-${compactTime(endMs)}`, interval, { dropInput: true });
        await w.advance(20 * MINUTE);
        const expected = `after-${compactTime(interval.startMs)}-${compactTime(endMs)}`;
        check(w.runs().map((r) => r.name).join() === expected, `expected run ${expected}, got ${w.runs().map(describeRun).join(', ') || 'none'}`);
        const env = w.ecs.tasks[0]?.environment;
        const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
        check(
          env?.DATA_INTERVAL_START === iso(interval.startMs) && env.DATA_INTERVAL_END === iso(endMs),
          `the run covers ${env?.DATA_INTERVAL_START} to ${env?.DATA_INTERVAL_END}, not the upstream's ${iso(interval.startMs)} to ${iso(endMs)}`,
        );
        return w;
      },
    });
  }

  if (job.onData) {
    list.push({
      name: 'onData: a burst of objects in one quiet window, one delivered twice, makes one run that starts when the window ends',
      async run({ world: make, check }) {
        const w = make();
        const quiet = job.onData!.quietMinutes * MINUTE;
        const windowStart = Math.floor(w.clock.now() / quiet) * quiet;
        const bucket = w.lakeBucket();
        const prefix = job.onData!.prefixes[0]!;
        for (const [i, offset] of [10 * SECOND, 20 * SECOND, quiet / 2].entries()) {
          await w.clock.run(windowStart + offset);
          w.objectCreated(bucket, `${prefix}burst/part-${i}.csv`);
          if (i === 0) w.objectCreated(bucket, `${prefix}burst/part-${i}.csv`);
        }
        await w.advance(quiet + 20 * MINUTE);
        const expected = `data-${compactTime(windowStart)}-${compactTime(windowStart + quiet)}`;
        check(w.runs().map((r) => r.name).join() === expected, `expected one run ${expected}, got ${w.runs().map(describeRun).join(', ') || 'none'}`);
        check((w.ecs.tasks[0]?.startMs ?? 0) >= windowStart + quiet, `the task started before the quiet window ended`);
        check(w.runs()[0]?.status === 'SUCCEEDED', `the run did not succeed: ${w.runs().map(describeRun).join(', ')}`);
        return w;
      },
    });
  }

  list.push({
    name:
      job.retries > 0
        ? 'retries keep the interval: a failed attempt is retried for the same data interval, and the run succeeds without an alert'
        : 'no retries: a failed attempt ends the run with one alert',
    async run({ world: make, check }) {
      const w = make();
      w.ecs.behaviour = (_task, attempt) => (attempt === 0 ? { kind: 'exits', afterMs: 2 * MINUTE, exitCode: 1 } : { kind: 'exits', afterMs: 2 * MINUTE, exitCode: 0 });
      const run = w.startManualRun(w.clock.now());
      await w.advance(job.maxRuntimeMinutes * MINUTE + 30 * MINUTE);
      const input = run.input as { interval: { start: string; end: string } };
      check(
        w.ecs.tasks.every((t) => t.environment.DATA_INTERVAL_START === input.interval.start && t.environment.DATA_INTERVAL_END === input.interval.end),
        `an attempt ran another interval: ${w.ecs.tasks.map((t) => `${t.environment.DATA_INTERVAL_START}..${t.environment.DATA_INTERVAL_END}`).join(', ')}`,
      );
      if (job.retries > 0) {
        check(run.status === 'SUCCEEDED' && w.ecs.tasks.length === 2, `expected 2 attempts and success, got ${w.ecs.tasks.length} attempt(s), ${describeRun(run)}`);
      } else {
        check(run.status === 'FAILED' && w.ecs.tasks.length === 1, `expected 1 attempt and a failure, got ${w.ecs.tasks.length} attempt(s), ${describeRun(run)}`);
      }
      return w;
    },
  });

  list.push({
    name: `contention: with every slot (${job.concurrency}) taken, a run waits, then runs when a holder ends; never more than ${job.concurrency} at once`,
    async run({ world: make, check }) {
      const w = make();
      w.ecs.behaviour = () => ({ kind: 'exits', afterMs: Math.min(20, job.maxRuntimeMinutes - 1) * MINUTE, exitCode: 0 });
      const holders = Array.from({ length: job.concurrency }, (_, i) => w.startManualRun(w.clock.now() - i * 60 * MINUTE));
      await w.advance(MINUTE);
      const waiter = w.startManualRun(w.clock.now() + 60 * MINUTE);
      await w.advance(job.maxRuntimeMinutes * MINUTE + 30 * MINUTE);
      check(waiter.history.some((h) => h.state === 'WaitForRunningOne'), `${waiter.name} did not wait for a slot`);
      const waiterTask = w.ecs.tasks.find((t) => t.execution === waiter.name);
      const firstEnd = Math.min(...holders.map((h) => h.stopMs ?? Number.POSITIVE_INFINITY));
      check(waiterTask !== undefined && waiterTask.startMs >= firstEnd, `${waiter.name} ran before a holder ended`);
      check([...holders, waiter].every((r) => r.status === 'SUCCEEDED'), `not every run succeeded: ${[...holders, waiter].map(describeRun).join(', ')}`);
      check(w.mostTasksAtOnce() === job.concurrency, `${w.mostTasksAtOnce()} tasks ran at once, the concurrency is ${job.concurrency}`);
      return w;
    },
  });

  list.push({
    name: 'giving up: a run that waits maxRuntimeMinutes for a slot gives up with one alert and leaves the holders alone',
    async run({ world: make, check }) {
      const w = make();
      w.ecs.behaviour = () => ({ kind: 'hangs' });
      // Holders hang until their attempt's maximum runtime; the waiter polls a quarter-minute
      // off their end, and new holders start the moment the first ones end, so a slot is always
      // taken when the waiter looks.
      const first = Array.from({ length: job.concurrency }, (_, i) => w.startManualRun(w.clock.now() - (i + 1) * 60 * MINUTE));
      await w.advance(75 * SECOND);
      const waiter = w.startManualRun(w.clock.now() + 60 * MINUTE);
      while (first.some((r) => r.status === 'RUNNING') && w.clock.now() < waiter.startMs + 2 * job.maxRuntimeMinutes * MINUTE) await w.advance(SECOND);
      const second = Array.from({ length: job.concurrency }, (_, i) => w.startManualRun(w.clock.now() - (i + 10) * 60 * MINUTE));
      await w.clock.run(waiter.startMs + job.maxRuntimeMinutes * MINUTE + 3 * MINUTE);
      check(waiter.status === 'FAILED' && waiter.error === 'Pipeline.GaveUpWaiting', `expected ${waiter.name} to give up, got ${describeRun(waiter)}`);
      check(!w.ecs.tasks.some((t) => t.execution === waiter.name), `${waiter.name} ran a task`);
      for (const run of [...first, ...second]) w.stepFunctions.stopExecution(run.arn);
      await w.advance(5 * MINUTE);
      return w;
    },
  });

  const endedFromOutside: Array<[string, (run: Execution, w: JobWorld) => void]> = [
    ['stop: a stopped run (StopExecution, no Catch runs)', (run, w) => w.stepFunctions.stopExecution(run.arn)],
    ['timeout: a run that outlives its execution timeout (no Catch runs)', (run) => run.timeOut()],
    ['crash: a run that fails outside its error handling (States.Runtime, no Catch runs)', (run) => run.crash()],
  ];
  for (const [what, end] of endedFromOutside) {
    list.push({
      name: `${what} alerts once, its slot is free within ${SLOT_RELEASE_WITHIN_MS / MINUTE} minutes, and the next run takes it without waiting`,
      async run({ world: make, check }) {
        const w = make();
        w.ecs.behaviour = (task) => (task.execution.endsWith('-1') ? { kind: 'hangs' } : { kind: 'exits', afterMs: 3 * MINUTE, exitCode: 0 });
        const runs = Array.from({ length: job.concurrency }, (_, i) => w.startManualRun(w.clock.now() - i * 60 * MINUTE));
        const ended = runs[0]!;
        await w.advance(5 * MINUTE);
        end(ended, w);
        const endedAt = w.clock.now();
        check(ended.status !== 'RUNNING', `${ended.name} is still running`);
        await w.clock.run(endedAt + SLOT_RELEASE_WITHIN_MS);
        check(!w.slots().some((s) => s.runId === ended.name), `${ended.name} (${ended.status}) still holds its slot ${SLOT_RELEASE_WITHIN_MS / MINUTE} minutes after it ended`);
        const task = w.ecs.tasks.find((t) => t.execution === ended.name);
        check(task?.stopMs !== undefined, `the task of ${ended.name} was not stopped`);
        const next = w.startManualRun(w.clock.now() + 60 * MINUTE);
        await w.advance(20 * MINUTE);
        check(next.status === 'SUCCEEDED' && !next.history.some((h) => h.state === 'WaitForRunningOne'), `the next run waited or failed: ${describeRun(next)}`);
        return w;
      },
    });
  }

  list.push({
    name: 'an attempt that outlives maxRuntimeMinutes is stopped; the run fails with one alert and frees its slot',
    async run({ world: make, check }) {
      const w = make();
      w.ecs.behaviour = () => ({ kind: 'hangs' });
      const run = w.startManualRun(w.clock.now());
      await w.advance(job.maxRuntimeMinutes * MINUTE + 5 * MINUTE);
      check(run.status === 'FAILED', `expected ${run.name} to fail, got ${describeRun(run)}`);
      check(w.ecs.tasks.length === 1 && w.ecs.tasks[0]!.stopCode === 'UserInitiated', 'the attempt was not stopped at its maximum runtime');
      return w;
    },
  });

  if (job.concurrency > 1) {
    list.push({
      name: `concurrency ${job.concurrency}: ${job.concurrency} runs of different intervals run at once`,
      async run({ world: make, check }) {
        const w = make();
        const runs = Array.from({ length: job.concurrency }, (_, i) => w.startManualRun(w.clock.now() - i * 60 * MINUTE));
        await w.advance(20 * MINUTE);
        check(w.mostTasksAtOnce() === job.concurrency, `${w.mostTasksAtOnce()} ran at once, expected ${job.concurrency}`);
        check(runs.every((r) => r.status === 'SUCCEEDED' && !r.history.some((h) => h.state === 'WaitForRunningOne')), `a run waited or failed: ${runs.map(describeRun).join(', ')}`);
        return w;
      },
    });
  }

  if (job.spot) {
    list.push({
      name: 'spot: the first attempt asks for FARGATE_SPOT; when Spot has no capacity, the retry runs on FARGATE',
      async run({ world: make, check }) {
        const w = make();
        w.ecs.behaviour = (task) => (task.capacityProvider === 'FARGATE_SPOT' ? { kind: 'no-capacity' } : { kind: 'exits', afterMs: 3 * MINUTE, exitCode: 0 });
        const run = w.startManualRun(w.clock.now());
        await w.advance(15 * MINUTE);
        check(run.status === (job.retries > 0 ? 'SUCCEEDED' : 'FAILED'), `expected ${job.retries > 0 ? 'success on FARGATE' : 'a failure (no retries)'}, got ${describeRun(run)}`);
        check(w.ecs.tasks.every((t) => t.capacityProvider === 'FARGATE'), `a task ran on ${w.ecs.tasks.map((t) => t.capacityProvider).join(', ')}`);
        return w;
      },
    });
  }

  const checks = world.checks();
  if (checks.length > 0) {
    const datasets = job.checks!.length;
    list.push({
      name: `checks: every check passes: one query per dataset (${datasets}) on the run's partition, once per run, and the run succeeds`,
      async run({ world: make, check }) {
        const w = make();
        w.ecs.behaviour = (_task, attempt) => (attempt === 0 && job.retries > 0 ? { kind: 'exits', afterMs: MINUTE, exitCode: 1 } : { kind: 'exits', afterMs: 2 * MINUTE, exitCode: 0 });
        const run = w.startManualRun(w.clock.now());
        await w.advance(job.maxRuntimeMinutes * MINUTE + 30 * MINUTE);
        check(run.status === 'SUCCEEDED', `expected ${run.name} to succeed, got ${describeRun(run)}`);
        const day = (run.input as { interval: { start: string } }).interval.start.slice(0, 10);
        check(w.athena.queries.length === datasets, `expected ${datasets} check quer(ies) for ${w.ecs.tasks.length} attempt(s), got ${w.athena.queries.length}`);
        check(w.athena.queries.every((q) => q.sql.includes(`dt = '${day}'`)), `a check query does not read the run's partition dt=${day}: ${w.athena.queries.map((q) => q.sql.slice(0, 160)).join(' | ')}`);
        const results = checkResultsOf(run);
        check(results?.length === checks.length && results.every((r) => r.passed === true), `the run's check results are ${JSON.stringify(results)}`);
        check(succeededEventSent(w, run.name), `no SUCCEEDED event for ${run.name}: its downstreams would not start`);
        return w;
      },
    });
    const blocking = checks.find((c) => c.blocking);
    if (blocking) {
      list.push({
        name: `checks: a failing blocking check (${blocking.dataset} ${blocking.id}) fails the run with one alert naming the dataset, the check, its value and a query that shows the rows; no SUCCEEDED event, so no downstream starts`,
        async run({ world: make, check }) {
          const w = make();
          w.failCheck(blocking);
          const expected = await triggerOneRun(w);
          await w.advance(job.maxRuntimeMinutes * MINUTE + 30 * MINUTE);
          const run = w.run(expected);
          check(run?.status === 'FAILED' && run.error === 'Pipeline.ChecksFailed', `expected ${expected} to fail its checks, got ${run ? describeRun(run) : 'no run'}`);
          const cause = run?.cause ?? '';
          for (const part of [`dataset ${blocking.dataset}`, `check ${blocking.id}`, `${blocking.failing}`, 'SELECT ']) {
            check(cause.includes(part), `the failure's cause does not name "${part}": ${cause}`);
          }
          check(!cause.includes('"'), `the failure's cause holds a double quote, which the alert cannot carry: ${cause}`);
          check(run !== undefined && !succeededEventSent(w, run.name), `a SUCCEEDED event was sent for ${expected}: its downstreams would start on data that failed its checks`);
          return w;
        },
      });
    }
    const warning = checks.find((c) => !c.blocking);
    if (warning) {
      list.push({
        name: `checks: a failing warning (${warning.dataset} ${warning.id}) alerts once, naming the check, and the run succeeds (its downstreams start)`,
        async run({ world: make, check }) {
          const w = make();
          w.failCheck(warning);
          const expected = await triggerOneRun(w);
          await w.advance(job.maxRuntimeMinutes * MINUTE + 30 * MINUTE);
          const run = w.run(expected);
          check(run?.status === 'SUCCEEDED', `expected ${expected} to succeed, got ${run ? describeRun(run) : 'no run'}`);
          check(run !== undefined && succeededEventSent(w, run.name), `no SUCCEEDED event for ${expected}: its downstreams would not start`);
          const warnings = w.warningAlerts();
          check(warnings.length === 1, `expected one warning alert, got ${warnings.length}`);
          const detail = (warnings[0]?.message as { detail?: { run?: string; message?: string } } | undefined)?.detail;
          check(detail?.run === expected, `the warning names run ${detail?.run}, not ${expected}`);
          for (const part of [`dataset ${warning.dataset}`, `check ${warning.id}`, `${warning.failing}`, 'SELECT ']) {
            check(detail?.message?.includes(part) === true, `the warning does not name "${part}": ${detail?.message}`);
          }
          check(!String(detail?.message).includes('"'), `the warning holds a double quote, which the alert cannot carry: ${detail?.message}`);
          return w;
        },
      });
    }
    list.push({
      name: 'checks: a check query that fails in Athena (FAILED) ends the run once, with Pipeline.ChecksNotRun naming the dataset; no SUCCEEDED event',
      async run({ world: make, check }) {
        const w = make();
        w.athena.answer = () => ({ state: 'FAILED', reason: "COLUMN_NOT_FOUND: line 1:8: Column 'amount' cannot be resolved" });
        const expected = await triggerOneRun(w);
        await w.advance(job.maxRuntimeMinutes * MINUTE + 30 * MINUTE);
        const run = w.run(expected);
        check(run?.status === 'FAILED' && run.error === 'Pipeline.ChecksNotRun', `expected ${expected} to fail with Pipeline.ChecksNotRun, got ${run ? describeRun(run) : 'no run'}`);
        check(run?.cause?.includes(`dataset ${job.checks![0]!.dataset}`) === true && run.cause.includes('COLUMN_NOT_FOUND'), `the cause does not name the dataset and Athena's reason: ${run?.cause}`);
        check(w.athena.queries.length === 1, `expected the failed query once (a query that fails is not retried), got ${w.athena.queries.length}`);
        check(run !== undefined && !succeededEventSent(w, run.name), `a SUCCEEDED event was sent for ${expected}`);
        return w;
      },
    });
  }

  for (const integration of integrationsOf(world)) {
    const { machine, action, table } = integration;
    const isLedger = table !== undefined && table === job.ledger?.table;
    const target = { action, machine: machine.name, ...(table !== undefined ? { table } : {}) };
    for (const kind of faultKindsFor(action)) {
      list.push({
        name: `transient ${kind} on ${describeIntegration(world, integration)}, twice: retried through, one run succeeds, ${
          action === 'events:putEvents' ? (kind === 'lost-response' ? 'the warning alerts once per publish (3: at least once)' : 'the warning alerts once') : 'no alert'
        }`,
        async run({ world: make, check }) {
          const w = make();
          w.faults.inject({ ...target, kind, times: 2 });
          if (action === 'events:putEvents') w.failCheck(w.checks().find((c) => !c.blocking)!);
          const expected = machine === w.machines.release ? await endOneRunFromOutside(w) : await triggerOneRun(w);
          await w.advance(job.maxRuntimeMinutes * MINUTE + 20 * MINUTE);
          check(w.faults.hits.length === 2, `the scenario hit ${w.faults.hits.length} of the 2 faults: it does not exercise ${action}`);
          const run = w.run(expected);
          const wanted = machine === w.machines.release ? 'ABORTED' : 'SUCCEEDED';
          check(run?.status === wanted, `expected run ${expected} ${wanted}, got ${run ? describeRun(run) : 'no run'} (runs: ${w.runs().map(describeRun).join(', ') || 'none'})`);
          check(w.runs().length === 1, `expected one run, got ${w.runs().map(describeRun).join(', ')}`);
          const alerts = w.alerts().length;
          // A warning published, then its answer lost, is published again by the retry: at least once.
          const wantedAlerts = machine === w.machines.release ? 1 : action === 'events:putEvents' ? (kind === 'lost-response' ? 3 : 1) : 0;
          check(alerts === wantedAlerts, `expected ${wantedAlerts} alert(s), got ${alerts}: ${w.alerts().map((a) => a.from).join(', ')}`);
          return w;
        },
      });
    }
    const isRelease = machine === world.machines.release;
    // A delete whose response is lost has freed the slot, a write whose response is lost has
    // recorded the run: only a failing service leaves the slot held or the record missing.
    const persistentKind: FaultKind =
      action.startsWith('ecs:') || action.endsWith('.sync') || action === 'events:putEvents' || isRelease || isLedger ? 'server-error' : 'lost-response';
    const isWarning = action === 'events:putEvents';
    list.push({
      name: `persistent ${persistentKind} on ${describeIntegration(world, integration)}: ${
        machine === world.machines.trigger
          ? 'no run, the trigger fails, one alert'
          : isRelease && isLedger
            ? 'the stopped run alerts once, its end cannot be recorded: one more alert, its record stays RUNNING'
            : isRelease
              ? 'the stopped run alerts once, freeing its slot alerts once, the slot waits for its expiry'
              : isLedger
                ? 'the run succeeds all the same; its end is recorded from its status event, and that alerts once'
                : action === 'dynamodb:deleteItem'
                  ? 'the run succeeds and its slot is freed from outside, no alert'
                  : isWarning
                    ? 'the run succeeds; the warning is not sent (its check results still hold it)'
                    : 'the run fails with one alert'
      }`,
      ...(isRelease ? { allows: { slotUntilExpiryWithAlert: !isLedger, recordMissingWithAlert: isLedger } } : {}),
      async run({ world: make, check }) {
        const w = make();
        w.faults.inject({ ...target, kind: persistentKind, times: 1_000 });
        if (isWarning) w.failCheck(w.checks().find((c) => !c.blocking)!);
        const expected = isRelease ? await endOneRunFromOutside(w) : await triggerOneRun(w);
        await w.advance(job.maxRuntimeMinutes * MINUTE + 20 * MINUTE);
        check(w.faults.hits.length > 0, `no fault hit: the scenario does not exercise ${action}`);
        const alerts = w.alerts();
        if (isLedger) {
          const run = w.run(expected);
          const record = w.recordOf(expected);
          if (isRelease) {
            check(alerts.length === 2, `expected two alerts (the stopped run, its end not recorded), got ${alerts.length}: ${alerts.map((a) => a.from).join(', ')}`);
            check(record?.outcome === 'RUNNING', `expected the record of ${expected} to stay RUNNING, got ${JSON.stringify(record)}`);
          } else {
            check(run?.status === 'SUCCEEDED', `expected ${expected} to succeed without its ledger, got ${run ? describeRun(run) : 'no run'}`);
            check(alerts.length === 1 && alerts[0]!.from.endsWith('-release-failed'), `expected one alert (its record written from its status event), got ${alerts.map((a) => a.from).join(', ') || 'none'}`);
            check(record?.outcome === 'SUCCEEDED' && record.recordedBy === 'status-event', `expected ${expected} recorded SUCCEEDED from its status event, got ${JSON.stringify(record)}`);
          }
        } else if (machine === w.machines.trigger) {
          check(w.runs().length === 0 || persistentKind === 'lost-response', `a run started: ${w.runs().map(describeRun).join(', ')}`);
          check(w.triggers().some((t) => t.status === 'FAILED'), 'no trigger execution failed');
          check(alerts.length === 1, `expected one alert, got ${alerts.length}: ${alerts.map((a) => a.from).join(', ')}`);
        } else if (isRelease) {
          check(alerts.length === 2, `expected two alerts (the stopped run, the slot not freed), got ${alerts.length}: ${alerts.map((a) => a.from).join(', ')}`);
          const slot = w.slots().find((s) => s.runId === expected);
          const run = w.run(expected)!;
          const timeoutMs = (w.machines.main.definition.TimeoutSeconds ?? 0) * SECOND;
          check(slot === undefined || slot.expiresAtMs <= run.startMs + timeoutMs + MINUTE, `the slot of ${expected} outlives its execution timeout`);
        } else if (action === 'dynamodb:deleteItem' || isWarning) {
          const run = w.run(expected);
          check(run?.status === 'SUCCEEDED', `expected ${expected} to succeed, got ${run ? describeRun(run) : 'no run'}`);
          check(alerts.length === 0, `expected no alert, got ${alerts.length}: ${alerts.map((a) => a.from).join(', ')}`);
        } else {
          const run = w.run(expected);
          check(run?.status === 'FAILED', `expected ${expected} to fail, got ${run ? describeRun(run) : 'no run'}`);
          check(alerts.length === 1, `expected one alert, got ${alerts.length}: ${alerts.map((a) => a.from).join(', ')}`);
        }
        return w;
      },
    });
  }

  if (job.ledger) {
    list.push({
      name: 'ledger: a run is recorded RUNNING when it starts, then with its outcome: succeeded, failed after its retries, stopped, timed out, crashed',
      async run({ world: make, check }) {
        const w = make();
        // Manual runs end `-<n>`: the first succeeds, the second fails every attempt, the others hang until ended from outside.
        w.ecs.behaviour = (task) =>
          task.execution.endsWith('-1') ? { kind: 'exits', afterMs: 4 * MINUTE, exitCode: 0 }
            : task.execution.endsWith('-2') ? { kind: 'exits', afterMs: 3 * MINUTE, exitCode: 3 }
              : { kind: 'hangs' };
        const fates: Array<[string, (run: Execution) => void]> = [
          ['SUCCEEDED', () => undefined],
          ['FAILED', () => undefined],
          ['ABORTED', (run) => w.stepFunctions.stopExecution(run.arn)],
          ['TIMED_OUT', (run) => run.timeOut()],
          ['FAILED', (run) => run.crash()],
        ];
        for (const [i, [outcome, end]] of fates.entries()) {
          const run = w.startManualRun(w.clock.now() - i * 60 * MINUTE);
          await w.advance(2 * MINUTE);
          const started = w.recordOf(run.name);
          check(started?.outcome === 'RUNNING' && started.recordedBy === 'run', `${run.name} is not recorded RUNNING while it runs: ${JSON.stringify(started)}`);
          end(run);
          await w.advance(job.maxRuntimeMinutes * (job.retries + 1) * MINUTE + 30 * MINUTE);
          const record = w.recordOf(run.name);
          check(run.status !== 'RUNNING' && record?.outcome === outcome, `${run.name} (${run.status}) is recorded ${record?.outcome}, expected ${outcome}`);
          const byItself = i < 2;
          check(record?.recordedBy === (byItself ? 'run' : 'status-event'), `${run.name}'s end was recorded by ${record?.recordedBy}, expected ${byItself ? 'the run' : 'the run-ended machine'}`);
          if (i === 1) check(record?.attempts === job.retries + 1, `the failed run is recorded with ${record?.attempts} attempt(s), it had ${job.retries + 1}`);
          if (i >= 2) check(record?.error !== undefined || outcome === 'ABORTED', `${run.name}'s record has no error`);
        }
        return w;
      },
    });
  }

  list.push({
    name: 'no path leaves a slot held by an ended run: 24 runs with random attempts, faults, stops, timeouts and crashes',
    async run({ world: make, check }) {
      const w = make(undefined, 7);
      const rnd = w.random;
      const outcomes: Array<() => { kind: 'exits'; afterMs: number; exitCode: number } | { kind: 'hangs' }> = [
        () => ({ kind: 'exits', afterMs: Math.floor(rnd() * 10 + 1) * MINUTE, exitCode: 0 }),
        () => ({ kind: 'exits', afterMs: Math.floor(rnd() * 5 + 1) * MINUTE, exitCode: 1 }),
        () => ({ kind: 'hangs' }),
      ];
      w.ecs.behaviour = () => (rnd() < 0.7 ? outcomes[0]! : rnd() < 0.6 ? outcomes[1]! : outcomes[2]!)();
      const actions = integrationsOf(w);
      const runs: Execution[] = [];
      const origin = w.clock.now();
      for (let i = 0; i < 24; i += 1) {
        await w.clock.run(origin + Math.floor(rnd() * 240) * MINUTE);
        const pick = actions[Math.floor(rnd() * actions.length)]!;
        const kinds = faultKindsFor(pick.action);
        w.faults.inject({
          action: pick.action,
          kind: kinds[Math.floor(rnd() * kinds.length)]!,
          times: 1 + Math.floor(rnd() * 2),
          machine: pick.machine.name,
          ...(pick.table !== undefined ? { table: pick.table } : {}),
        });
        runs.push(w.startManualRun(origin + (i + 1) * 60 * MINUTE));
        const fate = rnd();
        const run = runs[runs.length - 1]!;
        const at = w.clock.now() + Math.floor(rnd() * 30 + 1) * MINUTE;
        if (fate < 0.15) void w.clock.sleepUntil(at).then(() => w.stepFunctions.stopExecution(run.arn));
        else if (fate < 0.25) void w.clock.sleepUntil(at).then(() => run.crash());
        else if (fate < 0.3) void w.clock.sleepUntil(at).then(() => run.timeOut());
      }
      await w.clock.run(origin + 240 * MINUTE + (job.maxRuntimeMinutes * (job.retries + 2) + 60) * MINUTE);
      check(runs.every((r) => r.status !== 'RUNNING'), `runs still running: ${runs.filter((r) => r.status === 'RUNNING').map((r) => r.name).join(', ')}`);
      return w;
    },
  });
  return list;
}

/** A run stopped from outside, whose slot only the slot release can free; returns its name. */
async function endOneRunFromOutside(w: JobWorld): Promise<string> {
  w.ecs.behaviour = () => ({ kind: 'hangs' });
  const run = w.startManualRun(w.clock.now());
  await w.advance(2 * MINUTE);
  w.stepFunctions.stopExecution(run.arn);
  return run.name;
}

/**
 * What holds after every scenario: no execution met a construct the harness cannot execute; every
 * trigger and release execution ended; no slot is held by a run that ended (unless the scenario
 * broke the release itself, when an alert must say so); each run that failed, timed out or was
 * aborted alerted exactly once and each other run never; never more tasks at once than slots.
 */
function invariantProblems(w: JobWorld, scenario: Scenario): string[] {
  const problems: string[] = [];
  const all = w.stepFunctions.executions;
  for (const execution of all) {
    if (execution.harnessFault !== undefined) problems.push(`${execution.machineName}/${execution.name}: ${(execution.harnessFault as Error).message}`);
  }
  const open = [...w.triggers(), ...w.releases()].filter((e) => e.status === 'RUNNING');
  if (open.length > 0) problems.push(`executions that never ended: ${open.map((e) => `${e.machineName}/${e.name}`).join(', ')}`);
  const held = w.slotsHeldByEndedRuns();
  if (held.length > 0) {
    const releaseAlerted = w.alerts().some((a) => a.from.endsWith('-release-failed'));
    if (!(scenario.allows?.slotUntilExpiryWithAlert && releaseAlerted)) {
      problems.push(`slots held by ended runs: ${held.map((s) => `${s.key} by ${s.runId} (${s.status}) until ${new Date(s.expiresAtMs).toISOString()}`).join(', ')}`);
    }
  }
  const alerts = w.runAlerts();
  for (const run of w.runs()) {
    const wanted = run.status === 'FAILED' || run.status === 'TIMED_OUT' || run.status === 'ABORTED' ? 1 : 0;
    const got = alerts.get(run.name) ?? 0;
    if (got !== wanted) problems.push(`${describeRun(run)} alerted ${got} time(s), expected ${wanted}`);
  }
  if (w.mostTasksAtOnce() > w.job.concurrency) problems.push(`${w.mostTasksAtOnce()} tasks ran at once, more than the ${w.job.concurrency} slot(s)`);
  problems.push(...ledgerProblems(w, scenario));
  return problems;
}

/** The outcome the ledger must hold for an execution that ended so. */
export function ledgerOutcome(run: Pick<Execution, 'status' | 'error'>): string {
  return run.status === 'FAILED' && run.error === 'Pipeline.GaveUpWaiting' ? 'GAVE_UP' : run.status;
}

/**
 * What the run ledger must hold after a scenario: every run that ended recorded with its outcome,
 * its interval and its trigger kind, and the deadline of its execution timeout; a run that recorded
 * its own end with its attempts (its tasks, and ECS's refusals of a try); a run-ended record only
 * where the run could not write its own (it was stopped, timed out or crashed, or a fault hit its
 * write). A record may be missing or stay RUNNING only when the scenario allows it and the run-ended
 * machine alarmed.
 */
function ledgerProblems(w: JobWorld, scenario: Scenario): string[] {
  if (!w.job.ledger) return [];
  const problems: string[] = [];
  const timeoutMs = (w.machines.main.definition.TimeoutSeconds ?? 0) * SECOND;
  const alarmed = w.alerts().some((a) => a.from.endsWith('-release-failed'));
  for (const run of w.runs()) {
    const record = w.recordOf(run.name);
    if (run.status === 'RUNNING') {
      if (record && record.outcome !== 'RUNNING') problems.push(`${describeRun(run)} is recorded ${record.outcome} while it runs`);
      continue;
    }
    const wanted = ledgerOutcome(run);
    if (!record || record.outcome === 'RUNNING') {
      if (!(scenario.allows?.recordMissingWithAlert && alarmed)) {
        problems.push(`${describeRun(run)} ended, and the run ledger ${record ? 'still says RUNNING' : 'has no record of it'}`);
      }
      continue;
    }
    if (record.outcome !== wanted) problems.push(`${describeRun(run)} is recorded ${record.outcome}, expected ${wanted}`);
    const input = run.input as { interval?: { start?: string; end?: string }; trigger?: { kind?: string } };
    if (record.intervalStart !== input.interval?.start || record.intervalEnd !== input.interval?.end) {
      problems.push(`${run.name} is recorded for ${record.intervalStart} to ${record.intervalEnd}, its input says ${input.interval?.start} to ${input.interval?.end}`);
    }
    if (record.triggerKind !== input.trigger?.kind) problems.push(`${run.name} is recorded as triggered by "${record.triggerKind}", its input says "${input.trigger?.kind}"`);
    if (Date.parse(record.deadline) !== run.startMs + timeoutMs) problems.push(`${run.name}'s record has the deadline ${record.deadline}, not its execution timeout`);
    const ranItsOwnEnd = run.status === 'SUCCEEDED' || (run.status === 'FAILED' && (run.error ?? '').startsWith('Pipeline.'));
    const ledgerFaults = w.faults.hits.filter((h) => h.execution === run.name && h.table === w.job.ledger!.table).length;
    if (record.recordedBy === 'run') {
      // Its tries: tasks started, and the calls ECS refused (throttled, failed, no Spot capacity).
      const tries = w.ecs.tries.filter((t) => t.execution === run.name).length;
      if (record.attempts !== tries) problems.push(`${run.name} is recorded with ${record.attempts} attempt(s); it tried its task ${tries} time(s)`);
    } else if (ranItsOwnEnd && ledgerFaults === 0) {
      problems.push(`${run.name} (${run.status}) recorded its own end, yet the record is the run-ended machine's`);
    }
  }
  return problems;
}

/** The names of the scenarios a job gets (they depend on its triggers, concurrency, Spot and the integrations its machines call). */
export function jobScenarioNames(stack: SynthesizedStack, job: JobDeclaration): string[] {
  return scenarios(new JobWorld(stack, job, { startMs: startOf(job) })).map((s) => s.name);
}

/**
 * Runs every scenario of a job stack (or those named in `only`) on its synthesized machines, each
 * in a fresh simulated account, and returns each scenario's problems (none: it passed).
 */
export async function runJobScenarios(stack: SynthesizedStack, job: JobDeclaration, only?: readonly string[]): Promise<ScenarioOutcome[]> {
  const outcomes: ScenarioOutcome[] = [];
  for (const scenario of scenarios(new JobWorld(stack, job, { startMs: startOf(job) }))) {
    if (only !== undefined && !only.includes(scenario.name)) continue;
    const problems: string[] = [];
    const context: ScenarioContext = {
      stack,
      job,
      world: (startMs = startOf(job), seed = 1) => new JobWorld(stack, job, { startMs, seed }),
      check: (condition, problem) => {
        if (!condition) problems.push(problem);
      },
    };
    try {
      const world = await scenario.run(context);
      await world.advance(5 * MINUTE);
      problems.push(...invariantProblems(world, scenario));
    } catch (error) {
      problems.push(`the scenario could not run: ${(error as Error).message}`);
    }
    outcomes.push({ scenario: scenario.name, problems });
  }
  return outcomes;
}
