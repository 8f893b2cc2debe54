import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { CheckResult } from '@data-platform/standard-etl/src/check-sql';
import { intervalInput, parseExecutionName } from '@data-platform/standard-etl/src/data-interval';

/** One run of a job: an execution of its main state machine `dp-<name>-<env>`. */
export interface PipelineRun {
  /** The execution name, `<kind>-<start>-<end>[-<suffix>]` for runs with a data interval. */
  readonly name: string;
  readonly executionArn: string;
  /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE. */
  readonly status: string;
  /** ISO time. */
  readonly startedAt: string;
  /** ISO time; absent while it runs. */
  readonly stoppedAt?: string;
  /** Seconds from start to stop (or to now, while it runs). */
  readonly durationSeconds: number;
  /** The data interval (UTC, end exclusive), from the execution's input, else from its name; absent for older runs. */
  readonly interval?: { readonly start: string; readonly end: string };
  /** How it was started: the input's `trigger.kind`, else the name's first word; absent when neither tells. */
  readonly trigger?: string;
  /** ECS tasks submitted: 1 plus the retries. */
  readonly attempts: number;
  /** The app container's exit code in the last task that stopped. */
  readonly exitCode?: number;
  /** Why the last task stopped (ECS's StoppedReason), or the execution's error when no task did. */
  readonly stopReason?: string;
  /** The ECS task ids of its attempts, oldest first: their log streams are `app/app/<task id>`. */
  readonly taskIds: readonly string[];
  /** Its data checks' results (`[{ dataset, check, blocking, passed, observed, expected }]`), when its checks ran. */
  readonly checks?: readonly CheckResult[];
}

/**
 * The kind and data interval an execution name encodes (`<kind>-<start>-<end>[-<suffix>]`), with
 * standard-etl's reader of the names it writes; undefined for a name of another form.
 */
export function intervalOfName(name: string): { readonly kind: string; readonly start: string; readonly end: string } | undefined {
  const parsed = parseExecutionName(name);
  return parsed ? { kind: parsed.kind, ...intervalInput(parsed.interval) } : undefined;
}

/** The interval and trigger of an execution's input `{"interval":{start,end},"trigger":{kind,...}}`, when it has them. */
function fromInput(input: string | undefined): { interval?: { start: string; end: string }; trigger?: string } {
  try {
    const parsed = JSON.parse(input ?? '{}') as { interval?: { start?: unknown; end?: unknown }; trigger?: { kind?: unknown } };
    const { start, end } = parsed.interval ?? {};
    return {
      ...(typeof start === 'string' && typeof end === 'string' ? { interval: { start, end } } : {}),
      ...(typeof parsed.trigger?.kind === 'string' ? { trigger: parsed.trigger.kind } : {}),
    };
  } catch {
    return {};
  }
}

/** A task description as runTask.sync reports it (TaskSubmitted output, TaskFailed cause, TaskSucceeded output). */
interface EcsTaskJson {
  readonly TaskArn?: string;
  readonly Tasks?: ReadonlyArray<{ readonly TaskArn?: string }>;
  readonly StoppedReason?: string;
  readonly Containers?: ReadonlyArray<{ readonly Name?: string; readonly ExitCode?: number; readonly Reason?: string }>;
}

function parseTask(text: string | undefined): EcsTaskJson | undefined {
  try {
    const parsed = JSON.parse(text ?? '') as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as EcsTaskJson) : undefined;
  } catch {
    return undefined;
  }
}

const taskId = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

