import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
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
  /** Pipelines only. @default 'backfill' */
  readonly backfillTargetName?: string;
  /** Pipelines and the shared stack. @default 'cost' */
  readonly costTargetName?: string;
  /** Pipelines whose `app/tests` holds pytest files, and the Python runtime. @default 'test' */
  readonly testTargetName?: string;
  /** Pipelines whose `app/` holds Python, and the Python runtime. @default 'lint' */
  readonly lintTargetName?: string;
  /** Pipelines only. @default 'query' */
  readonly queryTargetName?: string;
  /** Pipelines only. @default 'check' */
  readonly checkTargetName?: string;
  /** Pipelines, and the `fleet` project (every pipeline now, from the run ledger). @default 'status' */
  readonly statusTargetName?: string;
  /** Pipelines only. @default 'logs' */
  readonly logsTargetName?: string;
  /** Pipelines only. @default 'rollback' */
  readonly rollbackTargetName?: string;
  /** Pipelines only. @default 'run-local' */
  readonly runLocalTargetName?: string;
  /** The shared stack only. @default 'bootstrap' */
  readonly bootstrapTargetName?: string;
  /** The access stack only. @default 'report' */
  readonly reportTargetName?: string;
}

/** Every direct child of `pipelines/` or `stacks/` holding a `cdktf.json` is a project. */
export const CDKTF_PROJECT_PATTERN = '{pipelines,stacks}/*/cdktf.json';

/** Every direct child of `packages/` holding a `pyproject.toml` is a Python project: the platform's runtime. */
export const PYTHON_PACKAGE_PATTERN = 'packages/*/pyproject.toml';

/** What the plugin infers projects from: either file. */
export const PROJECT_FILES_PATTERN = '{pipelines/*/cdktf.json,stacks/*/cdktf.json,packages/*/pyproject.toml}';

/** The folder of every pipeline: also the root of the `fleet` project, which checks them together. */
const PIPELINES_ROOT = 'pipelines';

/** The project that checks every pipeline together, from the manifests their synths write. */
export const FLEET_PROJECT = 'fleet';

/** The folder of the shared stack, the one that also gets `bootstrap` (the state bucket). */
const SHARED_STACK_ROOT = 'stacks/shared';

/**
 * The folder of the CI stack (the CI roles, the OIDC provider, the permissions boundary): an
 * administrator deploys it; the deploy workflow, whose role may not change it, leaves it out.
 */
const CI_STACK_ROOT = 'stacks/ci';

/** The tag of projects an administrator deploys, never the deploy workflow (`--exclude tag:administered`). */
export const ADMINISTERED_TAG = 'administered';

/** The folder of the access stack: it reads the pipelines' manifests, and also gets `report`. */
const ACCESS_STACK_ROOT = 'stacks/access';

