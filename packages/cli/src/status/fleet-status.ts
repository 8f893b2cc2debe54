import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ResolvedEnvironment } from '@data-platform/config';
import { dashboardConsoleUrl, PIPELINE_NAME_PREFIX, platformNames, type LedgerRecord, type Manifest, type PipelineEnvironmentManifest, type PipelineManifest } from '@data-platform/core';
import { scheduleIntervals } from '@data-platform/standard-etl/src/data-interval';
import { parseScheduleExpression } from '@data-platform/standard-etl/src/schedule-expression';
import { runsByInterval, runsByStart, type LedgerLocation } from '../aws/run-ledger';
import { servicesStatus, type ServiceStatus } from '../aws/service-status';
import { fleetOf, triggerEdges, type TriggerEdge } from '../fleet/fleet-view';
import { intervalSchedule } from '../fleet/interval-schedule';
import { nextScheduled } from './next-run';
import { runStatus, type RunStatus } from './run-status';

/** What one cell of the grid shows: the run of an interval (its latest), or none. */
export type CellOutcome = 'SUCCEEDED' | 'FAILED' | 'GAVE_UP' | 'TIMED_OUT' | 'ABORTED' | 'RUNNING' | 'LOST' | 'NONE';

/** Outcomes that mean an interval has no data: the pipeline needs someone. */
export const FAILED_OUTCOMES: readonly string[] = ['FAILED', 'GAVE_UP', 'TIMED_OUT', 'ABORTED', 'LOST'];

/** One interval of a job's grid. */
export interface GridCell {
  /** `YYYY-MM-DDTHH:MM:SSZ`, end exclusive. */
  readonly start: string;
  readonly end: string;
  readonly outcome: CellOutcome;
  /** The run the cell shows: one still running, else the latest to start. */
  readonly run?: RunStatus;
  /** Every run of the interval, latest first (reruns, manual runs, backfills). */
  readonly runs: number;
}

/** A job's freshness against its promise (`freshWithinHours`, or `missedRunPeriods` periods of its schedule). */
export interface Freshness {
  readonly state: 'fresh' | 'late' | 'no promise';
  /** The promise in words, when there is one. */
  readonly promise?: string;
  readonly withinSeconds?: number;
  /** When the last run that succeeded ended, if one is known. */
  readonly lastSuccessAt?: string;
}

/** One pipeline of the fleet, now. */
export interface PipelineStatus {
  readonly name: string;
  readonly owner?: string;
  readonly mode: 'job' | 'service';
  /** What starts it, in words: `cron(5 * * * ? *) UTC`, `after shopify-products`, `on data under partner-drops/orders/`, `always on`. */
  readonly trigger: string;
  /** Jobs: the newest interval a run was recorded for, and that run's outcome. */
  readonly last?: { readonly start: string; readonly end: string; readonly outcome: CellOutcome; readonly run: RunStatus };
  /** Jobs. */
  readonly freshness?: Freshness;
  /** Jobs: runs under way now. */
  readonly runningNow?: number;
  /** Jobs with a schedule of their own: the next scheduled time (ISO). */
  readonly nextRun?: string;
  /** Jobs: the last intervals of its schedule (or of its first upstream's), oldest first; for a job started by data, the last intervals it ran. */
  readonly grid?: readonly GridCell[];
  /** Services: what ECS says now; undefined when it does not know the service (not deployed). */
  readonly service?: ServiceStatus;
  /** What needs someone, one line each (late, last run failed, service down); empty when all is well. */
  readonly problems: readonly string[];
}

/** The fleet of one environment, now: what `fleet:status` prints, writes as JSON, and draws. */
export interface FleetStatus {
  readonly environment: string;
  readonly region: string;
  readonly account: string;
  /** ISO time the status was read at. */
  readonly at: string;
  /** Intervals per job in the grid. */
  readonly last: number;
  readonly ledgerTable: string;
  readonly dashboardUrl: string;
  readonly pipelines: readonly PipelineStatus[];
  /** What starts what: the pipeline graph's edges. */
  readonly edges: readonly TriggerEdge[];
  /** Pipelines with a problem. */
  readonly needingAttention: number;
}

/** How many queries of the ledger (and ECS calls) are under way at once. */
export const READ_CONCURRENCY = 8;
/** Runs read by start time per job: those under way, and the last success. */
export const RECENT_RUNS = 100;

export interface FleetReadInput {
  readonly environment: ResolvedEnvironment;
  readonly manifests: readonly Manifest[];
  readonly dynamodb: DynamoDBClient;
  readonly ecs: ECSClient;
  readonly nowMs: number;
  /** Intervals per job. */
  readonly last: number;
}

