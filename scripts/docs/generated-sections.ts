import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironment, loadEnvironments } from '@data-platform/config';
import { readWorkspaceManifests, type PipelineManifest } from '@data-platform/core';
import { dataPlatformPack } from '@data-platform/policies';
import { usd } from '../../packages/cli/src/cost/cost-report';
import { costByOwner, renderCostByOwner } from '../../packages/cli/src/cost/owner-cost';
import { estimatePipelineCost } from '../../packages/cli/src/cost/pipeline-cost';
import { HOURS_PER_MONTH, PRICES_READ_ON, REGION_PRICES } from '../../packages/cli/src/cost/prices';
import { estimateSharedCost } from '../../packages/cli/src/cost/shared-cost';
import { renderBenchTables, type BenchRun } from '../bench-results';
import { policyRulesSection } from './policy-rules';
import { statusSection } from './example-status';

/**
 * The parts of the documentation written from the product's own output, between marker comments
 * `<!-- generated:<name> -->` and `<!-- /generated:<name> -->`: the example fleet's cost (what
 * `cost` computes from the pipelines' manifests) and its cost by owner (what `fleet-cost` prints),
 * the pipeline graph (`dist/graph/pipelines.md`, as `nx run fleet:validate` writes it), its
 * `fleet:status` on a day of runs (example-status.ts), the policy rules of the pack every stack
 * applies, and the benchmark tables of the saved bench run (`BENCHMARK_RUN`, written by
 * `npm run bench -- --save`). `npm run docs` rewrites them; `npm run docs -- --check` (the `docs`
 * job of ci.yml) fails when the committed text differs.
 */

/** The bench run the docs quote, as `npm run bench -- --fleet 50 --save benchmarks/last-run.json` writes it. */
export const BENCHMARK_RUN = 'benchmarks/last-run.json';

const MARKERS = /(<!-- generated:([a-z-]+) -->\n)([\s\S]*?)(<!-- \/generated:\2 -->)/g;

/** The names of the generated parts of a page, in order. */
export function generatedNames(text: string): string[] {
  return [...text.matchAll(MARKERS)].map((m) => m[2]!);
}

/** The page with each generated part replaced; a part with no renderer is an error naming it. */
export function replaceGenerated(page: string, text: string, sections: Readonly<Record<string, string>>): string {
  return text.replace(MARKERS, (_, open: string, name: string, _old: string, close: string) => {
    const content = sections[name];
    if (content === undefined) throw new Error(`${page}: <!-- generated:${name} --> has no generator; known: ${Object.keys(sections).join(', ')}`);
    return `${open}${content.endsWith('\n') ? content : `${content}\n`}${close}`;
  });
}

