import { platformNames, readWorkspaceManifests, type LedgerRecord } from '@data-platform/core';
import { executionName, formatIntervalTime, intervalInput, intervalsStartingIn, parseExecutionName, type DataInterval } from '@data-platform/standard-etl';
import { guardAccount } from '../aws/account-guard';
import { startNamedExecution, waitForExecution, type ExecutionListing } from '../aws/execution-history';
import { formatDuration } from '../aws/polling';
import { currentOutcome, runsByInterval } from '../aws/run-ledger';
import { executionConsoleUrl } from '../aws/state-machine-execution';
import { CommandError } from '../errors';
import { fleetOf } from '../fleet/fleet-view';
import { intervalSchedule } from '../fleet/interval-schedule';
import type { ProjectStack } from '../stack-project';
import { readStackFacts } from '../stack/stack-facts';
import type { CommandContext } from './command-context';
import { guardProtectedEnvironment } from './production-guard';
import { guardedLine } from './state-backend';
import { stateMachineArnOf } from './state-machine-arn';
import type { TimeRange } from './time-range';

export { intervalSchedule } from '../fleet/interval-schedule';

/** More intervals than this in one backfill is most likely a mistyped range. */
export const MAX_BACKFILL_INTERVALS = 1000;

export interface BackfillOptions {
  /** The intervals that start inside `[from, to)` (see `backfillIntervals`). */
  readonly range: TimeRange;
  /**
   * How many runs at most at once (`--concurrency`; runs beyond the job's own `concurrency` wait for a free slot).
   * @default 1
   */
  readonly concurrency?: number;
  /**
   * List the intervals and touch nothing.
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * `--break-glass "<reason>"`, for a protected environment outside the deploy workflow.
   * @default - refused there
   */
  readonly breakGlass?: string;
}

export const backfillErrors = {
  notAJob: (stack: string) =>
    new CommandError(`backfill runs a job once per data interval: ${stack} has no aws_sfn_state_machine (an always-on service has no intervals).`),
  noManifest: (stack: string, project: string) =>
    new CommandError(`${stack}: the folder has no manifest (cdktf.out/fleet-manifest.json); synthesize it again: \`npx nx run ${project}:synth\`.`),
  noSchedule: (stack: string, project: string, why: string) =>
    new CommandError(
      `backfill cuts a range into the intervals of a schedule, and ${stack} has none: ${why}. ` +
        `Start one run per interval you need with \`npx nx run ${project}:run -c <env> -- --from <start> --to <end>\` instead.`,
    ),
  tooManyIntervals: (stack: string, count: number, schedule: string) =>
    new CommandError(
      `${stack}: the range holds ${count} intervals of ${schedule}, more than the ${MAX_BACKFILL_INTERVALS} one backfill runs; ` +
        'check --from and --to, or split the range into several backfills.',
    ),
  noInterval: (stack: string, from: string, to: string, schedule: string) =>
    new CommandError(`${stack}: no interval of ${schedule} starts in [${from}, ${to}); widen the range.`),
  concurrency: (value: unknown) => new CommandError(`backfill: --concurrency is ${JSON.stringify(value)}; expected a whole number of runs at once from 1 to 20.`),
  failed: (stack: string, failed: number, total: number, table: string) =>
    new CommandError(`${stack}: ${failed} of ${total} intervals did not succeed:\n${table}\nRun the same backfill again: it reruns only the intervals that failed or never ran.`),
};

/**
 * The runs the ledger holds of the range, as `planBackfill` reads them: their execution, and their
 * outcome now (a run that gave up is FAILED; a RUNNING record past its deadline is LOST, no longer open).
 */
export function ledgerListing(records: readonly LedgerRecord[], nowMs: number): ExecutionListing[] {
  return records.map((record) => {
    const outcome = currentOutcome(record, nowMs);
    return { name: record.run, executionArn: record.executionArn, status: outcome === 'GAVE_UP' ? 'FAILED' : outcome };
  });
}