/** The access stack's project: its manifest lists the teams pipelines' owners must be. */
const ACCESS_PROJECT = 'access';

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
  PROJECT_FILES_PATTERN,
  (files, options, context) => {
    const configFiles = files.filter((file) => file.endsWith('/cdktf.json'));
    const results = [
      ...configFiles.map((configFile) => [configFile, projectFromCdktfJson(configFile, options ?? {}, context)] as const),
      ...files.filter((file) => file.endsWith('/pyproject.toml')).map((file) => [file, pythonPackageProject(file, options ?? {})] as const),
    ];
    const pipelines = configFiles.filter((file) => file.startsWith(`${PIPELINES_ROOT}/`)).map((file) => basename(dirname(file))).sort();
    // The fleet project is inferred from the pipelines themselves: attached to the first pipeline's file.
    const first = configFiles.find((file) => file.startsWith(`${PIPELINES_ROOT}/`));
    const hasAccess = configFiles.includes(`${ACCESS_STACK_ROOT}/cdktf.json`);
    return first ? [...results, [first, fleetProject(pipelines, hasAccess, options ?? {})] as const] : results;
  },
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
        tags: root === CI_STACK_ROOT ? [kind, ADMINISTERED_TAG] : [kind],
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
  // A pipeline's plan and deploy check its upstreams against the manifests every pipeline's synth
  // writes (never their code): synthesize them all first. Its validate runs after the fleet check
  // instead, which reads the same manifests and is cached on them, so that validate's own cache
  // key stays its own stack (another pipeline's change does not validate this one again).
  const validateTarget = options.validateTargetName ?? 'validate';
  const afterEverySynth =
    kind === 'pipeline' ? { dependsOn: [synthTarget, { projects: 'tag:pipeline', target: synthTarget }] } : afterSynth;
  const afterFleetCheck = kind === 'pipeline' ? { dependsOn: [synthTarget, { projects: [FLEET_PROJECT], target: validateTarget }] } : afterSynth;

  const targets: Record<string, TargetConfiguration> = {
    [synthTarget]: {
      executor: 'nx:run-commands',
      options: { cwd: '{projectRoot}', command: 'data-platform synth' },
      cache: true,
      inputs: synthInputs(context),
      outputs: ['{projectRoot}/cdktf.out'],
      metadata: { description: `Synthesize ${stacks}, every environment at once, into ${root}/cdktf.out (cached)` },
    },
    [validateTarget]: {
      ...perEnvironment('validate', envs, afterFleetCheck,
        kind === 'pipeline'
          ? `Validate ${name}-<env>: its upstreams as the fleet check does, its state machines (asl-validator, jsonata 2.0.6, and a job's run scenarios ` +
              'executed on them), then terraform against the AWS provider schema, planned and applied against a mocked AWS provider: no AWS needed (cached)'
          : `Validate ${name}-<env> against the AWS provider schema, then plan and apply it against a mocked AWS provider: no AWS needed (cached)`),
      cache: true,
      inputs: kind === 'pipeline' ? PIPELINE_VALIDATE_INPUTS : VALIDATE_INPUTS,
      outputs: [],
    },
    [options.planTargetName ?? 'plan']: perEnvironment('plan', envs, afterEverySynth,
      `terraform plan of ${name}-<env> against its S3 state, with a summary of adds, changes, destroys and replacements`),
    [options.deployTargetName ?? 'deploy']: perEnvironment('deploy', envs, afterEverySynth,
      kind === 'pipeline'
        ? `Deploy ${name}-<env>: build and push the image, pin its digest, terraform apply, then check the rollout`
        : root === CI_STACK_ROOT
          ? `Deploy ${name}-<env> with administrator credentials (the deploy workflow never does): the CI roles, the GitHub OIDC provider and the permissions boundary`
          : `Deploy ${name}-<env>: terraform apply of the plan, after checking the AWS account is the environment's`),
    [options.destroyTargetName ?? 'destroy']: perEnvironment('destroy', envs, afterSynth,
      `terraform destroy of ${name}-<env>; prod also needs --allow-prod --confirm ${name}-prod; never the data lake or the state bucket`),
  };
  if (kind === 'pipeline') {
    targets[options.imageTargetName ?? 'image'] = perEnvironment('image', envs, afterSynth,
      `Build the image of ${root}/app locally, as deploy builds it (platform, tag <repository>:<commit>); pushes nothing`);
    targets[options.runTargetName ?? 'run'] = perEnvironment('run', envs, afterSynth,
      `Start one run of the scheduled pipeline ${name}-<env> now and follow it to its end, with its retries and timeout`);
    targets[options.backfillTargetName ?? 'backfill'] = perEnvironment('backfill', envs, afterSynth,
      `Run the job ${name}-<env> once per interval of its schedule that starts in [--from, --to), oldest first, at most --concurrency at once; ` +
        'a second backfill of the range reruns only what failed or never ran; --dry-run lists the intervals');
    targets[options.statusTargetName ?? 'status'] = perEnvironment('status', envs, afterSynth,
      `The last runs of ${name}-<env> and its next scheduled time, or its service's tasks, rollout and events (--json, --limit N)`);
    targets[options.logsTargetName ?? 'logs'] = perEnvironment('logs', envs, afterSynth,
      `Recent log lines of ${name}-<env> from CloudWatch Logs (--since 1h, --run <execution>, --follow)`);
    targets[options.rollbackTargetName ?? 'rollback'] = perEnvironment('rollback', envs, afterSynth,
      `Deploy the previous image of ${name}-<env> (or --to <digest>) through Terraform, then check the rollout`);
    targets[options.runLocalTargetName ?? 'run-local'] = perEnvironment('run-local', envs, afterSynth,
      `Build ${root}/app and run it with docker as the task runs in <env>: its variables, secrets, data interval and task role (--from/--to, --dry-run)`);
  }
  if (kind === 'pipeline' || root === SHARED_STACK_ROOT) {
    targets[options.costTargetName ?? 'cost'] = perEnvironment('cost', envs, afterSynth,
      kind === 'pipeline'
        ? `Estimated monthly cost of ${name}-<env> from its manifest and the region's price table (compute, Step Functions, logs); no AWS needed`
        : `Estimated monthly cost of ${name}-<env>: NAT gateways and VPC flow logs; no AWS needed`);
  }
  if (kind === 'pipeline' && hasPythonTests(join(context.workspaceRoot, root))) {
    targets[options.testTargetName ?? 'test'] = pythonTestTarget(root, synthTarget);
  }
  if (kind === 'pipeline' && hasPythonCode(join(context.workspaceRoot, root, 'app'))) {
    targets[options.lintTargetName ?? 'lint'] = pythonLintTarget(root, ['{projectRoot}/app/**/*.py']);
  }
  if (kind === 'pipeline') {
    targets[options.queryTargetName ?? 'query'] = queryTarget(name, envs, synthTarget);
    targets[options.checkTargetName ?? 'check'] = perEnvironment('check', envs, afterSynth,
      `Run the data checks of ${name}-<env> on one run's partition with the SQL its state machine runs: in the <env> workgroup, ` +
        'or `-- --local-lake <dir>` with DuckDB, no AWS (--from/--to: the run\'s interval); fails when a blocking check fails');
  }
  if (root === ACCESS_STACK_ROOT) {
    // Grants are checked against the datasets the pipelines' manifests declare: synthesize them first.
    const synth = targets[synthTarget]!;
    synth.dependsOn = [{ projects: 'tag:pipeline', target: synthTarget }];
    synth.inputs = [...(synth.inputs ?? []), { dependentTasksOutputFiles: '**/fleet-manifest.json', transitive: false }];
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
 * The `fleet` project (rooted at `pipelines/`): its `validate` runs the fleet check over every
 * pipeline's manifest (`cdktf.out/fleet-manifest.json`) and the access stack's (the teams that may
 * own pipelines) after their synth, and writes the pipeline graph to dist/graph/pipelines.md; its
 * `cost` totals every pipeline's estimate by owner team (both cached on the manifests and their
 * code); its `status` shows every pipeline now, from the run ledger and ECS (never cached).
 */
