import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { pipelineGenerator, type PipelineGeneratorSchema } from '../../../src/generators/pipeline/generator';
import { writeTeamsFile } from '../../support/teams-file';

function filesUnder(tree: Tree, folder: string): string[] {
  return tree.children(folder).flatMap((child) => {
    const path = `${folder}/${child}`;
    return tree.isFile(path) ? [path] : filesUnder(tree, path);
  });
}

/** The dataset the template's Python writes, as the generated main.ts declares it. */
const DATASET_LINES = [
  '  datasets: {',
  '    records: {',
  "      description: 'One row per source item updated in the interval (replace with what one row of this pipeline is).',",
  '      columns: {',
  "        id: { type: 'string', nullable: false },",
  "        updated_at: 'timestamp',",
  "        interval_start: { type: 'timestamp', nullable: false },",
  "        interval_end: { type: 'timestamp', nullable: false },",
  '      },',
  "      partitionedBy: 'hour',",
  "      format: 'parquet',",
  '    },',
  '  },',
];
const MAIN_JOB = ['definePipeline(__dirname, {', "  owner: 'orders-team',", "  mode: 'job',", "  schedule: 'rate(1 hour)',", ...DATASET_LINES, '});', ''].join('\n');
const MAIN_SERVICE = [
  'definePipeline(__dirname, {',
  "  owner: 'orders-team',",
  "  mode: 'service',",
  '  cpu: 512,',
  '  memoryMiB: 2048,',
  ...DATASET_LINES,
  "  variables: { LOOP_INTERVAL: '300' },",
  '});',
  '',
].join('\n');

describe('pipelineGenerator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    teams(['orders-team']);
  });

  const teams = (names: readonly string[]) => writeTeamsFile(tree, names);

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

  test('pipelineGenerator - by default, main.ts declares the only team as owner, an hourly job and the dataset its template writes, nothing else', async () => {
    await generate({ name: 'orders-feed' });

    const main = tree.read('pipelines/orders-feed/main.ts', 'utf8')!;
    expect(main).toContain("import { definePipeline } from '@data-platform/standard-etl';");
    expect(main.slice(main.indexOf('definePipeline(__dirname'))).toBe(
      MAIN_JOB,
    );
    // The name comes from the folder: it is never typed a second time.
    expect(main).not.toMatch(/name:/);
  });

  test('pipelineGenerator - service mode loops every LOOP_INTERVAL seconds and has no schedule', async () => {
    await generate({ name: 'orders-feed', mode: 'service', cpu: 512, memoryMiB: 2048 });

    const main = tree.read('pipelines/orders-feed/main.ts', 'utf8')!;
    expect(main.slice(main.indexOf('definePipeline(__dirname'))).toBe(
      MAIN_SERVICE,
    );
    expect(tree.read('pipelines/orders-feed/README.md', 'utf8')).toContain('An always-on pipeline');
  });

  test('pipelineGenerator - the schedule given is written as given', async () => {
    await generate({ name: 'orders-feed', schedule: 'cron(30 2 * * ? *)' });

    expect(tree.read('pipelines/orders-feed/main.ts', 'utf8')).toContain("  schedule: 'cron(30 2 * * ? *)',\n");
    expect(tree.read('pipelines/orders-feed/README.md', 'utf8')).toContain('A scheduled pipeline (`cron(30 2 * * ? *)`)');
  });

  test('pipelineGenerator - cdktf.json runs main.ts with the workspace\'s TypeScript loader, as every folder\'s targets do', async () => {
    await generate({ name: 'orders-feed' });

    expect(JSON.parse(tree.read('pipelines/orders-feed/cdktf.json', 'utf8')!)).toMatchObject({
      language: 'typescript',
      app: 'node -r @data-platform/core/register main.ts',
    });
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

  describe('owner', () => {
    test('pipelineGenerator - --owner names one of the teams: main.ts declares it', async () => {
      teams(['analytics', 'orders-team']);
      await generate({ name: 'orders-feed', owner: 'analytics' });
      expect(tree.read('pipelines/orders-feed/main.ts', 'utf8')).toContain("definePipeline(__dirname, {\n  owner: 'analytics',\n  mode: 'job',\n");
    });

    test('pipelineGenerator - throws without --owner when there are several teams, listing them, and writes nothing', async () => {
      teams(['orders-team', 'analytics']);
      await expect(generate({ name: 'orders-feed' })).rejects.toThrow(
        'pipeline "orders-feed": owner is undefined; the workspace has 2 teams (analytics, orders-team), so say which owns it: ' +
          '--owner <team> (its alerts go to that team\'s destination).',
      );
      expect(tree.exists('pipelines/orders-feed')).toBe(false);
    });

    test('pipelineGenerator - throws on an --owner that is no team, listing the teams', async () => {
      teams(['analytics', 'orders-team']);
      await expect(generate({ name: 'orders-feed', owner: 'order-team' })).rejects.toThrow(
        'pipeline "orders-feed": owner is "order-team"; no team of that name in stacks/access/teams.ts (teams: analytics, orders-team). ' +
          'Pass one of them with --owner, or add the team there first.',
      );
    });

    test('pipelineGenerator - throws when no team is declared: the team comes first', async () => {
      tree.delete('stacks/access/teams.ts');
      await expect(generate({ name: 'orders-feed' })).rejects.toThrow(
        'pipeline "orders-feed": owner is undefined and stacks/access/teams.ts declares no team; every pipeline is owned by a team of that file.',
      );
      teams([]);
      await expect(generate({ name: 'orders-feed' })).rejects.toThrow('stacks/access/teams.ts declares no team');
    });
  });
});