/** What the backfill does with one interval, decided from the runs the run ledger holds of it. */
export type IntervalAction =
  | { readonly kind: 'skip'; readonly execution: string }
  | { readonly kind: 'follow'; readonly execution: ExecutionListing }
  | { readonly kind: 'start'; readonly attempt: number };

/**
 * The intervals a backfill of `[from, to)` runs: those of the schedule that start in the range,
 * oldest first. Consecutive ranges tile: `--from 2026-11-01 --to 2026-11-02` then `--from
 * 2026-11-02 --to 2026-11-03` run every interval once, the one across midnight in the first.
 */
export function backfillIntervals(schedule: { expression: string; timezone: string }, range: TimeRange): DataInterval[] {
  return intervalsStartingIn(schedule.expression, schedule.timezone, range.from, range.to);
}

const key = (interval: DataInterval) => `${interval.start.getTime()}-${interval.end.getTime()}`;

/**
 * For each interval: skip it when a run of any kind already succeeded for it, follow a run of it
 * still open, else start the next backfill attempt (`backfill-<start>-<end>-<n>`, n one more than
 * the last attempt recorded: Step Functions keeps a name taken for 90 days).
 */
export function planBackfill(intervals: readonly DataInterval[], executions: readonly ExecutionListing[]): IntervalAction[] {
  const byInterval = new Map<string, Array<{ execution: ExecutionListing; kind: string; suffix?: string }>>();
  for (const execution of executions) {
    const parsed = parseExecutionName(execution.name);
    if (!parsed) continue;
    const k = key(parsed.interval);
    byInterval.set(k, [...(byInterval.get(k) ?? []), { execution, kind: parsed.kind, ...(parsed.suffix !== undefined ? { suffix: parsed.suffix } : {}) }]);
  }
  return intervals.map((interval) => {
    const runs = byInterval.get(key(interval)) ?? [];
    const succeeded = runs.find((r) => r.execution.status === 'SUCCEEDED');
    if (succeeded) return { kind: 'skip', execution: succeeded.execution.name };
    const open = runs.find((r) => r.execution.status === 'RUNNING' || r.execution.status === 'PENDING_REDRIVE');
    if (open) return { kind: 'follow', execution: open.execution };
    const attempts = runs.filter((r) => r.kind === 'backfill' && /^\d+$/.test(r.suffix ?? '')).map((r) => Number(r.suffix));
    return { kind: 'start', attempt: Math.max(0, ...attempts) + 1 };
  });
}

interface Outcome {
  readonly interval: DataInterval;
  readonly outcome: string;
  readonly execution: string;
}

const describeInterval = (interval: DataInterval) => `${formatIntervalTime(interval.start)} → ${formatIntervalTime(interval.end)}`;

