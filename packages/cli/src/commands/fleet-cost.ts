import { resolve } from 'node:path';
import { loadEnvironment } from '@data-platform/config';
import { readWorkspaceManifests } from '@data-platform/core';
import { costByOwner, renderCostByOwner } from '../cost/owner-cost';
import { CommandError } from '../errors';
import { parseFleetArguments } from '../fleet/fleet-arguments';

export const FLEET_COST_USAGE = `usage: data-platform fleet-cost [--env <name>] [--root <workspace>] [--json]

The estimated monthly cost of every pipeline of one environment, totalled by the team that owns it,
from the manifests their synths wrote (pipelines/<name>/cdktf.out/fleet-manifest.json) and the price
table of the region. No AWS call.
  --env   the environment (default dev)
  --root  the workspace (default: the current folder)
  --json  print one JSON document instead of the table`;

export const fleetCostErrors = {
  unsynthesized: (folders: readonly string[]) =>
    new CommandError(
      `fleet-cost: ${folders.join(', ')} ${folders.length === 1 ? 'has' : 'have'} no manifest (cdktf.out/fleet-manifest.json), so the total would miss ${folders.length === 1 ? 'it' : 'them'}: ` +
        'synthesize every pipeline first, `npx nx run-many -t synth` (or run `npx nx run fleet:cost`, which does).',
    ),
};

/** `data-platform fleet-cost`: the fleet's estimate by owner team. Returns the text (or JSON) to print. */
export function fleetCost(argv: readonly string[], cwd: string = process.cwd()): string {
  const values = parseFleetArguments('fleet-cost', FLEET_COST_USAGE, argv, { json: { type: 'boolean', default: false } });
  if (values.help) return `${FLEET_COST_USAGE}\n`;
  const environment = loadEnvironment(values.env);
  const { manifests, unsynthesized } = readWorkspaceManifests(resolve(cwd, values.root));
  if (unsynthesized.length > 0) throw fleetCostErrors.unsynthesized(unsynthesized);
  const report = costByOwner(manifests, environment);
  return values.json ? `${JSON.stringify(report, null, 2)}\n` : renderCostByOwner(report);
}