/** Runs `work` over `items`, at most `limit` at once, keeping their order. */
async function inTurn<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The last `count` intervals of a schedule that ended by `nowMs`, oldest first. */
export function lastIntervals(schedule: { expression: string; timezone: string }, count: number, nowMs: number): Array<{ start: string; end: string }> {
  const parsed = parseScheduleExpression(schedule.expression);
  if (typeof parsed === 'string') return [];
  const gapMs = Number.isFinite(parsed.longestGapSeconds) ? parsed.longestGapSeconds * 1000 : 366 * 86_400_000;
  const from = new Date(nowMs - (count + 1) * gapMs);
  return scheduleIntervals(schedule.expression, schedule.timezone, from, new Date(nowMs))
    .filter((interval) => interval.end.getTime() <= nowMs)
    .slice(-count)
    .map((interval) => ({ start: iso(interval.start), end: iso(interval.end) }));
}

/** The cell of an interval from its runs: one under way if any, else the latest to start. */
function cellOf(start: string, end: string, runs: readonly RunStatus[]): GridCell {
  const ordered = [...runs].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const shown = ordered.find((r) => r.status === 'RUNNING') ?? ordered[0];
  return { start, end, outcome: (shown?.status ?? 'NONE') as CellOutcome, ...(shown ? { run: shown } : {}), runs: ordered.length };
}

function triggerOf(entry: PipelineEnvironmentManifest): string {
  if (entry.mode === 'service') return 'always on';
  const parts = [
    entry.schedule ? `${entry.schedule.expression} ${entry.schedule.timezone}` : '',
    entry.after.length ? `after ${entry.after.join(', ')}` : '',
    entry.onData ? `on data under ${entry.onData.prefixes.join(', ')}` : '',
  ];
  return parts.filter((p) => p !== '').join('; ');
}

