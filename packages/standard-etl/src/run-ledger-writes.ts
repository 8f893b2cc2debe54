import { RUN_LEDGER_KEYS, RUN_LEDGER_RETENTION_DAYS, runLedgerTableName as ledgerTableOf } from '@data-platform/core';
import { partitionOf } from '@data-platform/config';
import type { PolicyStatement } from './service-role';
import type { ResolvedPipeline } from './resolve-config';
import { transientRetry } from './service-retries';

/**
 * How a job's machines write the environment's run ledger (`data-platform-runs-<env>`, in the
 * shared stack; its attributes are named in `@data-platform/core`'s run-ledger.ts): the main
 * machine records each run when it starts and replaces that record with its outcome on every end
 * it handles; the run-ended machine (started by the run's status event) records the end of a run
 * whose own record is missing or still says RUNNING (stopped, timed out, crashed, or its own write
 * failed). A write that fails past its retries never fails the run.
 */

const expr = (jsonata: string) => `{% ${jsonata} %}`;
const RETENTION_SECONDS = RUN_LEDGER_RETENTION_DAYS * 86_400;
/** Causes and stop reasons are cut to this many characters: a record stays far below DynamoDB's 400 KB. */
export const LEDGER_TEXT_LIMIT = 2000;

/** The table's name: fixed per environment, so a pipeline's policies name it exactly. */
export function runLedgerTableName(pipeline: ResolvedPipeline): string {
  return ledgerTableOf(pipeline.environment.name);
}

export function runLedgerTableArn(pipeline: ResolvedPipeline): string {
  const { region, accountId } = pipeline.environment;
  return `arn:${partitionOf(region)}:dynamodb:${region}:${accountId}:table/${runLedgerTableName(pipeline)}`;
}

/**
 * The one permission a machine needs on the ledger: PutItem, on the pipeline's own partition only
 * (`dynamodb:LeadingKeys` is the partition key of every item written).
 */
export function ledgerWriteStatement(pipeline: ResolvedPipeline, sid: string): PolicyStatement {
  return {
    sid,
    actions: ['dynamodb:PutItem'],
    resources: [runLedgerTableArn(pipeline)],
    conditions: [{ test: 'ForAllValues:StringEquals', variable: 'dynamodb:LeadingKeys', values: [pipeline.name] }],
  };
}

const INPUT = '$states.context.Execution.Input';
const NAME = '$states.context.Execution.Name';

/** The attributes every record of a run has, computed in the main machine (`$i` the input, `$start` the start in ms). */
function runAttributes(pipeline: ResolvedPipeline, timeoutSeconds: number): string {
  const { partition, sort, startedIndexSort } = RUN_LEDGER_KEYS;
  return (
    `"${partition}": { "S": "${pipeline.name}" }, ` +
    `"${sort}": { "S": $i.interval.start & '#' & ${NAME} }, ` +
    `"run": { "S": ${NAME} }, ` +
    '"executionArn": { "S": $states.context.Execution.Id }, ' +
    '"intervalStart": { "S": $i.interval.start }, ' +
    '"intervalEnd": { "S": $i.interval.end }, ' +
    `"triggerKind": { "S": $exists($i.trigger.kind) ? $string($i.trigger.kind) : $split(${NAME}, '-')[0] }, ` +
    `"${startedIndexSort}": { "S": $fromMillis($start) }, ` +
    `"deadline": { "S": $fromMillis($start + ${timeoutSeconds * 1000}) }, ` +
    '"recordedBy": { "S": "run" }'
  );
}

const TRIGGER = '$exists($i.trigger) ? { "trigger": { "S": $string($i.trigger) } } : {}';

/** The record a run writes when it starts: RUNNING, with its deadline. */
function startItem(pipeline: ResolvedPipeline, timeoutSeconds: number): string {
  return expr(
    `( $i := ${INPUT}; $start := $toMillis($states.context.Execution.StartTime); ` +
      `$merge([{ ${runAttributes(pipeline, timeoutSeconds)}, "outcome": { "S": "RUNNING" }, ` +
      `"${RUN_LEDGER_KEYS.expiry}": { "N": $string($floor($start / 1000) + ${RETENTION_SECONDS}) } }, ${TRIGGER}]) )`,
  );
}