function fleetProject(pipelines: readonly string[], hasAccess: boolean, options: DataPlatformPluginOptions): CreateNodesResult {
  const envs = Object.keys(environments);
  const synthTarget = options.synthTargetName ?? 'synth';
  const configurations = Object.fromEntries(envs.map((env) => [env, { args: `--env ${env}` }]));
  const access = hasAccess ? [ACCESS_PROJECT] : [];
  return {
    projects: {
      [PIPELINES_ROOT]: {
        name: FLEET_PROJECT,
        projectType: 'application',
        tags: ['fleet'],
        // The access stack holds the teams owners are checked against: a change to teams.ts affects the fleet.
        implicitDependencies: [...pipelines, ...access],
        targets: {
          [options.validateTargetName ?? 'validate']: {
            executor: 'nx:run-commands',
            options: { cwd: '{workspaceRoot}', command: 'data-platform fleet' },
            configurations,
            defaultConfiguration: envs[0],
            dependsOn: [{ projects: [...pipelines, ...access], target: synthTarget }],
            cache: true,
            inputs: [
              { dependentTasksOutputFiles: '**/fleet-manifest.json' },
              '{workspaceRoot}/packages/cli/src/fleet/**/*',
              '{workspaceRoot}/packages/cli/src/commands/fleet.ts',
              ENVIRONMENT_CONFIG_INPUT,
            ],
            outputs: ['{workspaceRoot}/dist/graph'],
            metadata: {
              description:
                `Check the ${pipelines.length} pipelines together (owners are teams of stacks/access/teams.ts, upstreams exist and are jobs, no trigger cycle, ` +
                `no pipeline watching its own writes, shared data intervals, datasets read exist, one writer per prefix) and write dist/graph/pipelines.md ` +
                `(-c ${envs.join('|')}, default ${envs[0]})`,
            },
          },
          [options.costTargetName ?? 'cost']: {
            executor: 'nx:run-commands',
            options: { cwd: '{workspaceRoot}', command: 'data-platform fleet-cost' },
            configurations,
            defaultConfiguration: envs[0],
            dependsOn: [{ projects: [...pipelines], target: synthTarget }],
            cache: true,
            inputs: [
              { dependentTasksOutputFiles: '**/fleet-manifest.json' },
              '{workspaceRoot}/packages/cli/src/cost/**/*',
              '{workspaceRoot}/packages/cli/src/commands/fleet-cost.ts',
              ENVIRONMENT_CONFIG_INPUT,
            ],
            outputs: [],
            metadata: {
              description: `Estimated monthly cost of the ${pipelines.length} pipelines of <env>, totalled by owner team; no AWS needed (-c ${envs.join('|')}, default ${envs[0]})`,
            },
          },
          // What runs now: it reads AWS (the run ledger, ECS), so it is never cached.
          [options.statusTargetName ?? 'status']: {
            executor: 'nx:run-commands',
            options: { cwd: '{workspaceRoot}', command: 'data-platform fleet-status' },
            configurations,
            defaultConfiguration: envs[0],
            dependsOn: [{ projects: [...pipelines], target: synthTarget }],
            cache: false,
            // Nx hashes even what it does not cache: named inputs, as the project's root (pipelines/)
            // holds no file of its own (each belongs to its pipeline), so default inputs cannot be hashed.
            inputs: [{ dependentTasksOutputFiles: '**/fleet-manifest.json' }, ENVIRONMENT_CONFIG_INPUT],
            metadata: {
              description:
                `Every one of the ${pipelines.length} pipelines of <env> now, from the run ledger and ECS: last interval and outcome, fresh or late, running, next run, ` +
                `and each job's grid of its last intervals (-- --last N, --json, --html: dist/status/<env>.html); exits 1 when one needs attention (-c ${envs.join('|')}, default ${envs[0]})`,
            },
          },
        },
      },
    },
  };
}

