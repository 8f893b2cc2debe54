import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceCopy } from '../support/workspace-copy';

// The slow tests: Nx itself, in a copy of the workspace. One copy for the file; the pipeline is
// generated once (beforeAll), then every test reads what Nx makes of it.
const GENERATED = 'onboarding-check';
const COPIED = 'copied-by-hand';

describe('onboarding in a copy of the workspace', () => {
  let workspace: WorkspaceCopy;
  let examples: string[];

  beforeAll(() => {
    workspace = new WorkspaceCopy();
    // The example pipelines: folders of pipelines/ with a cdktf.json (an app/ alone is not one yet).
    examples = readdirSync(join(workspace.root, 'pipelines')).filter((name) => workspace.exists(`pipelines/${name}/cdktf.json`));
    workspace.nx('g', '@data-platform/nx-plugin:pipeline', GENERATED, '--mode', 'schedule', '--schedule', 'rate(6 hours)', '--cpu', '512', '--memory', '1024');
    workspace.copyFolder(`pipelines/${examples[0]}`, `pipelines/${COPIED}`);
  });
  afterAll(() => workspace?.remove());

  const affectedSet = (file: string): string[] =>
    (JSON.parse(workspace.nx('show', 'projects', '--affected', `--files=${file}`, '--json')) as string[]).sort();

  test('nx - every folder under pipelines/ and stacks/ with a cdktf.json is a project named after it', () => {
    const projects = JSON.parse(workspace.nx('show', 'projects', '--json')) as string[];
    const stacks = readdirSync(join(workspace.root, 'stacks')).filter((s) => workspace.exists(`stacks/${s}/cdktf.json`));

    expect(projects).toEqual(expect.arrayContaining([...examples, GENERATED, COPIED, ...stacks]));
  });

  test('generator - the generated pipeline has the inferred targets, main.ts the options given', () => {
    const project = JSON.parse(workspace.nx('show', 'project', GENERATED, '--json'));

    expect(project.root).toBe(`pipelines/${GENERATED}`);
    expect(Object.keys(project.targets).sort()).toEqual(['backfill', 'cost', 'deploy', 'destroy', 'image', 'lint', 'logs', 'plan', 'query', 'rollback', 'run', 'run-local', 'status', 'synth', 'test', 'validate']);
    const main = readFileSync(join(workspace.root, `pipelines/${GENERATED}/main.ts`), 'utf8');
    expect(main).toContain("  schedule: 'rate(6 hours)',\n  cpu: 512,\n  memoryMiB: 1024,\n");
  });

  test('generator - nx run <name>:validate passes right after it, as for a folder copied by hand', () => {
    const output = workspace.nx('run-many', '-t', 'validate', '-p', GENERATED, COPIED, '--outputStyle=static');

    for (const project of [GENERATED, COPIED]) {
      expect(output).toContain(`${project}-dev: valid; the mocked plan and apply succeeded.`);
    }
    expect(workspace.exists(`pipelines/${GENERATED}/cdktf.out/stacks/${GENERATED}-prod/cdk.tf.json`)).toBe(true);
  });

  // After validate, so that what validate wrote into cdktf.out (.offline-test) exists.
  test('validate - run again with nothing changed, every task is read from the cache', () => {
    const output = workspace.nx('run-many', '-t', 'validate', '-p', GENERATED, COPIED, '--outputStyle=static');

    expect(output).toContain('Nx read the output from the cache instead of running the command for 4 out of 4 tasks.');
    expect(output).toContain(`${GENERATED}-dev: valid; the mocked plan and apply succeeded.`);
  });

  // After validate, so that cdktf.out and terraform's files exist and are seen not to be inputs.
  test('synth - its cache inputs are the folder without output or docs, its dependencies\' sources, the environments, the lockfile', () => {
    const { files } = JSON.parse(workspace.nx('show', 'target', 'inputs', `${GENERATED}:synth`, '--json')) as { files: string[] };
    const own = files.filter((f) => f.startsWith(`pipelines/${GENERATED}/`));

    expect(own.sort()).toEqual(
      // The Python tests (app/tests) are inputs of test, not of synth.
      ['app/main.py', 'app/requirements.txt', 'app/source.py', 'app/transform.py', 'cdktf.json', 'main.ts'].map((f) => `pipelines/${GENERATED}/${f}`),
    );
    expect(files).toEqual(
      expect.arrayContaining([
        'packages/standard-etl/src/standard-etl.ts',
        'packages/core/src/shared-platform.ts',
        'packages/config/src/environments.ts',
        'package-lock.json',
      ]),
    );
    const unrelated = files.filter(
      (f) => /^packages\/[^/]+\/test\//.test(f) || /^packages\/(cli|nx-plugin)\//.test(f) || /^(stacks|pipelines)\//.test(f) && !own.includes(f),
    );
    expect(unrelated).toEqual([]);
  });

  // After validate, so that synth is cached: the tests read the datasets from its manifest.
  test('generator - nx run <name>:test and lint pass right after it, as for a folder copied by hand: its Python writes what main.ts declares', () => {
    const output = workspace.nx('run-many', '-t', 'test', 'lint', '-p', GENERATED, COPIED, '--outputStyle=static');

    for (const project of [GENERATED, COPIED]) {
      expect(output).toContain(`${project}: the Python tests of app/ passed`);
      expect(output).toContain(`${project}: ruff and mypy found nothing`);
    }
  });

  test('affected - a change in a pipeline folder selects that pipeline and the fleet check only', () => {
    expect(affectedSet(`pipelines/${GENERATED}/main.ts`)).toEqual(['fleet', GENERATED].sort());
  });

  test('affected - a change in standard-etl selects every pipeline and no stack', () => {
    const selected = affectedSet('packages/standard-etl/src/standard-etl.ts');

    expect(selected).toEqual(expect.arrayContaining([...examples, GENERATED, COPIED]));
    expect(selected).not.toContain('shared');
  });

  test('affected - a change in the shared contract selects every pipeline and the shared stack', () => {
    expect(affectedSet('packages/core/src/shared-platform.ts')).toEqual(expect.arrayContaining([...examples, GENERATED, COPIED, 'shared']));
  });

  test('affected - a change in the shared stack selects it alone', () => {
    expect(affectedSet('stacks/shared/main.ts')).toEqual(['shared']);
  });

  test('affected - a change to the README selects nothing', () => {
    expect(affectedSet('README.md')).toEqual([]);
  });
});
