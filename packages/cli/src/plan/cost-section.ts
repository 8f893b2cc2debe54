import { loadEnvironments, type ResolvedEnvironment } from '@data-platform/config';
import type { Manifest, PipelineManifest } from '@data-platform/core';
import { PRICES_NOTE, usd } from '../cost/cost-report';
import { estimatePipelineCost } from '../cost/pipeline-cost';

/**
 * The cost column of the pull-request comment: for every pipeline and environment whose manifest
 * entry differs between the base branch and the head (added, removed or changed), its estimated
 * monthly cost on each side and the change; then each environment's fleet total.
 */

/** One pipeline in one environment, costed on both sides (undefined: not there). */
export interface CostChange {
  readonly stack: string;
  readonly pipeline: string;
  readonly environment: string;
  readonly baseUsd?: number;
  readonly headUsd?: number;
}

const pipelines = (manifests: readonly Manifest[]) => manifests.filter((m): m is PipelineManifest => m.kind === 'pipeline');

function estimates(manifests: readonly Manifest[], environments: ReadonlyMap<string, ResolvedEnvironment>): Map<string, { pipeline: string; environment: string; usd: number; entry: string }> {
  const all = pipelines(manifests);
  const out = new Map<string, { pipeline: string; environment: string; usd: number; entry: string }>();
  for (const manifest of all) {
    for (const [name, entry] of Object.entries(manifest.environments)) {
      const environment = environments.get(name);
      if (!environment) continue;
      out.set(entry.stack, { pipeline: manifest.name, environment: name, usd: estimatePipelineCost(manifest, environment, all).monthlyUsd, entry: JSON.stringify(entry) });
    }
  }
  return out;
}

/** Every pipeline stack whose declaration or estimate changed, by environment then stack. */
export function costChanges(
  base: readonly Manifest[],
  head: readonly Manifest[],
  environments: ReadonlyMap<string, ResolvedEnvironment> = loadEnvironments(),
): CostChange[] {
  const before = estimates(base, environments);
  const after = estimates(head, environments);
  const order = [...environments.keys()];
  const changes: CostChange[] = [];
  for (const stack of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(stack);
    const a = after.get(stack);
    if (b && a && b.entry === a.entry && b.usd === a.usd) continue;
    const { pipeline, environment } = (a ?? b)!;
    changes.push({ stack, pipeline, environment, ...(b ? { baseUsd: b.usd } : {}), ...(a ? { headUsd: a.usd } : {}) });
  }
  return changes.sort((x, y) => order.indexOf(x.environment) - order.indexOf(y.environment) || x.stack.localeCompare(y.stack));
}

function change(baseUsd: number | undefined, headUsd: number | undefined): string {
  if (baseUsd === undefined) return 'new';
  if (headUsd === undefined) return 'removed';
  const delta = headUsd - baseUsd;
  if (Math.abs(delta) < 0.005) return '±$0.00';
  return `${delta > 0 ? '+' : '−'}${usd(Math.abs(delta))}${baseUsd > 0 ? ` (${delta > 0 ? '+' : '−'}${Math.round((Math.abs(delta) / baseUsd) * 100)}%)` : ''}`;
}

/** The Markdown section; empty when no pipeline's estimate or declaration changed. */
export function costSection(base: readonly Manifest[], head: readonly Manifest[]): string {
  const environments = loadEnvironments();
  const changes = costChanges(base, head, environments);
  if (changes.length === 0) return '';
  const lines = [
    '### Estimated monthly cost',
    '',
    '| pipeline | environment | base (estimate) | this pull request (estimate) | change |',
    '| --- | --- | ---: | ---: | ---: |',
    ...changes.map((c) =>
      `| \`${c.stack}\` | ${c.environment} | ${c.baseUsd === undefined ? '–' : usd(c.baseUsd)} | ${c.headUsd === undefined ? '–' : usd(c.headUsd)} | ${change(c.baseUsd, c.headUsd)} |`),
    '',
  ];
  const totals = [...environments.keys()].flatMap((name) => {
    const sum = (manifests: readonly Manifest[]) => [...estimates(manifests, environments).values()].filter((e) => e.environment === name).reduce((s, e) => s + e.usd, 0);
    const [b, a] = [sum(base), sum(head)];
    return changes.some((c) => c.environment === name) ? [`${name}: ${usd(a)} a month for every pipeline (${change(b, a)})`] : [];
  });
  lines.push(`Fleet, estimated: ${totals.join('; ')}. The shared stack (NAT gateways, flow logs) is not included: \`npx nx run shared:cost -c <env>\`.`, '', `_${PRICES_NOTE}_`, '');
  return lines.join('\n');
}

/** The plan table's cost cell of every pipeline stack: the head's estimate and its change against the base. */
export function costCells(
  base: readonly Manifest[],
  head: readonly Manifest[],
  environments: ReadonlyMap<string, ResolvedEnvironment> = loadEnvironments(),
): Map<string, string> {
  const before = estimates(base, environments);
  const cells = new Map<string, string>();
  for (const [stack, after] of estimates(head, environments)) cells.set(stack, `${usd(after.usd)} (${change(before.get(stack)?.usd, after.usd)})`);
  for (const stack of before.keys()) if (!cells.has(stack)) cells.set(stack, 'removed');
  return cells;
}