/**
 * What validate's result depends on: the synthesized stacks (only `cdk.tf.json` and the policy
 * report, not what validate itself writes beside them: `.offline-test`, `.terraform`, lock files),
 * the Terraform version, and the code of the offline test and of the mocked values it reads. The
 * provider version is in `cdk.tf.json` (`required_providers`). Each `-c <env>` is a cache entry of
 * its own (the configuration is part of the task's hash).
 */
const VALIDATE_INPUTS: TargetConfiguration['inputs'] = [
  { dependentTasksOutputFiles: '**/cdktf.out/stacks/*/cdk.tf.json' },
  { dependentTasksOutputFiles: '**/cdktf.out/stacks/*/policy-report.json' },
  { runtime: 'CHECKPOINT_DISABLE=1 terraform version' },
  '{workspaceRoot}/packages/cli/src/terraform/**/*',
  '{workspaceRoot}/packages/cli/src/commands/validate.ts',
  '{workspaceRoot}/packages/core/src/shared-platform.ts',
  '{workspaceRoot}/packages/core/src/team-alerts.ts',
  '{workspaceRoot}/packages/core/src/contract-parameters.ts',
  '{workspaceRoot}/packages/policies/src/report.ts',
  ENVIRONMENT_CONFIG_INPUT,
];

/**
 * A pipeline's validate also reads its own manifest (what its job declares) and runs the state
 * machine checks and run scenarios: their code is part of its result. Its upstreams are checked
 * by the fleet check it runs after, cached on every manifest.
 */
const PIPELINE_VALIDATE_INPUTS: TargetConfiguration['inputs'] = [
  ...VALIDATE_INPUTS!,
  { dependentTasksOutputFiles: '**/fleet-manifest.json', transitive: false },
  '{workspaceRoot}/packages/cli/src/machines/**/*',
  '{workspaceRoot}/packages/state-machine-harness/src/**/*',
  '{workspaceRoot}/packages/standard-etl/src/data-interval.ts',
  '{workspaceRoot}/packages/standard-etl/src/schedule-expression.ts',
  '{workspaceRoot}/package-lock.json',
];

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

/** Whether a tests folder (`app/tests` of a pipeline) holds a pytest file (`test_*.py`, `*_test.py`). */
function hasPythonTests(projectDir: string, tests = join('app', 'tests')): boolean {
  const dir = join(projectDir, tests);
  return existsSync(dir) && readdirSync(dir).some((file) => /^test_.*\.py$|_test\.py$/.test(file));
}

/** Whether a folder holds Python to lint. */
function hasPythonCode(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((file) => file.endsWith('.py'));
}