const hours = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600}h` : `${Math.round(seconds / 60)}m`);

/** A job's row: its grid, last interval, freshness, runs under way, next run and problems. */
async function jobStatus(
  name: string,
  entry: PipelineEnvironmentManifest,
  gridSchedule: { expression: string; timezone: string } | undefined,
  input: FleetReadInput,
  ledger: LedgerLocation,
): Promise<PipelineStatus> {
  const { nowMs, last, environment } = input;
  const logGroup = `/data-platform/${environment.name}/pipelines/${name}`;
  const status = (record: LedgerRecord) => runStatus(record, environment.region, logGroup, nowMs);
  const intervals = gridSchedule ? lastIntervals(gridSchedule, last, nowMs) : [];
  const [byInterval, recent] = await Promise.all([
    intervals.length > 0
      ? runsByInterval(input.dynamodb, ledger, name, { from: intervals[0]!.start })
      : runsByInterval(input.dynamodb, ledger, name, { newestIntervals: last }),
    runsByStart(input.dynamodb, ledger, name, RECENT_RUNS),
  ]);
  const runs = byInterval.map(status);
  const byStart = new Map<string, RunStatus[]>();
  for (const run of runs) byStart.set(run.interval.start, [...(byStart.get(run.interval.start) ?? []), run]);

  // The grid: the schedule's intervals, or (a job started by data) the intervals it ran, oldest first.
  const columns = intervals.length > 0
    ? intervals
    : [...byStart.keys()].sort().slice(-last).map((start) => ({ start, end: byStart.get(start)![0]!.interval.end }));
  const grid = columns.map(({ start, end }) => cellOf(start, end, (byStart.get(start) ?? []).filter((r) => r.interval.end === end)));

  // The newest interval any run read was recorded for (a manual run of another interval included), and its cell.
  const seen = new Map<string, RunStatus>();
  for (const run of [...runs, ...recent.map(status)]) seen.set(run.name, run);
  const all = [...seen.values()];
  const newest = all.reduce<RunStatus | undefined>((best, run) => (!best || run.interval.start > best.interval.start ? run : best), undefined);
  const lastCell = newest
    ? cellOf(newest.interval.start, newest.interval.end, all.filter((r) => r.interval.start === newest.interval.start && r.interval.end === newest.interval.end))
    : undefined;

  const succeeded = [...byInterval, ...recent].filter((r) => r.outcome === 'SUCCEEDED' && r.endedAt !== undefined).map((r) => r.endedAt!).sort();
  const lastSuccessAt = succeeded[succeeded.length - 1];
  const promise = entry.freshness;
  const freshness: Freshness = promise
    ? {
        state: lastSuccessAt !== undefined && nowMs - Date.parse(lastSuccessAt) <= promise.withinSeconds * 1000 ? 'fresh' : 'late',
        promise: promise.what,
        withinSeconds: promise.withinSeconds,
        ...(lastSuccessAt ? { lastSuccessAt } : {}),
      }
    : { state: 'no promise', ...(lastSuccessAt ? { lastSuccessAt } : {}) };
  const runningNow = recent.map(status).filter((r) => r.status === 'RUNNING').length;
  const next = entry.schedule ? nextScheduled(entry.schedule.expression, entry.schedule.timezone, new Date(nowMs)) : undefined;

  const problems: string[] = [];
  if (freshness.state === 'late') {
    problems.push(
      lastSuccessAt
        ? `late: no run succeeded since ${lastSuccessAt.replace(/\.\d{3}Z$/, 'Z')}, and it promises one within ${hours(promise!.withinSeconds)} (${promise!.what})`
        : `late: no run succeeded${recent.length >= RECENT_RUNS ? ` in its last ${RECENT_RUNS} runs` : ' yet'}, and it promises one within ${hours(promise!.withinSeconds)} (${promise!.what})`,
    );
  }
  if (lastCell?.run && FAILED_OUTCOMES.includes(lastCell.outcome)) {
    const run = lastCell.run;
    problems.push(`last run ${run.name} ${lastCell.outcome}${run.cause ? `: ${run.cause}` : run.stopReason ? `: ${run.stopReason}` : ''}`);
  }
  return {
    name,
    ...(entry.owner ? { owner: entry.owner } : {}),
    mode: 'job',
    trigger: triggerOf(entry),
    ...(lastCell?.run ? { last: { start: lastCell.start, end: lastCell.end, outcome: lastCell.outcome, run: lastCell.run } } : {}),
    freshness,
    runningNow,
    ...(next ? { nextRun: next.toISOString() } : {}),
    grid,
    problems,
  };
}

/**
 * The fleet of one environment now: every pipeline its manifests declare, each job's last
 * intervals from the run ledger (one Query by interval, one by start time), each service's tasks
 * from ECS (ten to a call), at most READ_CONCURRENCY reads at once.
 */
export async function readFleetStatus(input: FleetReadInput): Promise<FleetStatus> {
  const { environment, manifests, nowMs } = input;
  const names = platformNames(environment);
  const ledger: LedgerLocation = { table: names.runLedgerTable, environment: environment.name, reader: `fleet ${environment.name}` };
  const entries = manifests
    .filter((m): m is PipelineManifest => m.kind === 'pipeline' && m.environments[environment.name] !== undefined)
    .map((m) => ({ name: m.name, entry: m.environments[environment.name]! }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const fleet = fleetOf(manifests, environment.name);

  const services = entries.filter((p) => p.entry.mode === 'service').map((p) => `${PIPELINE_NAME_PREFIX}${p.name}-${environment.name}`);
  const [serviceStates, jobs] = await Promise.all([
    services.length > 0 ? servicesStatus(input.ecs, names.cluster, services) : Promise.resolve(new Map<string, ServiceStatus | undefined>()),
    inTurn(entries.filter((p) => p.entry.mode === 'job'), READ_CONCURRENCY, ({ name, entry }) =>
      jobStatus(name, entry, intervalSchedule(fleet, name).schedule, input, ledger)),
  ]);
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const pipelines = entries.map(({ name, entry }): PipelineStatus => {
    if (entry.mode === 'job') return byName.get(name)!;
    const service = serviceStates.get(`${PIPELINE_NAME_PREFIX}${name}-${environment.name}`);
    const problems = !service
      ? [`service ${PIPELINE_NAME_PREFIX}${name}-${environment.name} is not in cluster ${names.cluster}: not deployed`]
      : service.runningCount < service.desiredCount
        ? [`${service.runningCount} of ${service.desiredCount} task(s) running`]
        : [];
    return { name, ...(entry.owner ? { owner: entry.owner } : {}), mode: 'service', trigger: triggerOf(entry), ...(service ? { service } : {}), problems };
  });
  return {
    environment: environment.name,
    region: environment.region,
    account: environment.accountId,
    at: new Date(nowMs).toISOString(),
    last: input.last,
    ledgerTable: names.runLedgerTable,
    dashboardUrl: dashboardConsoleUrl(environment.region, names.dashboard),
    pipelines,
    edges: triggerEdges(fleet),
    needingAttention: pipelines.filter((p) => p.problems.length > 0).length,
  };
}
