import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environments } from '@data-platform/config';
import type { CreateNodesContext, CreateNodesResult, ProjectConfiguration, TargetConfiguration } from '@nx/devkit';
import { createNodes, createNodesV2, type DataPlatformPluginOptions } from '../src/plugin';

const ENVS = Object.keys(environments);

const context = (namedInputs: Record<string, string[]> = { production: ['default'] }): CreateNodesContext => ({
  workspaceRoot: '/workspace',
  nxJsonConfiguration: { namedInputs },
});

async function infer(files: string[], options?: DataPlatformPluginOptions, ctx = context()) {
  const [, createNodesFunction] = createNodes;
  const results = await createNodesFunction(files, options, ctx);
  return new Map(
    results.flatMap(([, result]: readonly [string, CreateNodesResult]) =>
      Object.entries(result.projects ?? {}).map(([root, project]) => [root, project as ProjectConfiguration] as const),
    ),
  );
}

async function inferOne(file: string, options?: DataPlatformPluginOptions, ctx?: CreateNodesContext) {
  const projects = await infer([file], options, ctx);
  const [project] = [...projects.values()];
  return project!;
}

const target = (project: ProjectConfiguration, name: string): TargetConfiguration => {
  const found = project.targets?.[name];
  if (!found) throw new Error(`no target ${name} in ${Object.keys(project.targets ?? {}).join(', ')}`);
  return found;
};

