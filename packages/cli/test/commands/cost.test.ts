import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineManifest } from '@data-platform/core';
import { cost } from '../../src/commands/cost';
import { StackProject } from '../../src/stack-project';

let workspace: string;

function folder(root: 'pipelines' | 'stacks', name: string, manifest?: unknown): StackProject {
  const dir = join(workspace, root, name);
  mkdirSync(join(dir, 'cdktf.out'), { recursive: true });
  writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ app: 'node --import tsx main.ts' }));
  if (manifest) writeFileSync(join(dir, 'cdktf.out', 'fleet-manifest.json'), JSON.stringify(manifest));
  return new StackProject(dir);
}

const job = (name: string, entry: Record<string, unknown>): PipelineManifest => ({
  kind: 'pipeline', version: 1, name,
  environments: {
    dev: {
      stack: `${name}-dev`, owner: 'analytics', egress: [], mode: 'job', cpu: 256, memoryMiB: 512, architecture: 'ARM64', desiredCount: 0, retries: 2,
      maxRuntimeMinutes: 30, logRetentionDays: 30, lake: { read: [], write: [`${name}/`] }, after: [], concurrency: 1, spot: false, datasets: {}, readsDatasets: [], ...entry,
    },
  },
});

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'cost-'));
});
afterEach(() => rmSync(workspace, { recursive: true, force: true }));

describe('cost', () => {
  test('cost - prints a pipeline\'s estimate, reading its upstream\'s schedule from the workspace\'s manifests', () => {
    folder('pipelines', 'hourly', job('hourly', { schedule: { expression: 'rate(1 hour)', timezone: 'UTC' }, scheduledRunsPerMonth: 730 }));
    const summary = folder('pipelines', 'summary', job('summary', { after: ['hourly'], expectedRuntimeMinutes: 3, standardTransitionsPerRun: 2 }));
    const text = cost(summary, 'dev');
    expect(text.split('\n')[0]).toBe('Estimated monthly cost of summary-dev, eu-west-1: $1.00 a month (estimate)');
    expect(text).toContain('730 runs (after hourly (rate(1 hour))) × 3 min = 36.5 h at $0.00988/h');
    expect(text).toMatch(/^Estimates from public on-demand prices read on 2026-12-01 \(https:\/\/aws\.amazon\.com\/fargate\/pricing\/, /m);
  });

  test('cost - the shared stack: its NAT gateways and flow logs', () => {
    expect(cost(folder('stacks', 'shared'), 'prod').split('\n')[0]).toBe(
      'Estimated monthly cost of shared-prod (NAT gateways and flow logs, whatever the pipelines), eu-west-1: $81.15 a month (estimate)',
    );
  });

  test('cost - throws for a stack folder whose manifest is not a pipeline\'s', () => {
    const project = folder('stacks', 'access', { kind: 'access', version: 1, name: 'access' });
    expect(() => cost(project, 'dev')).toThrow(
      'cost: access\'s manifest is of kind "access"; cost estimates a pipeline (pipelines/<name>) or the shared stack (stacks/shared).',
    );
  });

  test('cost - throws when the folder was never synthesized', () => {
    const project = folder('pipelines', 'fresh');
    expect(() => cost(project, 'dev')).toThrow(
      `cost: fresh has no manifest (${join(project.dir, 'cdktf.out', 'fleet-manifest.json')} is missing): run \`npx nx run fresh:synth\` first (the cost target does it for you).`,
    );
  });
});
