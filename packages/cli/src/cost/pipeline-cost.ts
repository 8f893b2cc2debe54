import type { ResolvedEnvironment } from '@data-platform/config';
import type { Manifest, PipelineEnvironmentManifest, PipelineManifest } from '@data-platform/core';
import { costErrors } from '../errors';
import { athenaQueryCost, HOURS_PER_MONTH, REGION_PRICES, type FargateRate, type RegionPrices } from './prices';

/**
 * The estimated monthly cost of one pipeline in one environment, from its manifest
 * (`cdktf.out/fleet-manifest.json`) and the price table of the environment's region: Fargate compute,
 * Step Functions transitions, CloudWatch Logs. Every figure is an estimate.
 */

/** One priced item: what it is, how it was counted, and its monthly figure. */
export interface CostLine {
  readonly item: string;
  readonly basis: string;
  readonly monthlyUsd: number;
}

export interface PipelineCostEstimate {
  readonly pipeline: string;
  readonly environment: string;
  readonly region: string;
  readonly lines: readonly CostLine[];
  /** The sum of the lines. */
  readonly monthlyUsd: number;
  /** What Fargate Spot saves against on-demand (a spot job), per month. */
  readonly spotSavingUsd?: number;
  /** Assumptions the figures rest on (defaults used, what is left out). */
  readonly notes: readonly string[];
}

/** Fields other parts of the platform add to a manifest entry, read when present. */
type ManifestEntry = PipelineEnvironmentManifest & {
  readonly after?: readonly string[];
  readonly onData?: unknown;
  readonly spot?: boolean;
};

/** GB of logs a month assumed when a pipeline declares none. */
export const DEFAULT_LOG_GB_PER_MONTH = 1;

/** The price table of a region, or the error naming what was asked. */
export function regionPrices(subject: string, region: string): RegionPrices {
  const prices = REGION_PRICES[region];
  if (!prices) throw costErrors.unpricedRegion(subject, region, Object.keys(REGION_PRICES));
  return prices;
}

const hourly = (rate: FargateRate, cpu: number, memoryMiB: number) => (cpu / 1024) * rate.vcpuHour + (memoryMiB / 1024) * rate.gbHour;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const size = (entry: ManifestEntry) => `${entry.architecture}, ${entry.cpu / 1024} vCPU, ${entry.memoryMiB / 1024} GB`;

interface Runs {
  readonly perMonth: number;
  readonly basis: string;
}

/**
 * Runs a month of a job: its own schedule; else, for a job that runs after others, the most runs
 * of its upstreams (read from their manifests, following their own upstreams); else its declared
 * expectedRunsPerMonth; else none.
 */
function runsOf(entry: ManifestEntry, environment: string, fleet: ReadonlyMap<string, PipelineManifest>, seen: ReadonlySet<string> = new Set()): Runs | undefined {
  if (entry.scheduledRunsPerMonth !== undefined && entry.schedule) {
    return { perMonth: entry.scheduledRunsPerMonth, basis: `${entry.schedule.expression}` };
  }
  let best: Runs | undefined;
  for (const upstream of entry.after ?? []) {
    const upstreamEntry = fleet.get(upstream)?.environments[environment] as ManifestEntry | undefined;
    if (!upstreamEntry || seen.has(upstream)) continue;
    const runs = runsOf(upstreamEntry, environment, fleet, new Set([...seen, upstream]));
    if (runs && (!best || runs.perMonth > best.perMonth)) best = { perMonth: runs.perMonth, basis: `after ${upstream} (${runs.basis})` };
  }
  if (best) return best;
  if (entry.expectedRunsPerMonth !== undefined) return { perMonth: entry.expectedRunsPerMonth, basis: 'expectedRunsPerMonth' };
  return undefined;
}

