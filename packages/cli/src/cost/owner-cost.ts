import type { ResolvedEnvironment } from '@data-platform/config';
import type { Manifest, PipelineManifest } from '@data-platform/core';
import { PRICES_NOTE, usd } from './cost-report';
import { estimatePipelineCost } from './pipeline-cost';

/** What one team's pipelines cost a month in one environment. */
export interface OwnerCost {
  readonly owner: string;
  readonly monthlyUsd: number;
  /** Its pipelines, costliest first. */
  readonly pipelines: ReadonlyArray<{ readonly pipeline: string; readonly monthlyUsd: number }>;
}

/** The fleet's estimate of one environment, totalled by owner team. */
export interface CostByOwner {
  readonly environment: string;
  readonly region: string;
  /** Teams, costliest first. */
  readonly owners: readonly OwnerCost[];
  readonly monthlyUsd: number;
  readonly pipelineCount: number;
}

/** A pipeline from a manifest written before owners existed. */
const NO_OWNER = '(no owner)';

/**
 * Every pipeline's estimate in one environment (as `cost` computes it, upstreams included), summed
 * by the team that owns it. Pipelines without an entry for the environment are left out.
 */
export function costByOwner(manifests: readonly Manifest[], environment: ResolvedEnvironment): CostByOwner {
  const pipelines = manifests.filter((m): m is PipelineManifest => m.kind === 'pipeline' && m.environments[environment.name] !== undefined);
  const byOwner = new Map<string, Array<{ pipeline: string; monthlyUsd: number }>>();
  for (const manifest of pipelines) {
    const owner = manifest.environments[environment.name]!.owner ?? NO_OWNER;
    const { monthlyUsd } = estimatePipelineCost(manifest, environment, manifests);
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), { pipeline: manifest.name, monthlyUsd }]);
  }
  const owners = [...byOwner].map(([owner, costs]) => ({
    owner,
    monthlyUsd: costs.reduce((sum, c) => sum + c.monthlyUsd, 0),
    pipelines: [...costs].sort((a, b) => b.monthlyUsd - a.monthlyUsd || a.pipeline.localeCompare(b.pipeline)),
  }));
  owners.sort((a, b) => b.monthlyUsd - a.monthlyUsd || a.owner.localeCompare(b.owner));
  return {
    environment: environment.name,
    region: environment.region,
    owners,
    monthlyUsd: owners.reduce((sum, o) => sum + o.monthlyUsd, 0),
    pipelineCount: pipelines.length,
  };
}

/** The text `fleet-cost` prints: one line per team (total, then its pipelines), the fleet's total. */
export function renderCostByOwner(report: CostByOwner): string {
  const width = Math.max(5, ...report.owners.map((o) => o.owner.length));
  const amounts = [...report.owners.map((o) => usd(o.monthlyUsd)), usd(report.monthlyUsd)];
  const amountWidth = Math.max(...amounts.map((a) => a.length));
  return [
    `Estimated monthly cost of the pipelines of ${report.environment} by owner, ${report.region}: ${usd(report.monthlyUsd)} a month (estimate)`,
    ...report.owners.map((o, i) =>
      `  ${o.owner.padEnd(width)}  ${amounts[i]!.padStart(amountWidth)}  ${o.pipelines.length} pipeline(s): ${o.pipelines.map((p) => `${p.pipeline} ${usd(p.monthlyUsd)}`).join(', ')}`),
    `  ${'fleet'.padEnd(width)}  ${amounts[amounts.length - 1]!.padStart(amountWidth)}  ${report.pipelineCount} pipeline(s)`,
    `  - Each pipeline as \`npx nx run <name>:cost -c ${report.environment}\` counts it; the shared stack (NAT gateways, flow logs) is not included: \`npx nx run shared:cost -c ${report.environment}\`.`,
    PRICES_NOTE,
    '',
  ].join('\n');
}
