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
  test('createNodes - matches a cdktf.json directly under pipelines/ or stacks/', () => {
    expect(createNodes[0]).toBe('{pipelines,stacks}/*/cdktf.json');
    expect(createNodesV2).toBe(createNodes);
  });

  test('createNodes - one project per cdktf.json, rooted at its folder and named after it', async () => {
    const projects = await infer(['pipelines/ticketing-api/cdktf.json', 'stacks/shared/cdktf.json', 'stacks/audit/cdktf.json']);

    expect([...projects.keys()]).toEqual(['pipelines/ticketing-api', 'stacks/shared', 'stacks/audit']);
    expect([...projects.values()].map((p) => [p.name, p.projectType, p.tags])).toEqual([
      ['ticketing-api', 'application', ['pipeline']],
      ['shared', 'application', ['stack']],
      ['audit', 'application', ['stack']],
    ]);
  });

  test('createNodes - a pipeline gets the stack targets plus image and run', async () => {
    const project = await inferOne('pipelines/ticketing-api/cdktf.json');

    expect(Object.keys(project.targets!)).toEqual(['synth', 'validate', 'plan', 'deploy', 'destroy', 'image', 'run']);
  });

  test('createNodes - the shared stack gets bootstrap, other stacks do not', async () => {
    const projects = await infer(['stacks/shared/cdktf.json', 'stacks/audit/cdktf.json']);

    expect(Object.keys(projects.get('stacks/shared')!.targets!)).toEqual(['synth', 'validate', 'plan', 'deploy', 'destroy', 'bootstrap']);
    expect(Object.keys(projects.get('stacks/audit')!.targets!)).toEqual(['synth', 'validate', 'plan', 'deploy', 'destroy']);
  });

  test('createNodes - the access stack synthesizes after the pipelines (it reads their manifests) and gets report', async () => {
    const access = await inferOne('stacks/access/cdktf.json');
    expect(target(access, 'synth').dependsOn).toEqual([{ projects: 'tag:pipeline', target: 'synth' }]);
    expect(target(access, 'synth').inputs).toContainEqual({ dependentTasksOutputFiles: '**/manifest.json', transitive: false });
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
  test.each(['validate', 'plan', 'deploy', 'destroy', 'image', 'run'])(
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
      expect(config.cache).toBeUndefined();
    },
  );

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
    });

    expect(Object.keys(project.targets!)).toEqual(['cdktf-synth', 'check', 'tf-plan', 'apply', 'teardown', 'docker', 'start']);
    expect(target(project, 'apply').dependsOn).toEqual(['cdktf-synth']);
    expect(target(project, 'apply').options.command).toBe('data-platform deploy');
    const shared = await inferOne('stacks/shared/cdktf.json', { bootstrapTargetName: 'init-state' });
    expect(target(shared, 'init-state').options.command).toBe('data-platform bootstrap');
  });
});