/** What the generated parts are made from: every folder synthesized and the graph written, by Nx (cached when nothing changed). */
export function prepareFleetOutput(root: string): void {
  execFileSync(join(root, 'node_modules/.bin/nx'), ['run', 'fleet:validate', '--outputStyle=static'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/** How many always-on containers the cost section compares the fleet with. */
const COMPARED_CONTAINERS = 12;

/** How a pipeline runs in an environment, in a few words, from its manifest. */
function howItRuns(manifest: PipelineManifest, environment: string): string {
  const entry = manifest.environments[environment] as PipelineManifest['environments'][string] & { after?: readonly string[]; onData?: unknown };
  if (!entry) return '';
  if (entry.mode === 'service') return `always on, ${entry.desiredCount} task${entry.desiredCount === 1 ? '' : 's'}`;
  if (entry.schedule) return `job, \`${entry.schedule.expression}\``;
  if (entry.after && entry.after.length > 0) return `job, after ${entry.after.join(', ')}`;
  if (entry.onData) return 'job, when data lands';
  return 'job';
}

/** The example fleet's estimated monthly cost per environment: each pipeline, their total, the shared stack. */
export function costSection(root: string): string {
  const { manifests, unsynthesized } = readWorkspaceManifests(root);
  if (unsynthesized.length > 0) throw new Error(`docs: ${unsynthesized.join(', ')} not synthesized; run \`npx nx run fleet:validate\` first`);
  const environments = [...loadEnvironments().values()];
  const pipelines = manifests.filter((m): m is PipelineManifest => m.kind === 'pipeline');
  const header = `| estimated monthly cost | how it runs (${environments.at(-1)!.name}) | ${environments.map((e) => e.name).join(' | ')} |`;
  const rows = [header, `| --- | --- |${environments.map(() => ' ---: |').join('')}`];
  const totals = environments.map(() => 0);
  for (const manifest of pipelines) {
    const figures = environments.map((environment, i) => {
      const estimate = estimatePipelineCost(manifest, environment, manifests);
      totals[i]! += estimate.monthlyUsd;
      return usd(estimate.monthlyUsd);
    });
    rows.push(`| \`${manifest.name}\` | ${howItRuns(manifest, environments.at(-1)!.name)} | ${figures.join(' | ')} |`);
  }
  rows.push(`| **the ${pipelines.length} pipelines** | | ${totals.map((t) => `**${usd(t)}**`).join(' | ')} |`);
  const shared = environments.map((environment) => estimateSharedCost(environment));
  rows.push(`| \`shared\` (NAT gateways, flow logs) | | ${shared.map((s) => usd(s.monthlyUsd)).join(' | ')} |`);
  // The yardstick: the same work as containers that wait all month, at the Fargate rates of the table.
  const region = environments.at(-1)!.region;
  const containers = (architecture: 'X86_64' | 'ARM64') => {
    const rate = REGION_PRICES[region]!.fargate[architecture];
    return usd(COMPARED_CONTAINERS * (0.25 * rate.vcpuHour + 0.5 * rate.gbHour) * HOURS_PER_MONTH);
  };
  return [
    ...rows,
    '',
    `At the same Fargate rates (${region}), ${COMPARED_CONTAINERS} always-on containers of 0.25 vCPU and 0.5 GB cost ${containers('X86_64')} (X86_64) or ${containers('ARM64')} (ARM64) a month in compute alone.`,
    `Written by \`npm run docs\` from \`cost\`'s own estimates (prices read on ${PRICES_READ_ON}); \`npx nx run <pipeline>:cost -c <env>\` shows how each figure was counted.`,
  ].join('\n');
}

/** The environment whose cost by owner the docs quote: the last one, production. */
function quotedEnvironment(): string {
  return [...loadEnvironments().keys()].at(-1)!;
}

/** The example fleet's cost by owner team, as `npx nx run fleet:cost -c <the last environment>` prints it. */
export function fleetCostSection(root: string): string {
  const { manifests, unsynthesized } = readWorkspaceManifests(root);
  if (unsynthesized.length > 0) throw new Error(`docs: ${unsynthesized.join(', ')} not synthesized; run \`npx nx run fleet:validate\` first`);
  const environment = quotedEnvironment();
  const text = renderCostByOwner(costByOwner(manifests, loadEnvironment(environment)));
  return ['```', text.trimEnd(), '```'].join('\n');
}

/** The pipeline graph of dist/graph/pipelines.md (what `nx run fleet:validate` writes), as a fenced Mermaid block. */
export function graphSection(root: string): string {
  const text = readFileSync(join(root, 'dist/graph/pipelines.md'), 'utf8');
  const block = /```mermaid\n[\s\S]*?\n```/.exec(text);
  if (!block) throw new Error('docs: dist/graph/pipelines.md holds no mermaid block; run `npx nx run fleet:validate`');
  return block[0];
}

/** The benchmark tables of the saved run, or undefined when there is none. */
export function benchSection(root: string): string | undefined {
  const file = join(root, BENCHMARK_RUN);
  return existsSync(file) ? renderBenchTables(JSON.parse(readFileSync(file, 'utf8')) as BenchRun, BENCHMARK_RUN) : undefined;
}

/** Every generated part, rendered from the workspace's current output. */
export async function renderSections(root: string): Promise<Record<string, string>> {
  const bench = benchSection(root);
  return {
    cost: costSection(root),
    'fleet-cost': fleetCostSection(root),
    graph: graphSection(root),
    status: await statusSection(root),
    'policy-rules': policyRulesSection(dataPlatformPack),
    ...(bench !== undefined ? { bench } : {}),
  };
}
