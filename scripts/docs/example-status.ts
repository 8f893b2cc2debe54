import { loadEnvironment } from '@data-platform/config';
import { readWorkspaceManifests, type LedgerRecord, type PipelineManifest } from '@data-platform/core';
import { defaultAwsClients } from '../../packages/cli/src/aws/aws-clients';
import { fleetStatus, type FleetStatusResult } from '../../packages/cli/src/commands/fleet-status';
import { fleetOf } from '../../packages/cli/src/fleet/fleet-view';
import { lastIntervals } from '../../packages/cli/src/status/fleet-status';
import { FakeAws, setEnv } from '../../packages/cli/test/support/fake-aws';
import { addLedgerTable, ledgerRun, seedLedger } from '../../packages/cli/test/support/ledger-fixture';

/**
 * The example fleet's status, as the docs show it (its text in docs/operating.md, written by
 * `npm run docs`, and the screenshot of its page, by `npm run docs:screenshot`): the pipelines of
 * `pipelines/` as their manifests declare them, and a day of runs recorded in a run ledger seeded
 * through the loopback AWS endpoint, the same on every machine (a fixed "now"). The day, by what starts each job:
 * - a scheduled job: every hour succeeded, but one that failed and was rerun by hand (the rerun
 *   shows), one that gave up waiting, and the current hour running;
 * - a job after an upstream: each interval its upstream succeeded for, the newest one failed;
 * - a job started by data: six quiet windows, one timed out;
 * - an always-on service: its tasks all running.
 */

/** The docs' "now". */
export const EXAMPLE_NOW = Date.parse('2026-12-01T12:30:00Z');
const ENVIRONMENT = 'dev';
const GRID = 24;

function scheduledDay(name: string, schedule: { expression: string; timezone: string }): LedgerRecord[] {
  const intervals = lastIntervals(schedule, GRID, EXAMPLE_NOW);
  return intervals.flatMap(({ start, end }, i) => {
    const interval = { startMs: Date.parse(start), endMs: Date.parse(end) };
    const started = (minutes: number) => ({ startedAt: new Date(interval.endMs + minutes * 60_000).toISOString() });
    const ended = (minutes: number) => ({ endedAt: new Date(interval.endMs + minutes * 60_000).toISOString() });
    if (i === GRID - 1) return [ledgerRun(name, interval, 'RUNNING', { ...started(1), deadline: new Date(interval.endMs + 4 * 3_600_000).toISOString() })];
    if (i === GRID - 7) {
      const rerun = `manual-${start.replace(/[-:]/g, '').slice(0, 13)}Z-${end.replace(/[-:]/g, '').slice(0, 13)}Z-7c1e2a`;
      return [
        ledgerRun(name, interval, 'FAILED', { ...started(1), ...ended(16) }),
        ledgerRun(name, interval, 'SUCCEEDED', { run: rerun, triggerKind: 'manual', trigger: { kind: 'manual', startedBy: 'arn:aws:sts::111111111111:assumed-role/Developer/ana' }, ...started(41), ...ended(45) }),
      ];
    }
    if (i === GRID - 16) {
      return [ledgerRun(name, interval, 'GAVE_UP', { ...started(1), ...ended(61), attempts: 0, taskArn: undefined, exitCode: undefined, error: 'Pipeline.GaveUpWaiting', cause: `Run of ${name} (dev) gave up: another run held the run slot for 60 minutes (its maxRuntimeMinutes).` })];
    }
    return [ledgerRun(name, interval, 'SUCCEEDED', { ...started(1), ...ended(4) })];
  });
}

