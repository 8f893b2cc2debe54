import { basename, dirname } from 'node:path';
import { environments } from '@data-platform/config';
// Types only: loading @nx/devkit's runtime would add a third of a second to every nx command.
import type { CreateNodes, CreateNodesContext, CreateNodesResult, TargetConfiguration } from '@nx/devkit';

/**
 * Options of the plugin's entry in `nx.json` `plugins`: each renames one inferred target, for a
 * workspace whose target names differ (e.g. `{ "deployTargetName": "apply" }`).
 */
export interface DataPlatformPluginOptions {
  /** @default 'synth' */
  readonly synthTargetName?: string;
  /** @default 'validate' */
  readonly validateTargetName?: string;
  /** @default 'plan' */
  readonly planTargetName?: string;
  /** @default 'deploy' */
  readonly deployTargetName?: string;
  /** @default 'destroy' */
  readonly destroyTargetName?: string;
  /** Pipelines only. @default 'image' */
  readonly imageTargetName?: string;
  /** Pipelines only. @default 'run' */
  readonly runTargetName?: string;
  /** The shared stack only. @default 'bootstrap' */
  readonly bootstrapTargetName?: string;
  /** The access stack only. @default 'report' */
  readonly reportTargetName?: string;
}

/** Every direct child of `pipelines/` or `stacks/` holding a `cdktf.json` is a project. */
export const CDKTF_PROJECT_PATTERN = '{pipelines,stacks}/*/cdktf.json';

/** The folder of the shared stack, the one that also gets `bootstrap` (the state bucket). */
const SHARED_STACK_ROOT = 'stacks/shared';

/** The folder of the access stack: it reads the pipelines' manifests, and also gets `report`. */
const ACCESS_STACK_ROOT = 'stacks/access';

/** The environment config every stack is synthesized from, once per environment. */
const ENVIRONMENT_CONFIG_INPUT = '{workspaceRoot}/packages/config/src/**/*';

type ProjectKind = 'pipeline' | 'stack';

/**
 * Infers a project per folder holding a `cdktf.json` under `pipelines/` or `stacks/`, named after
 * the folder, with targets that call the `data-platform` commands in that folder. Adding a
 * folder is the whole registration.
 *
 * The array-based API is `createNodesV2` in Nx 21 to 23 (this workspace pins 23.2.1) and
 * `createNodes` from Nx 24 on: both names are exported, so an upgrade needs no change here.
 */
export const createNodes: CreateNodes<DataPlatformPluginOptions> = [
  CDKTF_PROJECT_PATTERN,
  (configFiles, options, context) =>
    configFiles.map((configFile) => [configFile, projectFromCdktfJson(configFile, options ?? {}, context)] as const),
];

/** The same plugin under the name Nx 21 to 23 look for. */
export const createNodesV2 = createNodes;

function projectFromCdktfJson(
  configFile: string,
  options: DataPlatformPluginOptions,
  context: CreateNodesContext,
): CreateNodesResult {
  const root = dirname(configFile);
  const name = basename(root);
  const kind: ProjectKind = root.startsWith('pipelines/') ? 'pipeline' : 'stack';
  return {
    projects: {
      [root]: {
        name,
        projectType: 'application',
        tags: [kind],
        targets: inferTargets(name, root, kind, options, context),
      },
    },
  };
}

