import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeManifest, type PipelineManifest } from '@data-platform/core';
import { fleetCost } from '../../src/commands/fleet-cost';
import { CommandError } from '../../src/errors';
import { pipelineManifest } from '../plan/manifest-fixtures';

describe('fleet-cost', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fleet-cost-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function pipeline(name: string, manifest?: PipelineManifest): void {
    const dir = join(root, 'pipelines', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdktf.json'), '{}');
    if (manifest) writeManifest(join(dir, 'cdktf.out'), manifest);
  }

  test('fleet-cost - the fleet of the environment by owner, from the manifests in the workspace', () => {
    pipeline('ticketing-api', pipelineManifest('ticketing-api'));
    pipeline('catalogue-feed', pipelineManifest('catalogue-feed', { owner: 'analytics' }));
    const text = fleetCost(['--env', 'prod', '--root', root]);
    expect(text).toContain('Estimated monthly cost of the pipelines of prod by owner, eu-west-1: $15.62 a month (estimate)');
    expect(text).toContain('1 pipeline(s): ticketing-api $7.81');
    const json = JSON.parse(fleetCost(['--json'], root));
    expect(json).toMatchObject({ environment: 'dev', pipelineCount: 2, owners: [{ owner: 'analytics' }, { owner: 'orders-team' }] });
  });

  test('fleet-cost - throws when a pipeline was never synthesized (the total would miss it), and on a bad argument', () => {
    pipeline('ticketing-api', pipelineManifest('ticketing-api'));
    pipeline('new-one');
    expect(() => fleetCost([], root)).toThrow(
      'fleet-cost: pipelines/new-one has no manifest (cdktf.out/fleet-manifest.json), so the total would miss it: synthesize every pipeline first, ' +
        '`npx nx run-many -t synth` (or run `npx nx run fleet:cost`, which does).',
    );
    expect(() => fleetCost(['--by'], root)).toThrow(CommandError);
  });
});
