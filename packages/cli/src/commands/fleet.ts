import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { loadEnvironment } from '@data-platform/config';
import { readWorkspaceManifests } from '@data-platform/core';
import { CommandError } from '../errors';
import { parseFleetArguments } from '../fleet/fleet-arguments';
import { checkFleet, checkOwners } from '../fleet/fleet-check';
import { fleetOf, teamsOf } from '../fleet/fleet-view';
import { renderGraphMarkdown } from '../fleet/pipeline-graph';
import { consoleReporter, type Reporter } from './reporter';

export const FLEET_USAGE = `usage: data-platform fleet [--env <name>] [--root <workspace>] [--out <file>]

Checks the whole fleet of pipelines of one environment, from the manifests their synths wrote
(pipelines/<name>/cdktf.out/fleet-manifest.json, and the access stack's for the teams): owners are
teams, upstreams exist and are jobs, no trigger cycle, no pipeline watching its own writes, upstreams
that share data intervals, datasets read exist, one writer per prefix. Then writes the pipeline graph
(Mermaid) to --out.
  --env   the environment (default dev)
  --root  the workspace (default: the current folder)
  --out   the graph's file (default dist/graph/pipelines.md, under --root)`;

export const fleetErrors = {
  unsynthesized: (folders: readonly string[]) =>
    new CommandError(
      `fleet: ${folders.join(', ')} ${folders.length === 1 ? 'has' : 'have'} no manifest (cdktf.out/fleet-manifest.json): synthesize every pipeline first, ` +
        '`npx nx run-many -t synth` (or run `npx nx run fleet:validate`, which does).',
    ),
  noAccessManifest: (environment: string) =>
    new CommandError(
      `fleet: stacks/access has no manifest of ${environment} with the teams (cdktf.out/fleet-manifest.json), so the pipelines' owners cannot be checked: ` +
        'synthesize it, `npx nx run access:synth` (or run `npx nx run fleet:validate`, which does).',
    ),
  findings: (environment: string, messages: readonly string[]) =>
    new CommandError(
      `fleet check of ${environment} failed: ${messages.length} problem${messages.length === 1 ? '' : 's'} no single pipeline can see:\n` +
        `${messages.map((m) => `  - ${m}`).join('\n')}\nNothing is deployed with these; fix the pipelines' main.ts and synthesize again.`,
    ),
};

/** `data-platform fleet`: the fleet check of one environment, then the pipeline graph. */
export async function fleet(argv: readonly string[], cwd: string = process.cwd(), report: Reporter = consoleReporter): Promise<number> {
  const values = parseFleetArguments('fleet', FLEET_USAGE, argv, { out: { type: 'string' } });
  if (values.help) {
    process.stdout.write(`${FLEET_USAGE}\n`);
    return 0;
  }
  const environment = loadEnvironment(values.env).name;
  const root = resolve(cwd, values.root);
  const { manifests, unsynthesized } = readWorkspaceManifests(root);
  if (unsynthesized.length > 0) throw fleetErrors.unsynthesized(unsynthesized);

  const pipelines = fleetOf(manifests, environment);
  // The teams are the access stack's (stacks/access/teams.ts); a workspace without one has none.
  const teams = teamsOf(manifests, environment);
  if (teams === undefined && existsSync(join(root, 'stacks', 'access', 'cdktf.json'))) throw fleetErrors.noAccessManifest(environment);
  const order = new Map(pipelines.map((p, i) => [p.name, i]));
  const findings = [...checkOwners(manifests, environment, teams ?? []), ...checkFleet(manifests, environment)]
    .sort((a, b) => (order.get(a.pipeline) ?? 0) - (order.get(b.pipeline) ?? 0));
  if (findings.length > 0) throw fleetErrors.findings(environment, findings.map((f) => f.message));
  report.step(`fleet ${environment}: ${pipelines.length} pipelines checked (owners, upstreams, cycles, own writes, intervals, datasets, writers): no problem`);

  const out = resolve(root, values.out ?? 'dist/graph/pipelines.md');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderGraphMarkdown(pipelines, environment));
  report.summary(`fleet ${environment}: pipeline graph written to ${relative(cwd, out) || out}`);
  return 0;
}
