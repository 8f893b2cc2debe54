import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_FILE, ManifestError, readFolderManifest, readWorkspaceManifests, writeManifest, type PipelineManifest } from '../src/manifest';

const manifest = (name: string): PipelineManifest => ({
  kind: 'pipeline',
  version: 1,
  name,
  environments: {
    dev: {
      stack: `${name}-dev`, owner: 'analytics', egress: [], mode: 'job', cpu: 256, memoryMiB: 512, architecture: 'ARM64', desiredCount: 0,
      schedule: { expression: 'rate(1 hour)', timezone: 'UTC' }, retries: 2, maxRuntimeMinutes: 60, logRetentionDays: 30,
      lake: { read: [], write: [`${name}/`] }, after: [], concurrency: 1, spot: false, datasets: {}, readsDatasets: [],
    },
  },
});

describe('manifest', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'manifest-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function folder(path: string, withManifest?: PipelineManifest): string {
    const dir = join(root, path);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cdktf.json'), '{}');
    if (withManifest) writeManifest(join(dir, 'cdktf.out'), withManifest);
    return dir;
  }

  test('writeManifest - writes cdktf.out/fleet-manifest.json that reads back the same', () => {
    const dir = folder('pipelines/orders', manifest('orders'));
    expect(readFolderManifest(dir)).toEqual(manifest('orders'));
  });

  test('readWorkspaceManifests - every synthesized folder, and the pipelines never synthesized', () => {
    folder('pipelines/b', manifest('b'));
    folder('pipelines/a', manifest('a'));
    folder('pipelines/new-one');
    folder('stacks/shared');
    mkdirSync(join(root, 'pipelines/not-a-stack'));
    const { manifests, unsynthesized } = readWorkspaceManifests(root);
    expect(manifests.map((m) => m.name)).toEqual(['a', 'b']);
    expect(unsynthesized).toEqual(['pipelines/new-one']);
  });

  test('writeManifest - leaves cdktf\'s own manifest.json alone (cdktf synth and plan read it)', () => {
    const dir = folder('stacks/shared');
    mkdirSync(join(dir, 'cdktf.out'));
    writeFileSync(join(dir, 'cdktf.out', 'manifest.json'), '{"version":"0.21.0","stacks":{}}');
    writeManifest(join(dir, 'cdktf.out'), manifest('shared'));
    expect(readFileSync(join(dir, 'cdktf.out', 'manifest.json'), 'utf8')).toBe('{"version":"0.21.0","stacks":{}}');
    expect(MANIFEST_FILE).toBe('fleet-manifest.json');
  });

  test('readFolderManifest - throws for a manifest of another version, naming the file and the fix', () => {
    const dir = folder('pipelines/old');
    mkdirSync(join(dir, 'cdktf.out'));
    writeFileSync(join(dir, 'cdktf.out', MANIFEST_FILE), JSON.stringify({ ...manifest('old'), version: 0 }));
    expect(() => readFolderManifest(dir)).toThrow(ManifestError);
    expect(() => readFolderManifest(dir)).toThrow(`${join(dir, 'cdktf.out', MANIFEST_FILE)} has manifest version 0; this workspace reads version 1. Synthesize its folder again.`);
  });

  test('readFolderManifest - throws for a manifest that is not JSON', () => {
    const dir = folder('pipelines/broken');
    mkdirSync(join(dir, 'cdktf.out'));
    writeFileSync(join(dir, 'cdktf.out', MANIFEST_FILE), '{');
    expect(() => readFolderManifest(dir)).toThrow(/is not valid JSON .*; synthesize its folder again\./);
  });
});
