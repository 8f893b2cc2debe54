import { partitionOf } from '@data-platform/config';
import { guardAccount } from '../aws/account-guard';
import { awsErrorCode } from '../aws/aws-errors';
import { taskLogStream } from '../aws/log-links';
import { filterLines, tailLines, type LogLine } from '../aws/log-events';
import { runTaskIds } from '../aws/execution-tasks';
import { commandErrors } from '../errors';
import type { ProjectStack } from '../stack-project';
import { literal, readStackFacts } from '../stack/stack-facts';
import type { CommandContext } from './command-context';
import { guardedLine } from './state-backend';

/** What `logs` is asked for beyond the stack. */
export interface LogsOptions {
  /**
   * How far back to read, as typed after `--since`: a whole number and s, m, h or d, at most 30d.
   * @default '1h' (without --run); the whole run with --run
   */
  readonly since?: string;
  /**
   * One run of a job: its execution name (as `status` lists it) or execution ARN; only its tasks' streams are read.
   * @default - every stream of the log group
   */
  readonly run?: string;
  /**
   * After the recent lines, tail new ones live (StartLiveTail) until interrupted.
   * @default false
   */
  readonly follow?: boolean;
  /**
   * Where each log line goes.
   * @default - standard output
   */
  readonly write?: (line: string) => void;
  /**
   * Ends `--follow`.
   * @default - Ctrl-C (SIGINT)
   */
  readonly signal?: AbortSignal;
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const MAX_SINCE_MS = 30 * UNIT_MS.d!;

/** `--since` in milliseconds. */
export function parseSince(stack: string, text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text);
  const ms = match ? Number(match[1]) * UNIT_MS[match[2]!]! : NaN;
  if (!match || ms <= 0 || ms > MAX_SINCE_MS) throw commandErrors.badSince(stack, text);
  return ms;
}

/** `2026-03-01T09:59:00.123Z c0ffee12 message`: time, the task id's first 8 characters, the line. */
function format(line: LogLine): string {
  const task = line.stream.slice(line.stream.lastIndexOf('/') + 1).slice(0, 8);
  return `${new Date(line.timestamp).toISOString()} ${task.padEnd(8)} ${line.message}`;
}

/**
 * Recent log lines of a pipeline from its log group `/data-platform/<env>/pipelines/<name>`, through
 * the CloudWatch Logs client: FilterLogEvents from `--since` on; with `--run`, only the streams of
 * that run's tasks (`app/app/<task id>`, found in its execution history); with `--follow`, then a
 * live tail (StartLiveTail on the log group's ARN) until interrupted.
 */
export async function logs(stack: ProjectStack, context: CommandContext, options: LogsOptions = {}): Promise<void> {
  const { report, polling } = context;
  const { environment } = stack;
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const facts = readStackFacts(stack);
  const pipeline = facts.pipeline;
  if (!pipeline) throw commandErrors.notAPipeline('logs', stack.name);
  const logGroup = pipeline.logGroup;
  if (!logGroup) throw commandErrors.noLogGroup(stack.name);
  if (options.run !== undefined && !pipeline.stateMachine) throw commandErrors.runNeedsJob(stack.name, options.run);
  const sinceMs = options.since !== undefined || options.run === undefined ? parseSince(stack.name, options.since ?? '1h') : undefined;

  const aws = context.aws(environment.region);
  const identity = await guardAccount(aws.sts, { stack: stack.name, environment: environment.name, accountId: environment.accountId });
  report.step(guardedLine(identity, stack));
  const partition = partitionOf(environment.region);

  let streams: readonly string[] | undefined;
  if (options.run !== undefined) {
    const machineName = literal(pipeline.stateMachine!.config.name) ?? '';
    const machineArn = `arn:${partition}:states:${environment.region}:${environment.accountId}:stateMachine:${machineName}`;
    const executionArn = options.run.startsWith('arn:') ? options.run : `${machineArn.replace(':stateMachine:', ':execution:')}:${options.run}`;
    try {
      streams = (await runTaskIds(aws.sfn, executionArn)).map(taskLogStream);
    } catch (error) {
      if (awsErrorCode(error) === 'ExecutionDoesNotExist' || awsErrorCode(error) === 'InvalidArn') throw commandErrors.runNotFound(stack.name, options.run, machineArn);
      throw error;
    }
    report.step(`run ${options.run}: ${streams.length ? `task(s) ${streams.map((s) => s.slice(s.lastIndexOf('/') + 1)).join(', ')}` : 'no task started'}`);
  }
  const window = sinceMs !== undefined ? `the last ${options.since ?? '1h'}` : `run ${options.run}`;
  const scope = options.run !== undefined ? ` of run ${options.run}` : '';

  if (!streams || streams.length > 0) {
    const startTime = sinceMs !== undefined ? polling.now() - sinceMs : undefined;
    let found;
    try {
      found = await filterLines(aws.logs, { logGroup, ...(startTime !== undefined ? { startTime } : {}), ...(streams ? { streams } : {}) });
    } catch (error) {
      if (awsErrorCode(error) === 'ResourceNotFoundException') throw commandErrors.notDeployed(stack.name, `the log group ${logGroup}`, stack.project.name, environment.name);
      throw error;
    }
    for (const line of found.lines) write(format(line));
    if (found.lines.length === 0) report.summary(`${stack.name}: no log lines${scope} in ${window} (log group ${logGroup}).`);
    else report.summary(`${stack.name}: ${found.lines.length} line(s)${scope} in ${window}${found.truncated ? ', the first 10000 only: narrow it with --since or --run' : ''} (log group ${logGroup}).`);
  } else {
    report.summary(`${stack.name}: no log lines: run ${options.run} started no task (log group ${logGroup}).`);
  }
  if (!options.follow) return;

  const logGroupArn = `arn:${partition}:logs:${environment.region}:${environment.accountId}:log-group:${logGroup}`;
  const controller = new AbortController();
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  if (!options.signal) process.once('SIGINT', stop);
  report.step(`following ${logGroup}${scope} live (Ctrl-C to stop)`);
  try {
    const count = await tailLines(aws.logs, { logGroupArn, ...(streams?.length ? { streams } : {}) }, (line) => write(format(line)), controller.signal);
    report.summary(`${stack.name}: stopped following; ${count} new line(s).`);
  } finally {
    process.removeListener('SIGINT', stop);
  }
}
