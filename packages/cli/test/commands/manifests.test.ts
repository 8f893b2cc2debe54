import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifests } from '../../src/commands/manifests';
import { pipelineManifest } from '../plan/manifest-fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'manifests-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function folder(root: string, name: string, manifest?: unknown): void {
  mkdirSync(join(dir, 'workspace', root, name, 'cdktf.out'), { recursive: true });
  writeFileSync(join(dir, 'workspace', root, name, 'cdktf.json'), '{"app":"node main.ts"}');
  if (manifest) writeFileSync(join(dir, 'workspace', root, name, 'cdktf.out', 'fleet-manifest.json'), JSON.stringify(manifest));
}

describe('manifests', () => {
  test('manifests - copies every synthesized folder\'s manifest to <out>/<folder>.json and names those without one', () => {
    folder('pipelines', 'poller', pipelineManifest('poller'));
    folder('pipelines', 'fresh');
    folder('stacks', 'shared');
    let text = '';
    expect(manifests(['--workspace', 'workspace', '--out', 'dist/manifests/head'], { cwd: dir, write: (t) => (text += t) })).toBe(0);
    expect(readdirSync(join(dir, 'dist', 'manifests', 'head'))).toEqual(['poller.json']);
    expect(JSON.parse(readFileSync(join(dir, 'dist', 'manifests', 'head', 'poller.json'), 'utf8'))).toEqual(pipelineManifest('poller'));
    expect(text.trimEnd().split('\n')).toEqual([
      'pipelines/fresh: no manifest (not synthesized, or it declares nothing for the fleet)',
      `pipelines/poller: ${join('dist/manifests/head', 'poller.json')}`,
      'stacks/shared: no manifest (not synthesized, or it declares nothing for the fleet)',
    ]);
  });

  test('manifests - throws without --out, and on a folder that is not a workspace', () => {
    expect(() => manifests([], { cwd: dir, write: () => undefined })).toThrow(/^manifests: --out is required\nusage: data-platform manifests/);
    expect(() => manifests(['--out', 'x'], { cwd: dir, write: () => undefined })).toThrow(
      `manifests: ${dir} has neither pipelines/ nor stacks/; pass --workspace <the workspace root>.`,
    );
  });
});