function inferTargets(
  name: string,
  root: string,
  kind: ProjectKind,
  options: DataPlatformPluginOptions,
  context: CreateNodesContext,
): Record<string, TargetConfiguration> {
  const envs = Object.keys(environments);
  const stacks = `${name}-<env> (${envs.map((env) => `${name}-${env}`).join(', ')})`;
  const synthTarget = options.synthTargetName ?? 'synth';
  const afterSynth = { dependsOn: [synthTarget] };

  const targets: Record<string, TargetConfiguration> = {
    [synthTarget]: {
      executor: 'nx:run-commands',
      options: { cwd: '{projectRoot}', command: 'data-platform synth' },
      cache: true,
      inputs: synthInputs(context),
      outputs: ['{projectRoot}/cdktf.out'],
      metadata: { description: `Synthesize ${stacks}, every environment at once, into ${root}/cdktf.out (cached)` },
    },
    [options.validateTargetName ?? 'validate']: perEnvironment('validate', envs, afterSynth,
      `terraform validate, then a plan and apply against a mocked AWS provider, of ${name}-<env>: no AWS needed`),
    [options.planTargetName ?? 'plan']: perEnvironment('plan', envs, afterSynth,
      `terraform plan of ${name}-<env> against its S3 state, with a summary of adds, changes, destroys and replacements`),
    [options.deployTargetName ?? 'deploy']: perEnvironment('deploy', envs, afterSynth,
      kind === 'pipeline'
        ? `Deploy ${name}-<env>: build and push the image, pin its digest, terraform apply, then check the rollout`
        : `Deploy ${name}-<env>: terraform apply of the plan, after checking the AWS account is the environment's`),
    [options.destroyTargetName ?? 'destroy']: perEnvironment('destroy', envs, afterSynth,
      `terraform destroy of ${name}-<env>; prod also needs --allow-prod --confirm ${name}-prod; never the data lake or the state bucket`),
  };
  if (kind === 'pipeline') {
    targets[options.imageTargetName ?? 'image'] = perEnvironment('image', envs, afterSynth,
      `Build the image of ${root}/app locally, as deploy builds it (platform, tag <repository>:<commit>); pushes nothing`);
    targets[options.runTargetName ?? 'run'] = perEnvironment('run', envs, afterSynth,
      `Start one run of the scheduled pipeline ${name}-<env> now and follow it to its end, with its retries and timeout`);
  }
  if (root === ACCESS_STACK_ROOT) {
    // Grants are checked against the datasets the pipelines' manifests declare: synthesize them first.
    const synth = targets[synthTarget]!;
    synth.dependsOn = [{ projects: 'tag:pipeline', target: synthTarget }];
    synth.inputs = [...(synth.inputs ?? []), { dependentTasksOutputFiles: '**/manifest.json', transitive: false }];
    targets[options.reportTargetName ?? 'report'] = perEnvironment('access-report', envs, afterSynth,
      'Write dist/access/<env>.md and .json: every team and dataset it reads, with the reason, owner and PII approval');
  }
  if (root === SHARED_STACK_ROOT) {
    targets[options.bootstrapTargetName ?? 'bootstrap'] = perEnvironment('bootstrap', envs, {},
      'Create the Terraform state bucket of <env> if missing (versioned, encrypted, private, TLS only); idempotent');
  }
  return targets;
}

/**
 * What synth output depends on: the folder (without `cdktf.out`, tests and docs), the sources of
 * the workspace packages it imports, the environment config and the locked npm dependencies.
 */
function synthInputs(context: CreateNodesContext): TargetConfiguration['inputs'] {
  const hasProduction = 'production' in (context.nxJsonConfiguration.namedInputs ?? {});
  return [
    ...(hasProduction ? ['production', '^production'] : ['{projectRoot}/**/*', '!{projectRoot}/cdktf.out/**/*', '^default']),
    ENVIRONMENT_CONFIG_INPUT,
    '{workspaceRoot}/package-lock.json',
  ];
}

/**
 * `data-platform <command> --env <env>` in the project folder, one configuration per environment of
 * `packages/config` (the first, dev, by default). Extra arguments are passed on to the command.
 */
function perEnvironment(
  command: string,
  envs: readonly string[],
  extra: Pick<TargetConfiguration, 'dependsOn'>,
  description: string,
): TargetConfiguration {
  return {
    executor: 'nx:run-commands',
    options: { cwd: '{projectRoot}', command: `data-platform ${command}` },
    configurations: Object.fromEntries(envs.map((env) => [env, { args: `--env ${env}` }])),
    defaultConfiguration: envs[0],
    ...extra,
    metadata: { description: `${description} (-c ${envs.join('|')}, default ${envs[0]})` },
  };
}
