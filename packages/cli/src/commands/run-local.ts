import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatCompactTime, formatIntervalTime, type DataInterval } from '@data-platform/standard-etl/src/data-interval';
import { guardAccount } from '../aws/account-guard';
import { plainParameter, secretValue, taskDeclaration, taskRoleCredentials, type TaskDeclaration } from '../aws/task-environment';
import { commandErrors } from '../errors';
import { imageTag, readGitRevision } from '../git/git-revision';
import { buildArguments, buildImage } from '../image/docker';
import { appBuild } from '../image/pipeline-image';
import { runtimeDir } from '../python/runtime-package';
import { ensureVirtualEnvironment, type VirtualEnvironment } from '../python/virtual-environment';
import type { ProjectStack } from '../stack-project';
import { literal, readStackFacts, type PipelineFacts } from '../stack/stack-facts';
import type { CommandContext } from './command-context';
import { guardedLine } from './state-backend';
import { runIntervalOf } from './time-range';

/** What `run-local` is asked for beyond the stack. */
export interface RunLocalOptions {
  /**
   * The data interval's start, UTC: `YYYY-MM-DDTHH:MM[:SS]Z`, or a date `YYYY-MM-DD` (midnight UTC).
   * @default - the start of the schedule's current period (with --to: required)
   */
  readonly from?: string;
  /**
   * The data interval's end, exclusive, in the same forms.
   * @default - the end of the schedule's current period, its latest occurrence (with --from: required)
   */
  readonly to?: string;
  /**
   * Print what would run, every secret value and credential masked, and build and run nothing.
   * Without a local lake the secrets are still read and the task role still assumed: a dry run
   * proves the real run can.
   * @default false
   */
  readonly dryRun?: boolean;
  /**
   * A folder standing for the lake bucket (created if missing): the app reads and writes it through
   * LAKE_DIR, and no AWS call is made: secrets come from the caller's environment or the pipeline's
   * git-ignored `secrets.local.env`, no role is assumed.
   * @default - the environment's lake, with the task role's credentials
   */
  readonly localLake?: string;
  /**
   * Run the app's `main.py` in a virtual environment built from the runtime and its requirements
   * (kept under the temporary folder, rebuilt when they change), instead of its image in docker.
   * @default false
   */
  readonly noContainer?: boolean;
}

const MASK = '****';

/** A pipeline's secrets for local runs with a local lake: `NAME=value` lines, beside its main.ts, git-ignored. */
export const LOCAL_SECRETS_FILE = 'secrets.local.env';

/** Where a container sees the local lake folder. */
const CONTAINER_LAKE = '/lake';

/** `NAME=value` lines (blank lines and `#` comments skipped; a value may be quoted). */
export function parseLocalSecrets(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match || line.startsWith('#')) continue;
    const value = match[2]!;
    values[match[1]!] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
  }
  return values;
}

/** What the task needs besides its plain variables, for a run on a local lake: from the caller's environment, else the local file. */
function localValues(
  stack: ProjectStack,
  declared: TaskDeclaration,
  env: Readonly<Record<string, string | undefined>>,
): { readonly plain: Array<[string, string]>; readonly hidden: Record<string, string> } {
  const file = join(stack.project.dir, LOCAL_SECRETS_FILE);
  const fromFile = existsSync(file) ? parseLocalSecrets(readFileSync(file, 'utf8')) : {};
  const lookup = (name: string) => (env[name] ? env[name] : fromFile[name]);
  const missing: string[] = [];
  const plain: Array<[string, string]> = [];
  for (const variable of declared.variables) {
    if (variable.value !== undefined) plain.push([variable.name, variable.value]);
    // The bucket is the local folder: LAKE_DIR stands in for it.
    else if (variable.name !== 'LAKE_BUCKET') {
      const value = lookup(variable.name);
      if (value) plain.push([variable.name, value]);
      else missing.push(variable.name);
    }
  }
  const hidden: Record<string, string> = {};
  for (const secret of declared.secrets) {
    const value = lookup(secret.name);
    if (value) hidden[secret.name] = value;
    else missing.push(secret.name);
  }
  if (missing.length > 0) throw commandErrors.localSecretsMissing(stack.name, missing, file);
  return { plain, hidden };
}

