import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// runApp as an app really runs: in its own process, compiled on load, like `cdktf.json`'s app.
function runScript(body: string): { status: number | null; stderr: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'run-app-'));
  const core = resolve(__dirname, '../src/index.ts');
  const config = resolve(__dirname, '../../config/src/index.ts');
  writeFileSync(join(dir, 'main.ts'), `import { runApp, PlatformError, PlatformStack } from ${JSON.stringify(core)};\nimport { loadEnvironment } from ${JSON.stringify(config)};\n${body}\n`);
  // Run from the workspace root, so that the loader resolves; the app writes where CDKTF_OUTDIR says.
  const result = spawnSync(process.execPath, ['-r', '@data-platform/core/register', join(dir, 'main.ts')], {
    cwd: resolve(__dirname, '../../..'),
    encoding: 'utf8',
    env: { ...process.env, CDKTF_OUTDIR: join(dir, 'cdktf.out') },
  });
  return { status: result.status, stderr: result.stderr, dir };
}

describe('runApp', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test('runApp - synthesizes the stacks the build adds', () => {
    const run = runScript(`runApp((app) => { new PlatformStack(app, { project: 'demo', environment: loadEnvironment('dev') }); });`);
    dirs.push(run.dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(join(run.dir, 'cdktf.out/stacks/demo-dev/cdk.tf.json'))).toBe(true);
  });

  test('runApp - throws an input error as one line, exit 1, nothing written', () => {
    const run = runScript(`runApp((app) => { new PlatformStack(app, { project: 'demo', environment: loadEnvironment('dev') }); throw new PlatformError('pipeline "demo": cpu is 3; allowed 256, 512.'); });`);
    dirs.push(run.dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('error: pipeline "demo": cpu is 3; allowed 256, 512.\n');
    // cdktf's App makes the empty cdktf.out/stacks folder when constructed; no stack is written.
    expect(existsSync(join(run.dir, 'cdktf.out/stacks/demo-dev'))).toBe(false);
  });

  test('runApp - an unknown environment is an input error too', () => {
    const run = runScript(`runApp(() => { loadEnvironment('qa'); });`);
    dirs.push(run.dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^error: unknown environment "qa"; known environments are "dev", "prod"\./);
  });
});
