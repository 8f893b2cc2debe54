import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadEnvironments } from '@data-platform/config';
import { readManifestFile, type PipelineManifest } from '@data-platform/core';
import { pipelineNameOf } from '../src/define-pipeline';

const ROOT = resolve(__dirname, '../../..');
const PIPELINES = join(ROOT, 'pipelines');
const ENVIRONMENTS = [...loadEnvironments().keys()];

interface Run {
  readonly code: number;
  readonly stderr: string;
  /** The synthesized stacks, by name. */
  readonly stacks: Record<string, unknown>;
  /** The folder's manifest (`cdktf.out/fleet-manifest.json`), when written. */
  readonly manifest?: PipelineManifest;
}

/** Runs a pipeline folder's app as `cdktf.json` says (what `cdktf synth` and `data-platform synth` run), into a temporary folder. */
function synthFolder(folder: string, env: Record<string, string> = {}): Promise<Run> {
  const app = (JSON.parse(readFileSync(join(folder, 'cdktf.json'), 'utf8')) as { app: string }).app;
  const outdir = mkdtempSync(join(tmpdir(), 'standard-etl-synth-'));
  return new Promise((done) => {
    execFile('sh', ['-c', app], { cwd: folder, env: { ...process.env, ...env, CDKTF_OUTDIR: outdir } }, (error, _stdout, stderr) => {
      const stacksDir = join(outdir, 'stacks');
      const stacks = existsSync(stacksDir)
        ? Object.fromEntries(readdirSync(stacksDir).map((stack) => [stack, JSON.parse(readFileSync(join(stacksDir, stack, 'cdk.tf.json'), 'utf8'))]))
        : {};
      const manifest = readManifestFile(join(outdir, 'fleet-manifest.json'));
      rmSync(outdir, { recursive: true, force: true });
      done({ code: error ? Number(error.code ?? 1) : 0, stderr, stacks, ...(manifest ? { manifest: manifest as PipelineManifest } : {}) });
    });
  });
}

/** Every pipeline folder: a folder under pipelines/ holding a cdktf.json. */
const folders = readdirSync(PIPELINES).filter((name) => existsSync(join(PIPELINES, name, 'cdktf.json'))).sort();

describe('definePipeline - the pipelines of this repository', () => {
  let runs: Record<string, Run>;
  beforeAll(async () => {
    const results = await Promise.all(folders.map((folder) => synthFolder(join(PIPELINES, folder))));
    runs = Object.fromEntries(folders.map((folder, i) => [folder, results[i]!]));
  });

  test('definePipeline - the examples are there: one per run mode and trigger', () => {
    expect(folders).toEqual(expect.arrayContaining(['catalogue-summary', 'partner-orders', 'shopify-products', 'ticketing-api']));
  });

  test.each(folders)('definePipeline - %s synthesizes one stack per environment, named after its folder', (folder) => {
    const run = runs[folder]!;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(Object.keys(run.stacks).sort()).toEqual(ENVIRONMENTS.map((environment) => `${folder}-${environment}`).sort());
  });

  test.each(folders)('definePipeline - %s writes its manifest beside its stacks: one entry per environment, as resolved there', (folder) => {
    const { manifest } = runs[folder]!;
    expect(manifest).toMatchObject({ kind: 'pipeline', version: 1, name: folder });
    expect(Object.keys(manifest!.environments).sort()).toEqual([...ENVIRONMENTS].sort());
    for (const [environment, entry] of Object.entries(manifest!.environments)) {
      expect(entry.stack).toBe(`${folder}-${environment}`);
      expect(entry.lake.write.length + entry.lake.read.length).toBeGreaterThan(0);
      // Every example declares its datasets; the task role writes their prefixes, and only its own others.
      expect(Object.keys(entry.datasets).length).toBeGreaterThan(0);
      const datasetPrefixes = Object.values(entry.datasets).map((d) => d.prefix);
      expect(entry.lake.write).toEqual(expect.arrayContaining(datasetPrefixes));
      for (const prefix of entry.lake.write) expect(prefix.startsWith(`${folder}/`)).toBe(true);
    }
  });

  test('definePipeline - a scheduled job\'s manifest counts its runs a month and the state transitions of one run (prepare, take the slot, run, free it, succeed), a service\'s neither', () => {
    expect(runs['shopify-products']!.manifest!.environments.dev).toMatchObject({ scheduledRunsPerMonth: 730, standardTransitionsPerRun: 5 });
    const service = runs['ticketing-api']!.manifest!.environments.dev!;
    expect(service.scheduledRunsPerMonth).toBeUndefined();
    expect(service.standardTransitionsPerRun).toBeUndefined();
  });

  test('definePipeline - catalogue-summary reads shopify-products.products, on exactly its prefix', () => {
    const entry = runs['catalogue-summary']!.manifest!.environments.dev!;
    expect(entry.readsDatasets).toEqual(['shopify-products.products']);
    expect(entry.lake.read).toEqual(['shopify-products/products/']);
    expect(entry.datasets.summary).toMatchObject({ table: 'catalogue_summary_summary', prefix: 'catalogue-summary/summary/', partitionedBy: 'hour', format: 'parquet' });
    expect(runs['shopify-products']!.manifest!.environments.prod!.datasets.products!.columns.id).toEqual({ type: 'bigint', pii: false, description: 'Shopify product id', nullable: false });
  });

  test.each(folders)('definePipeline - %s matches its snapshots (one per stack)', (folder) => {
    for (const [stack, json] of Object.entries(runs[folder]!.stacks)) expect(json).toMatchSnapshot(stack);
  });

  test.each(folders)('definePipeline - the main.ts of %s is configuration only', (folder) => {
    const main = readFileSync(join(PIPELINES, folder, 'main.ts'), 'utf8');
    expect(main).toMatch(/^import \{ definePipeline \} from '@data-platform\/standard-etl';$/m);
    expect(main).not.toMatch(/@cdktf\/provider-aws|from 'cdktf'|new [A-Z]/);
    expect(main).not.toContain(`'${folder}'`);
    // Short: settings, plus one line per column of its datasets.
    expect(main.split('\n').length).toBeLessThanOrEqual(50);
  });
});