/** The estimate of one pipeline in one environment; `fleet` is every manifest of the workspace (for upstreams' schedules). */
export function estimatePipelineCost(manifest: PipelineManifest, environment: ResolvedEnvironment, fleet: readonly Manifest[] = []): PipelineCostEstimate {
  const entry = manifest.environments[environment.name] as ManifestEntry | undefined;
  if (!entry) throw costErrors.noEnvironmentEntry(manifest.name, environment.name, Object.keys(manifest.environments));
  const prices = regionPrices(`pipeline "${manifest.name}" (${environment.name})`, environment.region);
  const onDemand = hourly(prices.fargate[entry.architecture], entry.cpu, entry.memoryMiB);
  const lines: CostLine[] = [];
  const notes: string[] = [];
  let spotSavingUsd: number | undefined;
  let taskHours: number;

  if (entry.mode === 'service') {
    taskHours = HOURS_PER_MONTH * entry.desiredCount;
    lines.push({
      item: 'Fargate, always on',
      basis: `${size(entry)} × ${entry.desiredCount} task${entry.desiredCount === 1 ? '' : 's'} × ${HOURS_PER_MONTH} h at $${round(onDemand, 5)}/h`,
      monthlyUsd: taskHours * onDemand,
    });
  } else {
    const fleetByName = new Map(fleet.filter((m): m is PipelineManifest => m.kind === 'pipeline').map((m) => [m.name, m]));
    const runs = runsOf(entry, environment.name, fleetByName);
    const minutes = entry.expectedRuntimeMinutes ?? entry.maxRuntimeMinutes;
    if (entry.expectedRuntimeMinutes === undefined) notes.push(`runtime: maxRuntimeMinutes (${entry.maxRuntimeMinutes} min), the most one attempt may take; declare expectedRuntimeMinutes for a closer figure`);
    if (!runs) notes.push('runs: none counted: the job has no schedule of its own or of an upstream; declare expectedRunsPerMonth');
    const perMonth = runs?.perMonth ?? 0;
    taskHours = (perMonth * minutes) / 60;
    const spot = entry.spot === true && entry.architecture === 'X86_64';
    if (entry.spot === true && !spot) notes.push('spot: Fargate Spot runs X86_64 tasks only; priced on demand');
    const rate = spot ? hourly(prices.fargateSpot.X86_64, entry.cpu, entry.memoryMiB) : onDemand;
    const runsText = `${round(perMonth, 1)} runs (${runs?.basis ?? 'none'}) × ${minutes} min`;
    lines.push({
      item: spot ? 'Fargate Spot, per run' : 'Fargate, per run',
      basis: `${size(entry)}; ${runsText} = ${round(taskHours, 1)} h at $${round(rate, 5)}/h`,
      monthlyUsd: taskHours * rate,
    });
    if (spot) {
      spotSavingUsd = taskHours * (onDemand - rate);
      notes.push(`spot: saves $${spotSavingUsd.toFixed(2)} a month against on-demand ($${(taskHours * onDemand).toFixed(2)}); a run Spot interrupts is retried on demand`);
    }
    if (entry.standardTransitionsPerRun !== undefined) {
      const transitions = perMonth * entry.standardTransitionsPerRun;
      lines.push({
        item: 'Step Functions transitions',
        basis: `${round(perMonth, 1)} runs × ${entry.standardTransitionsPerRun} transition${entry.standardTransitionsPerRun === 1 ? '' : 's'} = ${Math.round(transitions)} at $${prices.stepFunctionsTransition * 1000} per 1,000`,
        monthlyUsd: transitions * prices.stepFunctionsTransition,
      });
    }
    // Data checks: one Athena query per checked dataset and run (its sql checks are subqueries of it).
    const checked = Object.values(entry.datasets ?? {}).filter((dataset) => (dataset.checks ?? []).length > 0);
    if (checked.length > 0) {
      const queries = perMonth * checked.length;
      const checks = checked.reduce((sum, dataset) => sum + dataset.checks!.length, 0);
      const minimum = athenaQueryCost(prices, 0);
      lines.push({
        item: 'Athena, data checks',
        basis: `${round(perMonth, 1)} runs × ${checked.length} quer${checked.length === 1 ? 'y' : 'ies'} (${checks} check${checks === 1 ? '' : 's'}) = ${Math.round(queries)} at the 10 MB minimum, $${round(minimum, 6)} each ($${prices.athenaScannedTb}/TB)`,
        monthlyUsd: queries * minimum,
      });
      notes.push('checks: each query billed at Athena\'s 10 MB minimum; a partition larger than that is billed what the query scans (the checked columns once, again per sql check)');
    }
    notes.push('retries not counted: runs that succeed the first time; the 4,000 free transitions a month are per account, not subtracted');
  }

  if (environment.networkMode === 'public-dev' && taskHours > 0) {
    lines.push({ item: 'Public IPv4 (public-dev)', basis: `${round(taskHours, 1)} task-hours at $${prices.publicIpv4Hour}/h`, monthlyUsd: taskHours * prices.publicIpv4Hour });
  }

  const logGb = entry.expectedLogGBPerMonth ?? DEFAULT_LOG_GB_PER_MONTH;
  const storedGb = (logGb * entry.logRetentionDays) / (HOURS_PER_MONTH / 24);
  lines.push({
    item: 'CloudWatch Logs',
    basis: `${logGb} GB ingested (${entry.expectedLogGBPerMonth === undefined ? 'default' : 'expectedLogGBPerMonth'}) at $${prices.logsIngestedGb}/GB, ${round(storedGb, 1)} GB kept ${entry.logRetentionDays} days at $${prices.logsStoredGbMonth}/GB-month`,
    monthlyUsd: logGb * prices.logsIngestedGb + storedGb * prices.logsStoredGbMonth,
  });
  if (entry.expectedLogGBPerMonth === undefined) notes.push(`logs: ${DEFAULT_LOG_GB_PER_MONTH} GB a month assumed; declare expectedLogGBPerMonth`);

  return {
    pipeline: manifest.name,
    environment: environment.name,
    region: environment.region,
    lines,
    monthlyUsd: lines.reduce((sum, line) => sum + line.monthlyUsd, 0),
    ...(spotSavingUsd !== undefined ? { spotSavingUsd } : {}),
    notes,
  };
}
