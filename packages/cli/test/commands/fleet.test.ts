import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeManifest, type AccessManifest, type PipelineManifest } from '@data-platform/core';
import { fleet } from '../../src/commands/fleet';
import { CommandError } from '../../src/errors';
import { CollectingReporter } from '../support/collecting-reporter';
import { manifest } from '../fleet/fleet-fixtures';

describe('fleet', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fleet-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** The access stack's folder, with a manifest listing these teams in dev and prod (none: never synthesized). */
  function access(teams?: readonly string[]): void {
    const dir = join(root, 'stacks', 'access');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdktf.json'), '{}');
    if (!teams) return;
    const owners = Object.fromEntries(teams.map((team) => [team, { owner: `@acme-data/${team}-leads`, pipelines: [] }]));
    const manifest: AccessManifest = {
      kind: 'access', version: 1, name: 'access',
      environments: { dev: { stack: 'access-dev', teams: {}, owners }, prod: { stack: 'access-prod', teams: {}, owners } },
    };
    writeManifest(join(dir, 'cdktf.out'), manifest);
  }

  function pipeline(entry: PipelineManifest | string): void {
    const name = typeof entry === 'string' ? entry : entry.name;
    const dir = join(root, 'pipelines', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdktf.json'), '{}');
    if (typeof entry !== 'string') writeManifest(join(dir, 'cdktf.out'), entry);
  }

  test('fleet - checks the fleet of the environment and writes the pipeline graph', async () => {
    access(['analytics', 'orders-team']);
    pipeline(manifest('orders', { schedule: 'rate(1 hour)' }));
    pipeline(manifest('summary', { after: ['orders'] }));
    const report = new CollectingReporter();
    expect(await fleet(['--env', 'prod'], root, report)).toBe(0);
    expect(report.steps).toEqual(['fleet prod: 2 pipelines checked (owners, upstreams, cycles, own writes, intervals, datasets, writers): no problem']);
    const graph = readFileSync(join(root, 'dist/graph/pipelines.md'), 'utf8');
    expect(graph).toContain('# Pipelines of prod');
    expect(graph).toContain('p_orders ==>|after| p_summary');
  });

  test('fleet - throws with every finding, one line each, and writes no graph', async () => {
    access(['orders-team']);
    pipeline(manifest('a', { after: ['b'] }));
    pipeline(manifest('b', { after: ['a', 'ghost'] }));
    const failure = (await fleet([], root, new CollectingReporter()).catch((e: unknown) => e)) as Error;
    expect(failure).toBeInstanceOf(CommandError);
    expect(failure.message).toBe(
      [
        'fleet check of dev failed: 2 problems no single pipeline can see:',
        '  - pipeline "a": after[0] is "b"; it closes a trigger cycle a -> b -> a: each run would start the next forever. Remove one of these triggers.',
        '  - pipeline "b": after[1] is "ghost"; no pipeline of that name exists (known pipelines: a); name a folder under pipelines/.',
        'Nothing is deployed with these; fix the pipelines\' main.ts and synthesize again.',
      ].join('\n'),
    );
    expect(existsSync(join(root, 'dist/graph/pipelines.md'))).toBe(false);
  });

  test('fleet - throws for a pipeline folder that was never synthesized, with the command to run', async () => {
    pipeline(manifest('orders', { schedule: 'rate(1 hour)' }));
    pipeline('new-one');
    await expect(fleet([], root, new CollectingReporter())).rejects.toThrow(
      'fleet: pipelines/new-one has no manifest (cdktf.out/fleet-manifest.json): synthesize every pipeline first, `npx nx run-many -t synth` (or run `npx nx run fleet:validate`, which does).',
    );
  });

  test('fleet - throws for an unknown environment and a bad argument', async () => {
    await expect(fleet(['--env', 'qa'], root, new CollectingReporter())).rejects.toThrow('unknown environment "qa"');
    await expect(fleet(['--nope'], root, new CollectingReporter())).rejects.toThrow(/^fleet: Unknown option '--nope'/);
  });

  test('fleet - throws on a pipeline whose owner is no team, listing the teams', async () => {
    access(['analytics', 'orders-team']);
    pipeline(manifest('orders', { schedule: 'rate(1 hour)', owner: 'order-team' }));
    pipeline(manifest('summary', { after: ['orders'], owner: 'analytics' }));
    await expect(fleet([], root, new CollectingReporter())).rejects.toThrow(
      [
        'fleet check of dev failed: 1 problem no single pipeline can see:',
        '  - pipeline "orders": owner is "order-team"; no team of that name in stacks/access/teams.ts (teams: analytics, orders-team); ' +
          'name one of them, or add the team there (its alerts destination with it).',
      ].join('\n'),
    );
    expect(existsSync(join(root, 'dist/graph/pipelines.md'))).toBe(false);
  });

  test('fleet - throws when the access stack was never synthesized: the owners cannot be checked', async () => {
    access();
    pipeline(manifest('orders', { schedule: 'rate(1 hour)' }));
    await expect(fleet([], root, new CollectingReporter())).rejects.toThrow(
      'fleet: stacks/access has no manifest of dev with the teams (cdktf.out/fleet-manifest.json), so the pipelines\' owners cannot be checked: ' +
        'synthesize it, `npx nx run access:synth` (or run `npx nx run fleet:validate`, which does).',
    );
  });

  test('fleet - a workspace without an access stack has no team: every owner is refused', async () => {
    pipeline(manifest('orders', { schedule: 'rate(1 hour)' }));
    await expect(fleet([], root, new CollectingReporter())).rejects.toThrow(
      'pipeline "orders": owner is "orders-team"; no team of that name in stacks/access/teams.ts (teams: none)',
    );
  });
});