/** What a run knows of its end: its outcome, and JSONata for the error and cause it ends with (none on success). */
export interface RunEnd {
  readonly outcome: 'SUCCEEDED' | 'FAILED' | 'GAVE_UP';
  readonly error?: string;
  /** A JSONata expression of the cause text (the same one the Fail state gives). */
  readonly cause?: string;
}

/**
 * The record a run writes when it ends: its outcome, attempts, the last task's id, exit code and
 * stop reason (`$attempts`, `$task`), the error and cause, and the data checks' results when the
 * job has any (`$checks`, a list: recorded when it is not empty).
 */
function endItem(pipeline: ResolvedPipeline, timeoutSeconds: number, end: RunEnd): string {
  const optional = [
    TRIGGER,
    '$exists($task.arn) ? { "taskArn": { "S": $string($task.arn) } } : {}',
    '$exists($task.exitCode) ? { "exitCode": { "N": $string($task.exitCode) } } : {}',
    `$exists($task.stopReason) ? { "stopReason": { "S": $substring($string($task.stopReason), 0, ${LEDGER_TEXT_LIMIT}) } } : {}`,
    ...(end.error !== undefined ? [`{ "error": { "S": "${end.error}" } }`] : []),
    ...(end.cause !== undefined ? [`{ "cause": { "S": $substring(${end.cause}, 0, ${LEDGER_TEXT_LIMIT}) } }`] : []),
    '$count($checks) > 0 ? { "checks": { "S": $string($checks) } } : {}',
  ];
  return expr(
    `( $i := ${INPUT}; $start := $toMillis($states.context.Execution.StartTime); $end := $millis(); ` +
      `$merge([{ ${runAttributes(pipeline, timeoutSeconds)}, "outcome": { "S": "${end.outcome}" }, ` +
      '"endedAt": { "S": $fromMillis($end) }, "attempts": { "N": $string($attempts) }, ' +
      `"${RUN_LEDGER_KEYS.expiry}": { "N": $string($floor($end / 1000) + ${RETENTION_SECONDS}) } }, ${optional.join(', ')}]) )`,
  );
}

/**
 * A Task state of the main machine that writes the run's record and goes on to `next` whatever
 * happens: transient errors are retried like every call, and a write that still fails is left
 * behind (the run-ended machine writes the record from the run's status event, and alarms).
 */
export function recordState(input: {
  readonly pipeline: ResolvedPipeline;
  readonly partition: string;
  readonly timeoutSeconds: number;
  /** Undefined: the start record. */
  readonly end?: RunEnd;
  readonly next: string;
}): Record<string, unknown> {
  const { pipeline, end } = input;
  return {
    Type: 'Task',
    Comment: end
      ? `Records the run's outcome (${end.outcome}) in the run ledger; a failed write does not change the outcome`
      : 'Records the run in the run ledger as RUNNING; a failed write does not stop the run',
    Resource: `arn:${input.partition}:states:::dynamodb:putItem`,
    Arguments: {
      TableName: runLedgerTableName(pipeline),
      Item: end ? endItem(pipeline, input.timeoutSeconds, end) : startItem(pipeline, input.timeoutSeconds),
    },
    Retry: [transientRetry('dynamodb')],
    Catch: [{ ErrorEquals: ['States.ALL'], Next: input.next }],
    Next: input.next,
  };
}

/**
 * What the main machine assigns from an attempt that succeeded: attempts so far and the task
 * (`runTask.sync` returns the stopped task; RunTask's own `Tasks[0]` is read too).
 */
export function assignTaskSucceeded(container: string): Record<string, string> {
  return {
    attempts: expr('$states.context.State.RetryCount + 1'),
    task: expr(
      `( $r := $states.result; $t := $exists($r.TaskArn) ? $r : $r.Tasks[0]; $c := $t.Containers[Name = '${container}']; ` +
        '{ "arn": $t.TaskArn, "exitCode": $exists($c) ? $c[0].ExitCode : $t.Containers[0].ExitCode, "stopReason": $t.StoppedReason } )',
    ),
  };
}

/**
 * What a catcher of the task assigns: attempts so far and what the error's cause says of the task.
 * The cause of a failed `runTask.sync` is the task as JSON text, but not always (a timeout has no
 * cause, a refused call a message): it is read with regular expressions, which never fail on
 * text of another shape, rather than parsed.
 */
