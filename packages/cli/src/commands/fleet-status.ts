import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadEnvironment } from '@data-platform/config';
import { readWorkspaceManifests } from '@data-platform/core';
import { guardAccount } from '../aws/account-guard';
import type { AwsClientFactory } from '../aws/aws-clients';
import { CommandError } from '../errors';
import { parseFleetArguments } from '../fleet/fleet-arguments';
import { readFleetStatus, type FleetStatus } from '../status/fleet-status';
import { renderStatusPage } from '../status/status-page';
import { renderFleetStatus } from '../status/status-text';

export const FLEET_STATUS_USAGE = `usage: data-platform fleet-status [--env <name>] [--last <1-200>] [--json] [--html] [--root <workspace>]

Every pipeline of one environment now: owner, mode, last interval and outcome, fresh or late against
its promise, runs under way (a service: its tasks), next run; then each job's last intervals as a grid.
Pipelines come from the manifests their synths wrote; runs from the run ledger (DynamoDB), services
from ECS. Exits 1 when a pipeline is late, its last run did not succeed, or a service runs fewer
tasks than it should.
  --env   the environment (default dev)
  --last  intervals per job in the grid (default 24)
  --json  print one JSON document instead of the table
  --html  also write the page dist/status/<env>.html (one self-contained file)
  --root  the workspace (default: the current folder)`;

/** The most intervals a grid holds: a month of an hourly job is 720; a screen is 200. */
export const MAX_LAST = 200;

export const fleetStatusErrors = {
  badLast: (value: string) => new CommandError(`fleet-status: --last is ${JSON.stringify(value)}; expected a whole number of intervals from 1 to ${MAX_LAST} (default 24).`),
  unsynthesized: (folders: readonly string[]) =>
    new CommandError(
      `fleet-status: ${folders.join(', ')} ${folders.length === 1 ? 'has' : 'have'} no manifest (cdktf.out/fleet-manifest.json), so the status would miss ${folders.length === 1 ? 'it' : 'them'}: ` +
        'synthesize every pipeline first, `npx nx run-many -t synth` (or run `npx nx run fleet:status`, which does).',
    ),
};

/** What the command reads with: AWS clients, the clock, the terminal. */
export interface FleetStatusContext {
  readonly aws: AwsClientFactory;
  readonly now: () => number;
  /** Paint the grid (a terminal, NO_COLOR unset). @default false */
  readonly color?: boolean;
}

/** What the command prints, the page it wrote, and its exit code. */
export interface FleetStatusResult {
  readonly output: string;
  /** Absent for --help. */
  readonly status?: FleetStatus;
  /** The page, relative to the workspace, with `--html`. */
  readonly page?: string;
  readonly pageBytes?: number;
  readonly exitCode: 0 | 1;
}

/** `data-platform fleet-status`: the fleet of one environment, from the manifests, the run ledger and ECS. */
export async function fleetStatus(argv: readonly string[], context: FleetStatusContext, cwd: string = process.cwd()): Promise<FleetStatusResult> {
  const values = parseFleetArguments('fleet-status', FLEET_STATUS_USAGE, argv, {
    last: { type: 'string', default: '24' },
    json: { type: 'boolean', default: false },
    html: { type: 'boolean', default: false },
  });
  if (values.help) return { output: `${FLEET_STATUS_USAGE}\n`, exitCode: 0 };
  if (!/^\d+$/.test(values.last) || Number(values.last) < 1 || Number(values.last) > MAX_LAST) throw fleetStatusErrors.badLast(values.last);
  const environment = loadEnvironment(values.env);
  const root = join(cwd, values.root);
  const { manifests, unsynthesized } = readWorkspaceManifests(root);
  if (unsynthesized.length > 0) throw fleetStatusErrors.unsynthesized(unsynthesized);

  const aws = context.aws(environment.region);
  await guardAccount(aws.sts, { stack: `fleet ${environment.name}`, environment: environment.name, accountId: environment.accountId });
  const status = await readFleetStatus({ environment, manifests, dynamodb: aws.dynamodb, ecs: aws.ecs, nowMs: context.now(), last: Number(values.last) });

  let page: { path: string; bytes: number } | undefined;
  if (values.html) {
    const html = renderStatusPage(status);
    const dir = join(root, 'dist', 'status');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${environment.name}.html`);
    writeFileSync(file, html);
    page = { path: relative(root, file), bytes: Buffer.byteLength(html) };
  }
  const text = values.json ? `${JSON.stringify(status, null, 2)}\n` : renderFleetStatus(status, context.color ?? false);
  const written = page && !values.json ? `page: ${page.path} (${Math.round(page.bytes / 1024)} KB)\n` : '';
  return {
    output: `${text}${written}`,
    status,
    ...(page ? { page: page.path, pageBytes: page.bytes } : {}),
    exitCode: status.needingAttention > 0 ? 1 : 0,
  };
}