/** The virtual environment `--no-container` runs an app in: the platform's runtime and the app's requirements. */
export function appEnvironment(stack: ProjectStack, pipeline: PipelineFacts, workspaceRoot: string, basePython: string): VirtualEnvironment {
  const runtime = runtimeDir(workspaceRoot);
  const requirements = join(pipeline.appDir, 'requirements.txt');
  const sources = join(runtime, 'src', 'data_platform_runtime');
  const runtimeFiles = existsSync(sources) ? readdirSync(sources).sort().map((file) => join(sources, file)) : [];
  return {
    dir: join(tmpdir(), 'data-platform-venvs', stack.project.name),
    basePython,
    install: [runtime, ...(existsSync(requirements) ? ['-r', requirements] : [])],
    inputs: [requirements, join(runtime, 'pyproject.toml'), ...runtimeFiles],
    modules: ['data_platform_runtime'],
    project: stack.name,
  };
}

/**
 * Runs the pipeline on this machine with what the task gets in the cloud: the platform's and the
 * pipeline's variables of the environment (from the synthesized task definition), its datasets'
 * declaration, DATA_INTERVAL_START/END (`--from/--to`, else the schedule's current period) and RUN_ID
 * `local-<start>-<end>-<random>`.
 *
 * Against the environment's lake: an SSM-backed value is read from SSM, the secrets with the
 * caller's credentials (SSM or Secrets Manager), and the task role is assumed for 15 minutes, so
 * the run has the cloud's permissions. With a local lake: no AWS at all; LAKE_DIR names the folder,
 * the secrets come from the caller's environment or `secrets.local.env`.
 *
 * In docker (the image as deploy builds it, read-only root filesystem, writable /tmp; a local lake
 * mounted at /lake, the run as the caller's user) or, with `--no-container`, `python main.py` in a
 * virtual environment. Secret values and credentials reach docker as `-e NAME` only, and the process
 * through its environment: never in arguments, never printed, never on disk. Refused for a protected
 * environment.
 */