function outcomeTable(outcomes: readonly Outcome[]): string {
  const rows = outcomes.map((o) => [describeInterval(o.interval), o.outcome, o.execution]);
  const widths = [0, 1, 2].map((c) => Math.max(['interval', 'outcome', 'execution'][c]!.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(['interval', 'outcome', 'execution']), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Runs a job once per interval of its schedule that starts in a range, oldest first, at most `concurrency`
 * at once, each followed to its end with a progress line; a failed interval does not stop the
 * others, and the same range run again reruns only the intervals that failed or never ran.
 */
export async function backfill(stack: ProjectStack, context: CommandContext, options: BackfillOptions): Promise<void> {
  const { report } = context;
  const { environment, project } = stack;
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 20) throw backfillErrors.concurrency(options.concurrency);
  const facts = readStackFacts(stack);
  if (!facts.pipeline?.stateMachine) throw backfillErrors.notAJob(stack.name);

  const { manifests } = readWorkspaceManifests(context.workspaceRoot);
  const fleet = fleetOf(manifests, environment.name);
  if (!fleet.some((p) => p.name === project.name)) throw backfillErrors.noManifest(stack.name, project.name);
  const { schedule, why } = intervalSchedule(fleet, project.name);
  if (!schedule) throw backfillErrors.noSchedule(stack.name, project.name, why);
  const scheduleText = `${schedule.expression} ${schedule.timezone}`;
  const intervals = backfillIntervals(schedule, options.range);
  const [from, to] = [formatIntervalTime(options.range.from), formatIntervalTime(options.range.to)];
  if (intervals.length === 0) throw backfillErrors.noInterval(stack.name, from, to, scheduleText);
  if (intervals.length > MAX_BACKFILL_INTERVALS) throw backfillErrors.tooManyIntervals(stack.name, intervals.length, scheduleText);
  report.step(`${stack.name}: ${intervals.length} interval${intervals.length === 1 ? '' : 's'} of ${scheduleText} (${why}) starting in [${from}, ${to})`);

  if (options.dryRun) {
    intervals.forEach((interval, i) => report.step(`[${i + 1}/${intervals.length}] ${describeInterval(interval)}`));
    report.summary(
      `${stack.name}: dry run, nothing started. A real backfill skips the intervals a run already succeeded for, ` +
        `and runs the others at most ${concurrency} at a time.`,
    );
    return;
  }

  const guarded = await guardProtectedEnvironment(stack, context, { command: 'backfill', breakGlass: options.breakGlass });
  const aws = guarded.aws(environment.region);
  const identity = await guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId });
  report.step(guardedLine(identity, stack));
  const stateMachineArn = await stateMachineArnOf(stack, facts, guarded);
  // What already ran, from the run ledger: every run of the range, however old (ListExecutions forgets after 90 days).
  const ledger = { table: platformNames(environment).runLedgerTable, environment: environment.name, reader: stack.name };
  const recorded = await runsByInterval(aws.dynamodb, ledger, project.name, { from: formatIntervalTime(options.range.from), to: formatIntervalTime(options.range.to) });
  const actions = planBackfill(intervals, ledgerListing(recorded, context.polling.now()));

  const outcomes: Outcome[] = new Array(intervals.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < intervals.length; i = next++) {
      const interval = intervals[i]!;
      const action = actions[i]!;
      const tag = `[${i + 1}/${intervals.length}] ${describeInterval(interval)}`;
      if (action.kind === 'skip') {
        report.step(`${tag}: already succeeded (${action.execution}), skipped`);
        outcomes[i] = { interval, outcome: 'SUCCEEDED before', execution: action.execution };
        continue;
      }
      let name: string;
      let executionArn: string;
      if (action.kind === 'follow') {
        ({ name, executionArn } = action.execution);
        report.step(`${tag}: ${name} is still running, following it`);
      } else {
        let attempt = action.attempt;
        for (;;) {
          name = executionName('backfill', interval, String(attempt));
          const input = JSON.stringify({ interval: intervalInput(interval), trigger: { kind: 'backfill', attempt } });
          const started = await startNamedExecution(aws.sfn, { stateMachineArn, name, input });
          if (started.started) {
            executionArn = started.executionArn;
            break;
          }
          attempt += 1; // a run of that name exists that the ledger does not hold (its record was lost): the next attempt number
        }
        report.step(`${tag}: started ${name}`);
      }
      const end = await waitForExecution(aws.sfn, executionArn, context.polling, (status, elapsed) => {
        if (status !== 'RUNNING') report.step(`${tag}: ${name} ${status} (${formatDuration(elapsed)})`);
      });
      outcomes[i] = { interval, outcome: end.status, execution: name };
      if (end.status !== 'SUCCEEDED') report.step(`${tag}: ${end.error ?? end.status}${end.cause ? `: ${end.cause}` : ''} — ${executionConsoleUrl(environment.region, executionArn)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, intervals.length) }, worker));

  const table = outcomeTable(outcomes);
  const failed = outcomes.filter((o) => !o.outcome.startsWith('SUCCEEDED')).length;
  if (failed > 0) throw backfillErrors.failed(stack.name, failed, outcomes.length, table);
  report.summary(`${stack.name}: every interval succeeded.\n${table}`);
}
