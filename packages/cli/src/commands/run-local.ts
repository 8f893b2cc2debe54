import { randomBytes } from 'node:crypto';
import { formatCompactTime, formatIntervalTime, type DataInterval } from '@data-platform/standard-etl/src/data-interval';
import { guardAccount } from '../aws/account-guard';
import { plainParameter, secretValue, taskDeclaration, taskRoleCredentials } from '../aws/task-environment';
import { commandErrors } from '../errors';
import { imageTag, readGitRevision } from '../git/git-revision';
import { buildImage } from '../image/docker';
import { requireDockerfile } from '../image/pipeline-image';
import type { ProjectStack } from '../stack-project';
import { literal, readStackFacts } from '../stack/stack-facts';
import type { CommandContext } from './command-context';
import { runIntervalOf } from './time-range';
import { guardedLine } from './state-backend';

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
   * Print the docker command, every secret value and credential masked, and build and run nothing.
   * The secrets are still read and the task role still assumed: a dry run proves the real run can.
   * @default false
   */
  readonly dryRun?: boolean;
}

const MASK = '****';
/**
 * Builds the pipeline's image as deploy builds it and runs it with `docker run`, with what the task
 * gets in the cloud: the platform's and the pipeline's variables of the environment (from the
 * synthesized task definition; an SSM-backed value is read from SSM), DATA_INTERVAL_START/END
 * (`--from/--to`, else the schedule's current period) and RUN_ID `local-<start>-<end>-<random>`;
 * its secrets, read with the caller's credentials from SSM or Secrets Manager; and 15-minute
 * credentials of the pipeline's task role (STS AssumeRole), so the run has the cloud's permissions.
 *
 * Secret values and credentials reach docker as `-e NAME` only: their values live in the docker
 * process's environment, never in its arguments, never printed, never written to disk. Refused for a
 * protected environment, whose task role trusts no one but ECS.
 */
export async function runLocal(stack: ProjectStack, context: CommandContext, options: RunLocalOptions = {}): Promise<void> {
  const { report, runner, polling } = context;
  const { environment } = stack;
  if (environment.protected) throw commandErrors.runLocalProtected(stack.name, environment.name);
  const facts = readStackFacts(stack);
  const pipeline = facts.pipeline;
  if (!pipeline) throw commandErrors.notAPipeline('run-local', stack.name);
  requireDockerfile(stack.name, pipeline);
  const declared = taskDeclaration(stack.name, facts, environment);
  const now = new Date(polling.now());

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

  const aws = context.aws(environment.region);
  const identity = await guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId });
  report.step(guardedLine(identity, stack));

  // Plain values go into docker's arguments; secret values and credentials only into its environment.
  const plain: Array<[string, string]> = [];
  for (const variable of declared.variables) {
    plain.push([variable.name, variable.value ?? (await plainParameter(aws, stack.name, variable.name, variable.ssmParameter!))]);
  }
  if (interval) plain.push(['DATA_INTERVAL_START', formatIntervalTime(interval.start)], ['DATA_INTERVAL_END', formatIntervalTime(interval.end)]);
  plain.push(['RUN_ID', runId], ['AWS_REGION', environment.region], ['AWS_DEFAULT_REGION', environment.region]);
  const hidden: Record<string, string> = {};
  for (const secret of declared.secrets) {
    hidden[secret.name] = await secretValue(aws, stack.name, secret.name, secret.source);
    report.step(`secret ${secret.name}: read from ${secret.source.store === 'ssm' ? `SSM parameter ${secret.source.name}` : `Secrets Manager ${secret.source.secretId}`}`);
  }
  Object.assign(hidden, await taskRoleCredentials(aws, stack.name, declared.taskRoleArn, `run-local-${stack.project.name}`.slice(0, 64)));
  report.step(`task role ${declared.taskRoleArn}: assumed for 15 minutes`);

  const revision = await readGitRevision(runner, stack.project.dir);
  const image = `${pipeline.repository.name}:local-${imageTag(revision, now)}`;
  const args = ['run', '--rm', '--platform', pipeline.platform];
  if (declared.container.readonlyRootFilesystem) args.push('--read-only', '--tmpfs', '/tmp');
  if (declared.container.user) args.push('--user', declared.container.user);
  for (const [name, value] of plain) args.push('-e', `${name}=${value}`);
  for (const name of Object.keys(hidden)) args.push('-e', name);
  args.push(image);

  const interval_ = interval ? `, data interval ${formatIntervalTime(interval.start)} → ${formatIntervalTime(interval.end)}` : '';
  if (options.dryRun) {
    const masked = args.map((arg) => (arg in hidden ? `${arg}=${MASK}` : arg));
    report.summary(
      [
        `${stack.name}: dry run (nothing built, nothing run)${interval_}, RUN_ID ${runId}.`,
        `docker build --platform ${pipeline.platform} -t ${image} ${pipeline.appDir}`,
        `docker ${masked.join(' ')}`,
      ].join('\n'),
    );
    return;
  }
  report.step(`docker build ${pipeline.appDir} for ${pipeline.platform}`);
  await buildImage(runner, { context: pipeline.appDir, platform: pipeline.platform, tags: [image], revision: revision.commit });
  report.step(`docker run ${image}${interval_}, RUN_ID ${runId}`);
  const result = await runner.run('docker', args, { cwd: stack.project.dir, env: hidden, stream: true });
  if (result.exitCode !== 0) throw commandErrors.dockerRunFailed(stack.name, result.exitCode);
  report.summary(`${stack.name}: the local run ended with exit code 0${interval_}.`);
}