/** The platform's Python runtime, which every app imports: an input of every Python target. */
const RUNTIME_SOURCES = '{workspaceRoot}/packages/pipeline-runtime/src/**/*';
/** The pinned Python tools. */
const PYTHON_TOOLS = '{workspaceRoot}/requirements-dev.txt';

/**
 * pytest over `app/tests`: the same for every environment, after synth (the tests check what the
 * app writes against the datasets main.ts declares, read from the manifest synth writes), cached on
 * the app's files, that manifest, the runtime, the pinned tools and PYTHON.
 */
function pythonTestTarget(root: string, synthTarget: string): TargetConfiguration {
  return {
    executor: 'nx:run-commands',
    options: { cwd: '{projectRoot}', command: 'data-platform test' },
    dependsOn: [synthTarget],
    cache: true,
    inputs: ['{projectRoot}/app/**/*', { dependentTasksOutputFiles: '**/fleet-manifest.json', transitive: false }, RUNTIME_SOURCES, PYTHON_TOOLS, { env: 'PYTHON' }],
    metadata: {
      description: `Run the Python tests of ${root}/app (pytest on app/tests, against the datasets main.ts declares; PYTHON picks the interpreter), cached`,
    },
  };
}

/** ruff and mypy with the workspace's settings: cached on the Python files, the settings, the runtime, the pinned tools and PYTHON. */
function pythonLintTarget(root: string, files: readonly string[]): TargetConfiguration {
  return {
    executor: 'nx:run-commands',
    options: { cwd: '{projectRoot}', command: 'data-platform lint' },
    cache: true,
    inputs: [...files, RUNTIME_SOURCES, '{workspaceRoot}/ruff.toml', '{workspaceRoot}/mypy.ini', PYTHON_TOOLS, { env: 'PYTHON' }],
    metadata: { description: `ruff and mypy over the Python of ${root} (the workspace's ruff.toml and mypy.ini, strict; PYTHON picks the interpreter), cached` },
  };
}

/**
 * A Python package of the platform (`packages/<name>/pyproject.toml`: the runtime every app uses),
 * with its own `test` (pytest of `tests/`) and `lint` targets.
 */
function pythonPackageProject(file: string, options: DataPlatformPluginOptions): CreateNodesResult {
  const root = dirname(file);
  return {
    projects: {
      [root]: {
        name: basename(root),
        projectType: 'library',
        tags: ['python'],
        targets: {
          [options.testTargetName ?? 'test']: {
            executor: 'nx:run-commands',
            options: { cwd: '{projectRoot}', command: 'data-platform test' },
            cache: true,
            inputs: ['{projectRoot}/src/**/*', '{projectRoot}/tests/**/*', '{projectRoot}/pyproject.toml', PYTHON_TOOLS, { env: 'PYTHON' }],
            metadata: { description: `Run the Python tests of ${root} (pytest on tests/; PYTHON picks the interpreter), cached` },
          },
          [options.lintTargetName ?? 'lint']: pythonLintTarget(root, ['{projectRoot}/**/*.py']),
        },
      },
    },
  };
}

/**
 * SQL over the datasets, `data-platform query` through the plugin's own `cli` executor: the statement
 * reaches the command as typed (run-commands would hand it to a shell unquoted when it holds "=").
 * After the synth of every pipeline: the tables are their datasets, read from their manifests.
 */
function queryTarget(name: string, envs: readonly string[], synthTarget: string): TargetConfiguration {
  return {
    executor: '@data-platform/nx-plugin:cli',
    options: { command: 'query' },
    configurations: Object.fromEntries(envs.map((env) => [env, { args: ['--env', env] }])),
    defaultConfiguration: envs[0],
    dependsOn: [{ projects: 'tag:pipeline', target: synthTarget }],
    metadata: {
      description:
        `SQL over the datasets under their Athena names, from ${name}: \`-- "SELECT ..."\` in the <env> workgroup with your credentials ` +
        `(rows, bytes scanned, cost), or \`-- --local-lake <dir> "SELECT ..."\` with DuckDB over a local lake, no AWS (-c ${envs.join('|')}, default ${envs[0]})`,
    },
  };
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

/** Nx calls it before running any task: an unknown `-c`, or an option Nx would swallow, is refused (see command-line-guard.ts). */
export { preTasksExecution } from './command-line-guard';
