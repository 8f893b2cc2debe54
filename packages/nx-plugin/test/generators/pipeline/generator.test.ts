import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { pipelineGenerator, type PipelineGeneratorSchema } from '../../../src/generators/pipeline/generator';

const WORKSPACE = join(__dirname, '../../../../..');

function filesUnder(tree: Tree, folder: string): string[] {
  return tree.children(folder).flatMap((child) => {
    const path = `${folder}/${child}`;
    return tree.isFile(path) ? [path] : filesUnder(tree, path);
  });
}

describe('pipelineGenerator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

  const generate = (options: PipelineGeneratorSchema) => pipelineGenerator(tree, options);

  test('pipelineGenerator - scaffolds main.ts, cdktf.json, app/ and a README in pipelines/<name>', async () => {
    await generate({ name: 'orders-feed' });

    expect(filesUnder(tree, 'pipelines/orders-feed').sort()).toEqual([
      'pipelines/orders-feed/README.md',
      'pipelines/orders-feed/app/main.py',
      'pipelines/orders-feed/app/requirements.txt',
      'pipelines/orders-feed/app/source.py',
      'pipelines/orders-feed/app/tests/test_main.py',
      'pipelines/orders-feed/app/tests/test_transform.py',
      'pipelines/orders-feed/app/transform.py',
      'pipelines/orders-feed/cdktf.json',
      'pipelines/orders-feed/main.ts',
    ]);
  });

  test('pipelineGenerator - by default, main.ts declares an hourly job and the dataset its template writes, nothing else', async () => {
    await generate({ name: 'orders-feed' });

    const main = tree.read('pipelines/orders-feed/main.ts', 'utf8')!;
    expect(main).toContain("import { definePipeline } from '@data-platform/standard-etl';");
    expect(main.slice(main.indexOf('definePipeline(__dirname'))).toBe(
      "definePipeline(__dirname, {\n  mode: 'job',\n  schedule: 'rate(1 hour)',\n  datasets: {\n    records: {\n      description: 'One row per source item updated in the interval (replace with what one row of this pipeline is).',\n      columns: {\n        id: { type: 'string', nullable: false },\n        updated_at: 'timestamp',\n        interval_start: { type: 'timestamp', nullable: false },\n        interval_end: { type: 'timestamp', nullable: false },\n      },\n      partitionedBy: 'hour',\n      format: 'parquet',\n    },\n  },\n});\n",
    );
    // The name comes from the folder: it is never typed a second time.
    expect(main).not.toMatch(/name:/);
  });

  test('pipelineGenerator - service mode loops every LOOP_INTERVAL seconds and has no schedule', async () => {
    await generate({ name: 'orders-feed', mode: 'service', cpu: 512, memoryMiB: 2048 });

    const main = tree.read('pipelines/orders-feed/main.ts', 'utf8')!;
    expect(main.slice(main.indexOf('definePipeline(__dirname'))).toBe(
      "definePipeline(__dirname, {\n  mode: 'service',\n  cpu: 512,\n  memoryMiB: 2048,\n  datasets: {\n    records: {\n      description: 'One row per source item updated in the interval (replace with what one row of this pipeline is).',\n      columns: {\n        id: { type: 'string', nullable: false },\n        updated_at: 'timestamp',\n        interval_start: { type: 'timestamp', nullable: false },\n        interval_end: { type: 'timestamp', nullable: false },\n      },\n      partitionedBy: 'hour',\n      format: 'parquet',\n    },\n  },\n  variables: {\n    LOOP_INTERVAL: '300',\n  },\n});\n",
    );
    expect(tree.read('pipelines/orders-feed/README.md', 'utf8')).toContain('An always-on pipeline');
  });

  test('pipelineGenerator - the schedule given is written as given', async () => {
    await generate({ name: 'orders-feed', schedule: 'cron(30 2 * * ? *)' });

    expect(tree.read('pipelines/orders-feed/main.ts', 'utf8')).toContain("  schedule: 'cron(30 2 * * ? *)',\n");
    expect(tree.read('pipelines/orders-feed/README.md', 'utf8')).toContain('A scheduled pipeline (`cron(30 2 * * ? *)`)');
  });

  // What a folder copied by hand would hold: the generated files that are not the pipeline's own.
  test.each(['cdktf.json', 'app/requirements.txt'])("pipelineGenerator - %s is the same as every example pipeline's", async (file) => {
    await generate({ name: 'orders-feed' });

    const generated = tree.read(`pipelines/orders-feed/${file}`, 'utf8');
    const examples = readdirSync(join(WORKSPACE, 'pipelines')).filter((name) => existsSync(join(WORKSPACE, 'pipelines', name, 'cdktf.json')));
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      expect([example, readFileSync(join(WORKSPACE, 'pipelines', example, file), 'utf8')]).toEqual([example, generated]);
    }
  });

  test('pipelineGenerator - the Python entrypoint is named after the pipeline and writes the declared dataset through the runtime', async () => {
    await generate({ name: 'orders-feed' });

    const entrypoint = tree.read('pipelines/orders-feed/app/main.py', 'utf8')!;
    expect(entrypoint).toContain('from data_platform_runtime import ');
    expect(entrypoint).toContain('settings.dataset("records")');
    expect(entrypoint).toContain('"LOOP_INTERVAL"');
    expect(entrypoint).toContain('log = logging.getLogger("orders-feed")');
    expect(entrypoint.split('\n')[0]).toBe('"""orders-feed: one run per data interval (a job).');
  });

  test("pipelineGenerator - the app holds no copy of the platform's Python nor a Dockerfile: it imports the runtime and gets the standard image", async () => {
    await generate({ name: 'orders-feed' });

    const files = filesUnder(tree, 'pipelines/orders-feed/app');
    expect(files.filter((f) => /lake|Dockerfile/.test(f))).toEqual([]);
    for (const file of files.filter((f) => f.endsWith('.py'))) expect([file, tree.read(file, 'utf8')]).toEqual([file, expect.stringContaining('from data_platform_runtime import')]);
  });

  test('pipelineGenerator - service mode says so in its entrypoint', async () => {
    await generate({ name: 'orders-feed', mode: 'service' });

    expect(tree.read('pipelines/orders-feed/app/main.py', 'utf8')!.split('\n')[0]).toBe('"""orders-feed: always on (an ECS service).');
  });

  test.each([
    ['Orders', 'name is "Orders"; it has upper-case letters'],
    ['1orders', 'name is "1orders"; it does not start with a letter'],
    ['orders--feed', 'name is "orders--feed"; it has a doubled or trailing hyphen'],
    ['orders_feed', 'name is "orders_feed"; it has characters other than a-z, 0-9 and "-" ("_")'],
    ['shared', `"shared" is reserved for the platform's own stack`],
    ['a'.repeat(60), 'would be'],
  ])('pipelineGenerator - throws for the name %j with standard-etl\'s message, and writes nothing', async (name, message) => {
    await expect(generate({ name })).rejects.toThrow(message);
    expect(tree.exists(`pipelines/${name}`)).toBe(false);
  });

  test('pipelineGenerator - throws when the folder already exists, and leaves it as it was', async () => {
    tree.write('pipelines/orders-feed/main.ts', '// hand-written\n');

    await expect(generate({ name: 'orders-feed' })).rejects.toThrow(
      'pipeline "orders-feed": pipelines/orders-feed already exists, and the generator never overwrites a folder.',
    );
    expect(tree.read('pipelines/orders-feed/main.ts', 'utf8')).toBe('// hand-written\n');
    expect(tree.exists('pipelines/orders-feed/cdktf.json')).toBe(false);
  });

  test('pipelineGenerator - throws when a stack already has the name', async () => {
    tree.write('stacks/audit/cdktf.json', '{}');

    await expect(generate({ name: 'audit' })).rejects.toThrow('which stacks/audit already uses');
    expect(tree.exists('pipelines/audit')).toBe(false);
  });

  test.each<[string, PipelineGeneratorSchema, string]>([
    ['a schedule in service mode', { name: 'orders-feed', mode: 'service', schedule: 'rate(1 hour)' }, 'it applies to job mode only'],
    ['a schedule EventBridge cannot read', { name: 'orders-feed', schedule: 'every hour' }, 'schedule is "every hour"'],
    ['a size Fargate does not offer', { name: 'orders-feed', cpu: 256, memoryMiB: 4096 }, 'Fargate (ARM64) does not offer this pair'],
    ['an unknown mode', { name: 'orders-feed', mode: 'batch' as never }, 'mode is "batch"'],
  ])('pipelineGenerator - throws for %s with standard-etl\'s message', async (_, options, message) => {
    await expect(generate(options)).rejects.toThrow(message);
    expect(tree.exists('pipelines/orders-feed')).toBe(false);
  });
});