/** The example fleet's ledger for the docs' day, from the manifests of `pipelines/`. */
export function exampleLedger(manifests: readonly PipelineManifest[]): LedgerRecord[] {
  const fleet = fleetOf(manifests, ENVIRONMENT);
  const records: LedgerRecord[] = [];
  const byName = new Map<string, LedgerRecord[]>();
  // Upstreams before their downstreams: a job after another runs what its upstream succeeded for.
  const ordered = [...fleet].sort((a, b) => a.after.length - b.after.length || a.name.localeCompare(b.name));
  for (const pipeline of ordered) {
    if (pipeline.mode !== 'job') continue;
    let own: LedgerRecord[] = [];
    if (pipeline.schedule) {
      own = scheduledDay(pipeline.name, pipeline.schedule);
    } else if (pipeline.after.length > 0) {
      const succeeded = (byName.get(pipeline.after[0]!) ?? []).filter((r) => r.outcome === 'SUCCEEDED' && r.triggerKind === 'schedule');
      const upstreamIntervals = new Set((byName.get(pipeline.after[0]!) ?? []).filter((r) => r.outcome === 'SUCCEEDED').map((r) => `${r.intervalStart}/${r.intervalEnd}`));
      own = [...upstreamIntervals].sort().map((key, i, all) => {
        const [start, end] = key.split('/') as [string, string];
        const upstream = succeeded.find((r) => r.intervalStart === start) ?? (byName.get(pipeline.after[0]!) ?? []).find((r) => r.intervalStart === start)!;
        const interval = { startMs: Date.parse(start), endMs: Date.parse(end) };
        const startedMs = Date.parse(upstream.endedAt!) + 2_000;
        const outcome = i === all.length - 1 ? 'FAILED' : 'SUCCEEDED';
        return ledgerRun(pipeline.name, interval, outcome, {
          triggerKind: 'after',
          trigger: { kind: 'after', upstreams: [{ pipeline: pipeline.after[0], execution: upstream.executionArn }] },
          startedAt: new Date(startedMs).toISOString(),
          endedAt: new Date(startedMs + (outcome === 'FAILED' ? 9 : 2) * 60_000).toISOString(),
        });
      });
    } else if (pipeline.onData) {
      const quietMs = pipeline.onData.quietMinutes * 60_000;
      own = [44, 38, 29, 20, 9, 3].map((hoursAgo, i) => {
        const startMs = Math.floor((EXAMPLE_NOW - hoursAgo * 3_600_000) / quietMs) * quietMs;
        const interval = { startMs, endMs: startMs + quietMs };
        return ledgerRun(pipeline.name, interval, i === 2 ? 'TIMED_OUT' : 'SUCCEEDED', {
          triggerKind: 'data',
          trigger: { kind: 'data', prefixes: pipeline.onData!.prefixes },
          ...(i === 2 ? { error: 'States.Timeout', cause: 'The execution outlived its TimeoutSeconds.', recordedBy: 'status-event', attempts: undefined, taskArn: undefined, exitCode: undefined } : {}),
        });
      });
    }
    byName.set(pipeline.name, own);
    records.push(...own);
  }
  return records;
}

/**
 * `fleet-status` of the example fleet on the docs' day: the manifests of `pipelines/` (synthesized
 * first), the ledger seeded through a loopback endpoint of this process, every service running.
 */
export async function exampleFleetStatus(root: string, options: { readonly html?: boolean } = {}): Promise<FleetStatusResult> {
  const { manifests, unsynthesized } = readWorkspaceManifests(root);
  if (unsynthesized.length > 0) throw new Error(`docs: ${unsynthesized.join(', ')} not synthesized; run \`npx nx run fleet:validate\` first`);
  const pipelines = manifests.filter((m): m is PipelineManifest => m.kind === 'pipeline');
  const aws = new FakeAws(10 * 60_000);
  await aws.start();
  const restore = setEnv({ ...aws.env(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  try {
    aws.identity = { account: loadEnvironment(ENVIRONMENT).accountId, arn: 'arn:aws:sts::111111111111:assumed-role/Developer/ana' };
    addLedgerTable(aws, ENVIRONMENT);
    await seedLedger(exampleLedger(pipelines), ENVIRONMENT, loadEnvironment(ENVIRONMENT).region);
    for (const pipeline of pipelines) {
      const entry = pipeline.environments[ENVIRONMENT];
      if (entry?.mode !== 'service') continue;
      const count = entry.desiredCount;
      aws.serviceStates.set(`dp-${pipeline.name}-${ENVIRONMENT}`, [{ status: 'ACTIVE', desiredCount: count, runningCount: count, pendingCount: 0, deployments: [], events: [] }]);
    }
    return await fleetStatus(['--env', ENVIRONMENT, '--last', String(GRID), ...(options.html ? ['--html'] : [])], { aws: defaultAwsClients, now: () => EXAMPLE_NOW }, root);
  } finally {
    restore();
    await aws.stop();
  }
}

/** The docs' section (docs/operating.md): the command line and what it prints for the example fleet. */
export async function statusSection(root: string): Promise<string> {
  const result = await exampleFleetStatus(root);
  return [
    '```text',
    '$ npx nx run fleet:status -c dev',
    result.output.trimEnd(),
    '```',
    `It exits ${result.exitCode}. Written by \`npm run docs\` from \`fleet-status\` itself, on the example fleet and a day of runs seeded into a run ledger through the loopback AWS endpoint (\`scripts/docs/example-status.ts\`).`,
  ].join('\n');
}