async function history(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, includeExecutionData: true, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** What the ECS task events of an execution's history say: attempts, task ids, the last exit code and stop reason. */
function tasksOf(events: readonly HistoryEvent[]): { attempts: number; taskIds: string[]; exitCode?: number; stopReason?: string } {
  const taskIds: string[] = [];
  let attempts = 0;
  let exitCode: number | undefined;
  let stopReason: string | undefined;
  for (const event of events) {
    if (event.type === 'TaskSubmitted' && event.taskSubmittedEventDetails?.resourceType === 'ecs') {
      attempts += 1;
      const task = parseTask(event.taskSubmittedEventDetails.output);
      const arn = task?.TaskArn ?? task?.Tasks?.[0]?.TaskArn;
      if (arn) taskIds.push(taskId(arn));
    }
    const ended =
      event.type === 'TaskFailed' && event.taskFailedEventDetails?.resourceType === 'ecs'
        ? parseTask(event.taskFailedEventDetails.cause)
        : event.type === 'TaskSucceeded' && event.taskSucceededEventDetails?.resourceType === 'ecs'
          ? parseTask(event.taskSucceededEventDetails.output)
          : undefined;
    if (ended) {
      const container = ended.Containers?.find((c) => c.Name === 'app') ?? ended.Containers?.[0];
      exitCode = container?.ExitCode;
      stopReason = ended.StoppedReason ?? container?.Reason;
      if (ended.TaskArn && !taskIds.includes(taskId(ended.TaskArn))) taskIds.push(taskId(ended.TaskArn));
    }
  }
  return { attempts, taskIds, ...(exitCode !== undefined ? { exitCode } : {}), ...(stopReason ? { stopReason } : {}) };
}

/** The results of a run's data checks: the output of its CheckResults state (`{"checks": [...]}`), when the run got there. */
function checksOf(events: readonly HistoryEvent[]): CheckResult[] | undefined {
  const exited = events.find((event) => event.stateExitedEventDetails?.name === 'CheckResults');
  if (!exited) return undefined;
  try {
    const output = JSON.parse(exited.stateExitedEventDetails?.output ?? '{}') as { checks?: unknown };
    return Array.isArray(output.checks) ? (output.checks as CheckResult[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The ECS task ids of one execution's attempts, oldest first (GetExecutionHistory). */
export async function runTaskIds(sfn: SFNClient, executionArn: string): Promise<readonly string[]> {
  return tasksOf(await history(sfn, executionArn)).taskIds;
}

/**
 * The last `limit` runs of a state machine, newest first: ListExecutions, then for each run
 * DescribeExecution (its input's data interval and trigger) and GetExecutionHistory (its ECS tasks,
 * and its data checks' results).
 */
export async function recentRuns(sfn: SFNClient, stateMachineArn: string, limit: number, now: Date): Promise<PipelineRun[]> {
  const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: limit }));
  const runs: PipelineRun[] = [];
  for (const execution of (listed.executions ?? []).slice(0, limit)) {
    const executionArn = execution.executionArn!;
    const name = execution.name ?? executionArn.slice(executionArn.lastIndexOf(':') + 1);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const input = fromInput(described.input);
    const named = intervalOfName(name);
    const events = await history(sfn, executionArn);
    const tasks = tasksOf(events);
    const checks = checksOf(events);
    const started = execution.startDate ?? described.startDate ?? now;
    const stopped = execution.stopDate ?? described.stopDate;
    const interval = input.interval ?? (named ? { start: named.start, end: named.end } : undefined);
    const trigger = input.trigger ?? named?.kind;
    const stopReason = tasks.stopReason ?? (described.error ? [described.error, described.cause].filter(Boolean).join(': ') : undefined);
    runs.push({
      name,
      executionArn,
      status: execution.status ?? described.status ?? 'UNKNOWN',
      startedAt: started.toISOString(),
      ...(stopped ? { stoppedAt: stopped.toISOString() } : {}),
      durationSeconds: Math.round(((stopped ?? now).getTime() - started.getTime()) / 1000),
      ...(interval ? { interval } : {}),
      ...(trigger ? { trigger } : {}),
      attempts: tasks.attempts,
      ...(tasks.exitCode !== undefined ? { exitCode: tasks.exitCode } : {}),
      ...(stopReason ? { stopReason } : {}),
      taskIds: tasks.taskIds,
      ...(checks ? { checks } : {}),
    });
  }
  return runs;
}
