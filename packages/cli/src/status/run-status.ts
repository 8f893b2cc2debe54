import { executionConsoleUrl, logsConsoleUrl, type CheckResult, type LedgerRecord } from '@data-platform/core';
import { currentOutcome } from '../aws/run-ledger';
import { taskLogStream } from '../aws/log-links';

/** One run as `status` and `fleet:status` show it: its ledger record, read at a time, with its console links. */
export interface RunStatus {
  /** The execution name, `<kind>-<start>-<end>[-<suffix>]`. */
  readonly name: string;
  readonly executionArn: string;
  /** Its outcome: RUNNING, SUCCEEDED, FAILED, GAVE_UP, TIMED_OUT, ABORTED, or LOST (RUNNING past its deadline: its end was never recorded). */
  readonly status: string;
  /** ISO time. */
  readonly startedAt: string;
  /** ISO time; absent while it runs. */
  readonly stoppedAt?: string;
  /** Seconds from start to end (or to now, while it runs). */
  readonly durationSeconds: number;
  /** The data interval (UTC, end exclusive). */
  readonly interval: { readonly start: string; readonly end: string };
  /** How it was started: `schedule`, `after`, `data`, `manual`, `backfill`. */
  readonly trigger: string;
  /** What triggered it: the scheduled time, the upstream runs, the prefixes, who started it. */
  readonly triggeredBy?: unknown;
  /** Tries of its task (1 + retries); absent when its end was recorded from its status event. */
  readonly attempts?: number;
  /** The app container's exit code in its last task. */
  readonly exitCode?: number;
  /** Why its last task stopped, or the run's error and cause when no task told. */
  readonly stopReason?: string;
  readonly error?: string;
  readonly cause?: string;
  /** The ECS task id of its last attempt: its log stream is `app/app/<task id>`. */
  readonly taskIds: readonly string[];
  /** The data checks' results, once the job has checks. */
  readonly checks?: readonly CheckResult[];
  /** Its logs (the last attempt's stream when known) and its execution, in the console. */
  readonly logsUrl: string;
  readonly executionUrl: string;
}

const taskIdOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** A ledger record as a run's status at `nowMs`, with links into the console of `region`. */
export function runStatus(record: LedgerRecord, region: string, logGroup: string | undefined, nowMs: number): RunStatus {
  const started = Date.parse(record.startedAt);
  const ended = record.endedAt !== undefined ? Date.parse(record.endedAt) : undefined;
  const taskIds = record.taskArn ? [taskIdOf(record.taskArn)] : [];
  const stopReason = record.stopReason ?? (record.error ? [record.error, record.cause].filter(Boolean).join(': ') : undefined);
  const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
  return {
    name: record.run,
    executionArn: record.executionArn,
    status: currentOutcome(record, nowMs),
    startedAt: record.startedAt,
    ...optional('stoppedAt', record.endedAt),
    durationSeconds: Math.max(0, Math.round(((ended ?? Math.min(nowMs, Date.parse(record.deadline))) - started) / 1000)),
    interval: { start: record.intervalStart, end: record.intervalEnd },
    trigger: record.triggerKind,
    ...optional('triggeredBy', record.trigger),
    ...optional('attempts', record.attempts),
    ...optional('exitCode', record.exitCode),
    ...optional('stopReason', stopReason),
    ...optional('error', record.error),
    ...optional('cause', record.cause),
    taskIds,
    ...optional('checks', record.checks),
    logsUrl: logGroup ? logsConsoleUrl(region, logGroup, taskIds[0] ? taskLogStream(taskIds[0]) : undefined) : '-',
    executionUrl: executionConsoleUrl(region, record.executionArn),
  };
}