describe('definePipeline - the apps of the pipelines', () => {
  test.each(folders)('definePipeline - %s/app builds a non-root image that keeps /tmp writable, with the runtime installed', (folder) => {
    // The app's own Dockerfile, else the platform's standard one (packages/pipeline-runtime/Dockerfile).
    const own = join(PIPELINES, folder, 'app', 'Dockerfile');
    const dockerfile = readFileSync(existsSync(own) ? own : join(PIPELINES, '..', 'packages', 'pipeline-runtime', 'Dockerfile'), 'utf8');
    const user = /^USER\s+(\S+)\s*$/m.exec(dockerfile)?.[1];
    expect(user).toBeDefined();
    expect(['0', 'root']).not.toContain(user!.split(':')[0]);
    expect(dockerfile).toMatch(/^VOLUME \["\/tmp"\]$/m);
    // Every module of the app, not its tests; the runtime from the build context named "runtime".
    expect(dockerfile).toMatch(/^COPY \*\.py \.\/$/m);
    expect(dockerfile).toMatch(/^COPY --from=runtime /m);
    expect(existsSync(join(PIPELINES, folder, 'app', 'requirements.txt'))).toBe(true);
  });

  test.each(folders)('definePipeline - %s/app/main.py is valid Python that runs through the runtime and writes a declared dataset', async (folder) => {
    const file = join(PIPELINES, folder, 'app', 'main.py');
    const parsed = await new Promise<{ code: number; stderr: string }>((done) =>
      execFile('python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])', file], (error, _stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stderr })),
    );
    expect(parsed).toEqual({ code: 0, stderr: '' });
    const source = readFileSync(file, 'utf8');
    // main.py wires: the runtime reads the settings and handles SIGTERM (run_main), and writes the declared dataset.
    expect(source).toMatch(/^from data_platform_runtime import .*\brun_main\b/m);
    expect(source).toMatch(/\.write\(settings\.dataset\("\w+"\), /);
    expect(source).toMatch(/^from transform import /m);
    expect(source).not.toMatch(/^import boto3/m);
    expect(existsSync(join(PIPELINES, folder, 'app', 'lake.py'))).toBe(false);
  });

  test.each(folders)('definePipeline - %s/app tests its transform with pytest (app/tests/test_transform.py)', (folder) => {
    const tests = readFileSync(join(PIPELINES, folder, 'app', 'tests', 'test_transform.py'), 'utf8');
    expect(tests).toMatch(/^from transform import /m);
    expect(tests).toMatch(/^def test_\w+\(/m);
  });
});

describe('definePipeline - bad input', () => {
  let workspace: string;
  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'standard-etl-pipeline-'));
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  /** A pipeline folder outside the repository, resolving the workspace packages through NODE_PATH. */
  function pipelineFolder(name: string, config: string): string {
    const folder = join(workspace, name);
    mkdirSync(folder, { recursive: true });
    // `--import tsx` resolves from the folder, and ESM ignores NODE_PATH: name the loader by its path.
    const tsx = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    writeFileSync(join(folder, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `node --import ${tsx} main.ts` }));
    writeFileSync(join(folder, 'main.ts'), `import { definePipeline } from '@data-platform/standard-etl';\n\ndefinePipeline(__dirname, ${config});\n`);
    return folder;
  }

  test('definePipeline - prints one line naming pipeline, field, value and what is allowed, exits 1 and synthesizes nothing', async () => {
    const folder = pipelineFolder('bad-size', "{ mode: 'service', cpu: 256, memoryMiB: 4096 }");
    const run = await synthFolder(folder, { NODE_PATH: join(ROOT, 'node_modules') });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: pipeline "bad-size" (bad-size-dev/Pipeline): cpu/memoryMiB is {"cpu":256,"memoryMiB":4096}; ' +
        'Fargate (ARM64) does not offer this pair; it offers cpu 256 with memoryMiB 512, 1024, 2048.\n',
    );
    expect(run.stacks).toEqual({});
    expect(run.manifest).toBeUndefined();
  });

  test('definePipeline - an error in one environment stops every stack', async () => {
    const folder = pipelineFolder('prod-only-bad', "{ mode: 'service', overrides: { prod: { variables: { DB_PASSWORD: 'hunter2' } } } }");
    const run = await synthFolder(folder, { NODE_PATH: join(ROOT, 'node_modules') });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: pipeline "prod-only-bad" \(prod-only-bad-prod\/Pipeline\): overrides\.prod\.variables\.DB_PASSWORD is "DB_PASSWORD"; /);
    expect(run.stderr).not.toContain('hunter2');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stacks).toEqual({});
  });
});

describe('pipelineNameOf', () => {
  test('pipelineNameOf - the name is the folder name', () => {
    expect(pipelineNameOf('/repo/pipelines/ticketing-api')).toBe('ticketing-api');
    expect(pipelineNameOf('/repo/pipelines/ticketing-api/')).toBe('ticketing-api');
  });
});