export async function runLocal(stack: ProjectStack, context: CommandContext, options: RunLocalOptions = {}): Promise<void> {
  const { report, runner, polling } = context;
  const { environment } = stack;
  if (environment.protected) throw commandErrors.runLocalProtected(stack.name, environment.name);
  const facts = readStackFacts(stack);
  const pipeline = facts.pipeline;
  if (!pipeline) throw commandErrors.notAPipeline('run-local', stack.name);
  const build = options.noContainer ? undefined : appBuild(stack.name, pipeline, context.workspaceRoot);
  const declared = taskDeclaration(stack.name, facts, environment);
  const now = new Date(polling.now());
  const env = context.env ?? process.env;

  // The data interval: a job's only (a service has none).
  let interval: DataInterval | undefined;
  if (pipeline.service) {
    if (options.from !== undefined || options.to !== undefined) throw commandErrors.intervalForJobsOnly(stack.name);
  } else {
    const schedule = facts.resources.find((r) => r.type === 'aws_scheduler_schedule');
    const expression = literal(schedule?.config.schedule_expression);
    const declaredSchedule = expression ? { expression, timezone: literal(schedule?.config.schedule_expression_timezone) ?? 'UTC' } : undefined;
    interval = runIntervalOf(stack.name, 'run-local', options, declaredSchedule, now);
  }
  const runId = interval
    ? `local-${formatCompactTime(interval.start)}-${formatCompactTime(interval.end)}-${randomBytes(3).toString('hex')}`
    : `local-${formatCompactTime(now)}-${randomBytes(3).toString('hex')}`;

  // Plain values go into docker's arguments; secret values and credentials only into its environment.
  let plain: Array<[string, string]> = [];
  let hidden: Record<string, string> = {};
  const lakeDir = options.localLake === undefined ? undefined : resolve(options.localLake);
  if (lakeDir !== undefined) {
    ({ plain, hidden } = localValues(stack, declared, env));
    plain.push(['LAKE_DIR', options.noContainer ? lakeDir : CONTAINER_LAKE]);
    report.step(`local lake ${lakeDir}: no AWS call; ${declared.secrets.length} secret(s) from your environment or ${LOCAL_SECRETS_FILE}`);
  } else {
    const aws = context.aws(environment.region);
    const identity = await guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId });
    report.step(guardedLine(identity, stack));
    for (const variable of declared.variables) {
      plain.push([variable.name, variable.value ?? (await plainParameter(aws, stack.name, variable.name, variable.ssmParameter!))]);
    }
    for (const secret of declared.secrets) {
      hidden[secret.name] = await secretValue(aws, stack.name, secret.name, secret.source);
      report.step(`secret ${secret.name}: read from ${secret.source.store === 'ssm' ? `SSM parameter ${secret.source.name}` : `Secrets Manager ${secret.source.secretId}`}`);
    }
    Object.assign(hidden, await taskRoleCredentials(aws, stack.name, declared.taskRoleArn, `run-local-${stack.project.name}`.slice(0, 64)));
    report.step(`task role ${declared.taskRoleArn}: assumed for 15 minutes`);
  }
  if (interval) plain.push(['DATA_INTERVAL_START', formatIntervalTime(interval.start)], ['DATA_INTERVAL_END', formatIntervalTime(interval.end)]);
  plain.push(['RUN_ID', runId], ['AWS_REGION', environment.region], ['AWS_DEFAULT_REGION', environment.region]);
  const interval_ = interval ? `, data interval ${formatIntervalTime(interval.start)} → ${formatIntervalTime(interval.end)}` : '';
  if (lakeDir !== undefined && !options.dryRun) mkdirSync(lakeDir, { recursive: true });

  if (options.noContainer) {
    const venv = appEnvironment(stack, pipeline, context.workspaceRoot, env.PYTHON ?? 'python3');
    if (options.dryRun) {
      const assignments = [...plain.map(([name, value]) => `${name}=${shellQuote(value)}`), ...Object.keys(hidden).map((name) => `${name}=${MASK}`)];
      report.summary(
        [
          `${stack.name}: dry run (no environment built, nothing run)${interval_}, RUN_ID ${runId}.`,
          `${venv.basePython} -m venv ${venv.dir} && ${venv.dir}/bin/python -m pip install ${venv.install.join(' ')}`,
          `cd ${pipeline.appDir} && ${assignments.join(' ')} ${venv.dir}/bin/python main.py`,
        ].join('\n'),
      );
      return;
    }
    const python = await ensureVirtualEnvironment(venv, { runner, report, env }, pipeline.appDir);
    report.step(`${python} main.py (in ${pipeline.appDir})${interval_}, RUN_ID ${runId}`);
    const result = await runner.run(python, ['main.py'], {
      cwd: pipeline.appDir,
      env: { ...Object.fromEntries(plain), ...hidden, PYTHONDONTWRITEBYTECODE: '1' },
      stream: true,
    });
    if (result.exitCode !== 0) throw commandErrors.localProcessFailed(stack.name, result.exitCode);
    report.summary(`${stack.name}: the local run ended with exit code 0${interval_}${lakeDir ? `; the lake is ${lakeDir}` : ''}.`);
    return;
  }

  const revision = await readGitRevision(runner, stack.project.dir);
  const image = `${pipeline.repository.name}:local-${imageTag(revision, now)}`;
  const imageBuild = { ...build!, platform: pipeline.platform, tags: [image], revision: revision.commit };
  const args = ['run', '--rm', '--platform', pipeline.platform];
  if (declared.container.readonlyRootFilesystem) args.push('--read-only', '--tmpfs', '/tmp');
  if (lakeDir !== undefined) {
    // The files the run writes into the folder are the caller's.
    args.push('-v', `${lakeDir}:${CONTAINER_LAKE}`);
    if (typeof process.getuid === 'function' && typeof process.getgid === 'function') args.push('--user', `${process.getuid()}:${process.getgid()}`);
  } else if (declared.container.user) args.push('--user', declared.container.user);
  for (const [name, value] of plain) args.push('-e', `${name}=${value}`);
  for (const name of Object.keys(hidden)) args.push('-e', name);
  args.push(image);

  if (options.dryRun) {
    const masked = args.map((arg) => (arg in hidden ? `${arg}=${MASK}` : arg));
    report.summary(
      [
        `${stack.name}: dry run (nothing built, nothing run)${interval_}, RUN_ID ${runId}.`,
        `docker ${buildArguments(imageBuild).join(' ')}`,
        `docker ${masked.join(' ')}`,
      ].join('\n'),
    );
    return;
  }
  report.step(`docker build ${pipeline.appDir} for ${pipeline.platform} (${imageBuild.dockerfile})`);
  await buildImage(runner, imageBuild);
  report.step(`docker run ${image}${interval_}, RUN_ID ${runId}`);
  const result = await runner.run('docker', args, { cwd: stack.project.dir, env: hidden, stream: true });
  if (result.exitCode !== 0) throw commandErrors.dockerRunFailed(stack.name, result.exitCode);
  report.summary(`${stack.name}: the local run ended with exit code 0${interval_}${lakeDir ? `; the lake is ${lakeDir}` : ''}.`);
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