export const ASSIGN_TASK_FAILED: Record<string, string> = {
  attempts: expr('$states.context.State.RetryCount + 1'),
  task: expr(
    "( $c := $exists($states.errorOutput.Cause) ? $string($states.errorOutput.Cause) : ''; " +
      '$code := $match($c, /"ExitCode":(-?[0-9]+)/)[0].groups[0]; ' +
      '{ "arn": $match($c, /"TaskArn":"([^"]+)"/)[0].groups[0], "exitCode": $code ? $number($code) : undefined, ' +
      '"stopReason": $match($c, /"StoppedReason":"([^"]*)"/)[0].groups[0] } )',
  ),
};

/**
 * Whether a run that ended so records its end itself: it succeeded, or failed in one of its own
 * Fail states (their errors); `$ended` holds the status event's `status` and `error`.
 */
export function recordedByTheRun(failErrors: readonly string[]): string {
  return `$ended.status = 'SUCCEEDED' or ($ended.status = 'FAILED' and $ended.error in ${JSON.stringify(failErrors)})`;
}

const COMPACT_TO_MILLIS =
  "function($c) { $toMillis($substring($c, 0, 4) & '-' & $substring($c, 4, 2) & '-' & $substring($c, 6, 2) & 'T' & $substring($c, 9, 2) & ':' & $substring($c, 11, 2) & ':00Z') }";
const ISO = "'[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01]Z'";

/**
 * The record the run-ended machine writes from a run's status event (`$states.input.detail`): the
 * interval and trigger from the event's input, or from the run's name when the event dropped an
 * input over 248 KB; the outcome from the status (a FAILED run that gave up is GAVE_UP); start,
 * end, error and cause from the event. Attempts and the task are not in the event.
 */
export function recordFromEventArguments(pipeline: ResolvedPipeline, timeoutSeconds: number): Record<string, unknown> {
  const { partition, sort, startedIndexSort, expiry } = RUN_LEDGER_KEYS;
  return {
    TableName: runLedgerTableName(pipeline),
    Item: expr(
      '( $d := $states.input.detail; ' +
        '$given := $d.input ? $parse($d.input) : {}; ' +
        "$named := $split($d.name, '-'); " +
        `$compact := ${COMPACT_TO_MILLIS}; ` +
        `$start := $exists($given.interval.start) ? $given.interval.start : $fromMillis($compact($named[1]), ${ISO}); ` +
        `$end := $exists($given.interval.end) ? $given.interval.end : $fromMillis($compact($named[2]), ${ISO}); ` +
        "$outcome := $d.status = 'FAILED' and $d.error = 'Pipeline.GaveUpWaiting' ? 'GAVE_UP' : $d.status; " +
        `$merge([{ "${partition}": { "S": "${pipeline.name}" }, "${sort}": { "S": $start & '#' & $d.name }, ` +
        '"run": { "S": $d.name }, "executionArn": { "S": $d.executionArn }, ' +
        '"intervalStart": { "S": $start }, "intervalEnd": { "S": $end }, ' +
        '"triggerKind": { "S": $exists($given.trigger.kind) ? $string($given.trigger.kind) : $named[0] }, ' +
        `"outcome": { "S": $outcome }, "${startedIndexSort}": { "S": $fromMillis($d.startDate) }, ` +
        '"endedAt": { "S": $fromMillis($d.stopDate) }, ' +
        `"deadline": { "S": $fromMillis($d.startDate + ${timeoutSeconds * 1000}) }, ` +
        '"recordedBy": { "S": "status-event" }, ' +
        `"${expiry}": { "N": $string($floor($d.stopDate / 1000) + ${RETENTION_SECONDS}) } }, ` +
        '$exists($given.trigger) ? { "trigger": { "S": $string($given.trigger) } } : {}, ' +
        '$d.error ? { "error": { "S": $string($d.error) } } : {}, ' +
        `$d.cause ? { "cause": { "S": $substring($string($d.cause), 0, ${LEDGER_TEXT_LIMIT}) } } : {}]) )`,
    ),
    // Only where the run did not record its end: no record, or its start record.
    ConditionExpression: `attribute_not_exists(${partition}) OR outcome = :running`,
    ExpressionAttributeValues: { ':running': { S: 'RUNNING' } },
  };
}