describe('createNodes', () => {
  test('createNodes - matches a cdktf.json directly under pipelines/ or stacks/, and a pyproject.toml directly under packages/', () => {
    expect(createNodes[0]).toBe('{pipelines/*/cdktf.json,stacks/*/cdktf.json,packages/*/pyproject.toml}');
    expect(createNodesV2).toBe(createNodes);
  });

  test('createNodes - one project per cdktf.json, rooted at its folder and named after it', async () => {
    const projects = await infer(['pipelines/ticketing-api/cdktf.json', 'stacks/shared/cdktf.json', 'stacks/audit/cdktf.json']);

    expect([...projects.keys()]).toEqual(['pipelines/ticketing-api', 'stacks/shared', 'stacks/audit', 'pipelines']);
    expect([...projects.values()].map((p) => [p.name, p.projectType, p.tags])).toEqual([
      ['ticketing-api', 'application', ['pipeline']],
      ['shared', 'application', ['stack']],
      ['audit', 'application', ['stack']],
      ['fleet', 'application', ['fleet']],
    ]);
  });

  test('createNodes - the CI stack is tagged administered: the deploy workflow leaves it to an administrator', async () => {
    const ci = await inferOne('stacks/ci/cdktf.json');
    expect(ci.tags).toEqual(['stack', 'administered']);
    expect(target(ci, 'deploy').metadata?.description).toMatch(/with administrator credentials \(the deploy workflow never does\)/);
  });

  test('createNodes - the fleet project checks every pipeline together, after their synth, cached on their manifests', async () => {
    const projects = await infer(['pipelines/orders/cdktf.json', 'stacks/shared/cdktf.json', 'pipelines/audit-log/cdktf.json']);
    const fleet = projects.get('pipelines')!;
    expect(fleet.implicitDependencies).toEqual(['audit-log', 'orders']);
    const validate = target(fleet, 'validate');
    expect(validate.options).toEqual({ cwd: '{workspaceRoot}', command: 'data-platform fleet' });
    expect(validate.dependsOn).toEqual([{ projects: ['audit-log', 'orders'], target: 'synth' }]);
    expect(validate.cache).toBe(true);
    expect(validate.inputs).toContainEqual({ dependentTasksOutputFiles: '**/fleet-manifest.json' });
    expect(validate.outputs).toEqual(['{workspaceRoot}/dist/graph']);
    expect(validate.configurations).toEqual(Object.fromEntries(ENVS.map((env) => [env, { args: `--env ${env}` }])));
    expect(validate.metadata?.description).toMatch(/^Check the 2 pipelines together/);
    expect((await infer(['stacks/shared/cdktf.json'])).has('pipelines')).toBe(false);
  });

  test('createNodes - with an access stack, the fleet check also waits for its synth (the teams owners must be) and depends on it', async () => {
    const fleet = (await infer(['pipelines/orders/cdktf.json', 'stacks/access/cdktf.json'])).get('pipelines')!;
    expect(fleet.implicitDependencies).toEqual(['orders', 'access']);
    expect(target(fleet, 'validate').dependsOn).toEqual([{ projects: ['orders', 'access'], target: 'synth' }]);
    expect(target(fleet, 'validate').metadata?.description).toMatch(/owners are teams of stacks\/access\/teams\.ts/);
  });

  test('createNodes - the fleet project\'s cost totals every pipeline by owner, after their synth, cached on their manifests', async () => {
    const cost = target((await infer(['pipelines/orders/cdktf.json', 'stacks/access/cdktf.json'])).get('pipelines')!, 'cost');
    expect(cost.options).toEqual({ cwd: '{workspaceRoot}', command: 'data-platform fleet-cost' });
    expect(cost.dependsOn).toEqual([{ projects: ['orders'], target: 'synth' }]);
    expect(cost.cache).toBe(true);
    expect(cost.inputs).toContainEqual({ dependentTasksOutputFiles: '**/fleet-manifest.json' });
    expect(cost.configurations).toEqual(Object.fromEntries(ENVS.map((env) => [env, { args: `--env ${env}` }])));
  });

  test('createNodes - the fleet project\'s status shows every pipeline now from AWS: after their synth, never cached', async () => {
    const fleet = (await infer(['pipelines/orders/cdktf.json', 'pipelines/audit-log/cdktf.json'])).get('pipelines')!;
    expect(Object.keys(fleet.targets!)).toEqual(['validate', 'cost', 'status']);
    const status = target(fleet, 'status');
    expect(status.options).toEqual({ cwd: '{workspaceRoot}', command: 'data-platform fleet-status' });
    expect(status.dependsOn).toEqual([{ projects: ['audit-log', 'orders'], target: 'synth' }]);
    expect(status.cache).toBe(false);
    // Named inputs: the fleet's root holds no file of its own, so Nx cannot hash default ones.
    expect(status.inputs).toEqual([{ dependentTasksOutputFiles: '**/fleet-manifest.json' }, '{workspaceRoot}/packages/config/src/**/*']);
    expect(status.configurations).toEqual(Object.fromEntries(ENVS.map((env) => [env, { args: `--env ${env}` }])));
    expect(status.metadata?.description).toMatch(/--html: dist\/status\/<env>\.html\); exits 1 when one needs attention/);
  });

  test('createNodes - a pipeline gets the stack targets plus image, run, backfill, status, logs, rollback, run-local, cost, query and check', async () => {
    const project = await inferOne('pipelines/ticketing-api/cdktf.json');

    expect(Object.keys(project.targets!)).toEqual(['synth', 'validate', 'plan', 'deploy', 'destroy', 'image', 'run', 'backfill', 'status', 'logs', 'rollback', 'run-local', 'cost', 'query', 'check']);
  });

  test('createNodes - check runs data-platform check after the pipeline\'s synth, one configuration per environment', async () => {
    expect(target(await inferOne('pipelines/ticketing-api/cdktf.json'), 'check')).toMatchObject({
      executor: 'nx:run-commands',
      options: { cwd: '{projectRoot}', command: 'data-platform check' },
      configurations: Object.fromEntries(ENVS.map((env) => [env, { args: `--env ${env}` }])),
      defaultConfiguration: 'dev',
      dependsOn: ['synth'],
    });
  });

  test('createNodes - query runs data-platform query through the plugin\'s cli executor, after every pipeline\'s synth, one configuration per environment', async () => {
    const query = target(await inferOne('pipelines/ticketing-api/cdktf.json'), 'query');

    expect(query).toMatchObject({
      executor: '@data-platform/nx-plugin:cli',
      options: { command: 'query' },
      configurations: Object.fromEntries(ENVS.map((env) => [env, { args: ['--env', env] }])),
      defaultConfiguration: 'dev',
      dependsOn: [{ projects: 'tag:pipeline', target: 'synth' }],
    });
    expect(query.cache).toBeUndefined();
  });

  test('createNodes - a Python package of packages/ is a project with test and lint, cached on its sources and the pinned tools', async () => {
    const project = await inferOne('packages/pipeline-runtime/pyproject.toml');

    expect([project.name, project.projectType, project.tags]).toEqual(['pipeline-runtime', 'library', ['python']]);
    expect(Object.keys(project.targets!)).toEqual(['test', 'lint']);
    expect(target(project, 'test')).toMatchObject({ options: { cwd: '{projectRoot}', command: 'data-platform test' }, cache: true });
    expect(target(project, 'test').inputs).toEqual(['{projectRoot}/src/**/*', '{projectRoot}/tests/**/*', '{projectRoot}/pyproject.toml', '{workspaceRoot}/requirements-dev.txt', { env: 'PYTHON' }]);
    expect(target(project, 'lint')).toMatchObject({ options: { cwd: '{projectRoot}', command: 'data-platform lint' }, cache: true });
    expect(target(project, 'lint').inputs).toEqual(expect.arrayContaining(['{projectRoot}/**/*.py', '{workspaceRoot}/ruff.toml', '{workspaceRoot}/mypy.ini']));
    // A Python package makes no fleet project.
    expect((await infer(['packages/pipeline-runtime/pyproject.toml'])).has('pipelines')).toBe(false);
  });

  test('createNodes - the shared stack gets cost and bootstrap, other stacks do not', async () => {
    const projects = await infer(['stacks/shared/cdktf.json', 'stacks/audit/cdktf.json']);

    expect(Object.keys(projects.get('stacks/shared')!.targets!)).toEqual(['synth', 'validate', 'plan', 'deploy', 'destroy', 'cost', 'bootstrap']);
    expect(Object.keys(projects.get('stacks/audit')!.targets!)).toEqual(['synth', 'validate', 'plan', 'deploy', 'destroy']);
  });

  test('createNodes - the access stack synthesizes after the pipelines (it reads their manifests) and gets report', async () => {
    const access = await inferOne('stacks/access/cdktf.json');
    expect(target(access, 'synth').dependsOn).toEqual([{ projects: 'tag:pipeline', target: 'synth' }]);
    expect(target(access, 'synth').inputs).toContainEqual({ dependentTasksOutputFiles: '**/fleet-manifest.json', transitive: false });
    expect(target(access, 'report')).toMatchObject({
      options: { cwd: '{projectRoot}', command: 'data-platform access-report' },
      dependsOn: ['synth'],
      configurations: Object.fromEntries(ENVS.map((env) => [env, { args: `--env ${env}` }])),
    });
    const shared = await inferOne('stacks/shared/cdktf.json');
    expect(shared.targets?.report).toBeUndefined();
    expect(target(shared, 'synth').dependsOn).toBeUndefined();
  });

  test('createNodes - every target has a description naming the project', async () => {
    const project = await inferOne('pipelines/ticketing-api/cdktf.json');

    for (const [name, config] of Object.entries(project.targets!)) {
      expect([name, config.metadata?.description]).toEqual([name, expect.stringContaining('ticketing-api')]);
    }
  });

  test('createNodes - synth is cached with exact inputs and cdktf.out as output', async () => {
    const synth = target(await inferOne('stacks/shared/cdktf.json'), 'synth');

    expect(synth).toMatchObject({
      executor: 'nx:run-commands',
      options: { cwd: '{projectRoot}', command: 'data-platform synth' },
      cache: true,
      outputs: ['{projectRoot}/cdktf.out'],
    });
    expect(synth.inputs).toEqual([
      'production',
      '^production',
      '{workspaceRoot}/packages/config/src/**/*',
      '{workspaceRoot}/package-lock.json',
    ]);
    // Every environment is synthesized at once: synth takes none.
    expect(synth.configurations).toBeUndefined();
  });

  test('createNodes - synth excludes cdktf.out itself when nx.json defines no production input', async () => {
    const synth = target(await inferOne('stacks/shared/cdktf.json', undefined, context({})), 'synth');

    expect(synth.inputs).toEqual([
      '{projectRoot}/**/*',
      '!{projectRoot}/cdktf.out/**/*',
      '^default',
      '{workspaceRoot}/packages/config/src/**/*',
      '{workspaceRoot}/package-lock.json',
    ]);
  });

  // Each reads the synthesized stack (cdktf.out), so each runs after synth.
  test.each(['destroy', 'image', 'run', 'backfill', 'status', 'logs', 'rollback', 'run-local', 'cost'])(
    'createNodes - %s runs data-platform in the folder after synth, one configuration per environment',
    async (name) => {
      const config = target(await inferOne('pipelines/ticketing-api/cdktf.json'), name);

      expect(config).toMatchObject({
        executor: 'nx:run-commands',
        options: { cwd: '{projectRoot}', command: `data-platform ${name}` },
        configurations: Object.fromEntries(ENVS.map((env) => [env, { args: `--env ${env}` }])),
        defaultConfiguration: 'dev',
        dependsOn: ['synth'],
      });
      expect(config.cache).toBe(name === 'validate' ? true : undefined);
    },
  );

  test('createNodes - a pipeline\'s plan and deploy run after every pipeline\'s synth (they check its upstreams against the manifests)', async () => {
    const project = await inferOne('pipelines/ticketing-api/cdktf.json');
    for (const name of ['plan', 'deploy']) {
      expect(target(project, name)).toMatchObject({
        options: { cwd: '{projectRoot}', command: `data-platform ${name}` },
        configurations: Object.fromEntries(ENVS.map((env) => [env, { args: `--env ${env}` }])),
        dependsOn: ['synth', { projects: 'tag:pipeline', target: 'synth' }],
      });
    }
    const shared = await inferOne('stacks/shared/cdktf.json');
    expect(target(shared, 'plan').dependsOn).toEqual(['synth']);
  });

  test('createNodes - a pipeline\'s validate runs after the fleet check, cached on its own stacks, manifest and the harness', async () => {
    const validate = target(await inferOne('pipelines/ticketing-api/cdktf.json'), 'validate');
    expect(validate).toMatchObject({ options: { cwd: '{projectRoot}', command: 'data-platform validate' }, cache: true, defaultConfiguration: 'dev' });
    expect(validate.dependsOn).toEqual(['synth', { projects: ['fleet'], target: 'validate' }]);
    expect(validate.inputs).toEqual(expect.arrayContaining([
      { dependentTasksOutputFiles: '**/cdktf.out/stacks/*/cdk.tf.json' },
      { dependentTasksOutputFiles: '**/fleet-manifest.json', transitive: false },
      '{workspaceRoot}/packages/state-machine-harness/src/**/*',
      '{workspaceRoot}/packages/cli/src/machines/**/*',
    ]));
  });

  test('createNodes - validate is cached on the synthesized stacks, not on what it writes beside them', async () => {
    const validate = target(await inferOne('stacks/shared/cdktf.json'), 'validate');

    expect(validate.dependsOn).toEqual(['synth']);
    expect(validate.inputs).toEqual([
      { dependentTasksOutputFiles: '**/cdktf.out/stacks/*/cdk.tf.json' },
      { dependentTasksOutputFiles: '**/cdktf.out/stacks/*/policy-report.json' },
      { runtime: 'CHECKPOINT_DISABLE=1 terraform version' },
      '{workspaceRoot}/packages/cli/src/terraform/**/*',
      '{workspaceRoot}/packages/cli/src/commands/validate.ts',
      '{workspaceRoot}/packages/core/src/shared-platform.ts',
      '{workspaceRoot}/packages/core/src/team-alerts.ts',
      '{workspaceRoot}/packages/core/src/contract-parameters.ts',
      '{workspaceRoot}/packages/policies/src/report.ts',
      '{workspaceRoot}/packages/config/src/**/*',
    ]);
    // It writes nothing Nx should restore: its result is its output, replayed from the cache.
    expect(validate.outputs).toEqual([]);
  });

  test('createNodes - bootstrap of the shared stack takes the environment', async () => {
    const bootstrap = target(await inferOne('stacks/shared/cdktf.json'), 'bootstrap');

    expect(bootstrap.options).toEqual({ cwd: '{projectRoot}', command: 'data-platform bootstrap' });
    expect(bootstrap.configurations).toEqual({ dev: { args: '--env dev' }, prod: { args: '--env prod' } });
    expect(bootstrap.dependsOn).toBeUndefined();
  });

  test('createNodes - target names come from the *TargetName options, dependsOn follows the synth rename', async () => {
    const project = await inferOne('pipelines/ticketing-api/cdktf.json', {
      synthTargetName: 'cdktf-synth',
      validateTargetName: 'check',
      planTargetName: 'tf-plan',
      deployTargetName: 'apply',
      destroyTargetName: 'teardown',
      imageTargetName: 'docker',
      runTargetName: 'start',
      backfillTargetName: 'rerun',
      statusTargetName: 'runs',
      logsTargetName: 'tail',
      rollbackTargetName: 'revert',
      runLocalTargetName: 'local',
      costTargetName: 'estimate',
      queryTargetName: 'sql',
      checkTargetName: 'data-checks',
    });

    expect(Object.keys(project.targets!)).toEqual(['cdktf-synth', 'check', 'tf-plan', 'apply', 'teardown', 'docker', 'start', 'rerun', 'runs', 'tail', 'revert', 'local', 'estimate', 'sql', 'data-checks']);
    expect(target(project, 'sql').dependsOn).toEqual([{ projects: 'tag:pipeline', target: 'cdktf-synth' }]);
    expect(target(project, 'apply').dependsOn).toEqual(['cdktf-synth', { projects: 'tag:pipeline', target: 'cdktf-synth' }]);
    expect(target(project, 'check').dependsOn).toEqual(['cdktf-synth', { projects: ['fleet'], target: 'check' }]);
    expect(target(project, 'apply').options.command).toBe('data-platform deploy');
    const shared = await inferOne('stacks/shared/cdktf.json', { bootstrapTargetName: 'init-state' });
    expect(target(shared, 'init-state').options.command).toBe('data-platform bootstrap');
  });

  describe('the test and lint targets (pytest of app/tests, ruff and mypy of app/)', () => {
    let workspaceRoot: string;
    beforeEach(() => {
      workspaceRoot = mkdtempSync(join(tmpdir(), 'data-platform-plugin-'));
      mkdirSync(join(workspaceRoot, 'pipelines/orders-feed/app/tests'), { recursive: true });
      mkdirSync(join(workspaceRoot, 'stacks/audit/app/tests'), { recursive: true });
    });
    afterEach(() => rmSync(workspaceRoot, { recursive: true, force: true }));
    const inWorkspace = (): CreateNodesContext => ({ workspaceRoot, nxJsonConfiguration: { namedInputs: { production: ['default'] } } });

    test('createNodes - a pipeline whose app/tests holds a pytest file gets test: after synth, cached on app/, its manifest, the runtime, the tools and PYTHON', async () => {
      writeFileSync(join(workspaceRoot, 'pipelines/orders-feed/app/tests/test_transform.py'), '');
      const project = await inferOne('pipelines/orders-feed/cdktf.json', undefined, inWorkspace());

      expect(Object.keys(project.targets!)).toEqual(['synth', 'validate', 'plan', 'deploy', 'destroy', 'image', 'run', 'backfill', 'status', 'logs', 'rollback', 'run-local', 'cost', 'test', 'query', 'check']);
      expect(target(project, 'test')).toEqual({
        executor: 'nx:run-commands',
        options: { cwd: '{projectRoot}', command: 'data-platform test' },
        dependsOn: ['synth'],
        cache: true,
        inputs: [
          '{projectRoot}/app/**/*',
          { dependentTasksOutputFiles: '**/fleet-manifest.json', transitive: false },
          '{workspaceRoot}/packages/pipeline-runtime/src/**/*',
          '{workspaceRoot}/requirements-dev.txt',
          { env: 'PYTHON' },
        ],
        metadata: {
          description: 'Run the Python tests of pipelines/orders-feed/app (pytest on app/tests, against the datasets main.ts declares; PYTHON picks the interpreter), cached',
        },
      });
    });

    test('createNodes - a pipeline whose app/ holds Python gets lint: ruff and mypy, cached on its .py files, the settings, the runtime, the tools and PYTHON', async () => {
      writeFileSync(join(workspaceRoot, 'pipelines/orders-feed/app/main.py'), '');
      const project = await inferOne('pipelines/orders-feed/cdktf.json', undefined, inWorkspace());

      expect(target(project, 'lint')).toEqual({
        executor: 'nx:run-commands',
        options: { cwd: '{projectRoot}', command: 'data-platform lint' },
        cache: true,
        inputs: [
          '{projectRoot}/app/**/*.py',
          '{workspaceRoot}/packages/pipeline-runtime/src/**/*',
          '{workspaceRoot}/ruff.toml',
          '{workspaceRoot}/mypy.ini',
          '{workspaceRoot}/requirements-dev.txt',
          { env: 'PYTHON' },
        ],
        metadata: {
          description: "ruff and mypy over the Python of pipelines/orders-feed (the workspace's ruff.toml and mypy.ini, strict; PYTHON picks the interpreter), cached",
        },
      });
      expect(Object.keys((await inferOne('stacks/audit/cdktf.json', undefined, inWorkspace())).targets!)).not.toContain('lint');
    });

    test('createNodes - no test target without a pytest file in app/tests, nor for a stack', async () => {
      writeFileSync(join(workspaceRoot, 'pipelines/orders-feed/app/tests/helpers.py'), '');
      writeFileSync(join(workspaceRoot, 'stacks/audit/app/tests/test_x.py'), '');

      expect(target(await inferOne('pipelines/orders-feed/cdktf.json', undefined, inWorkspace()), 'synth')).toBeDefined();
      expect(Object.keys((await inferOne('pipelines/orders-feed/cdktf.json', undefined, inWorkspace())).targets!)).not.toContain('test');
      expect(Object.keys((await inferOne('stacks/audit/cdktf.json', undefined, inWorkspace())).targets!)).not.toContain('test');
    });

    test('createNodes - the test target is renamed by testTargetName', async () => {
      writeFileSync(join(workspaceRoot, 'pipelines/orders-feed/app/tests/orders_test.py'), '');
      const project = await inferOne('pipelines/orders-feed/cdktf.json', { testTargetName: 'pytest' }, inWorkspace());

      expect(target(project, 'pytest').options.command).toBe('data-platform test');
    });
  });
});
