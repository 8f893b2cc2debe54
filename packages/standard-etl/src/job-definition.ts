import { CHECK_QUERY_TIMEOUT_SECONDS, checkStates, checkWarningSource, datasetsWithChecks, failingChecksText, type CheckedDataset } from './check-states';
import type { ResolvedPipeline } from './resolve-config';
import { assignTaskSucceeded, ASSIGN_TASK_FAILED, recordState, type RunEnd } from './run-ledger-writes';
import { RUNS_TABLE_EXPIRY, RUNS_TABLE_KEY } from './runs-table';
import { ASSIGN_ERROR, transientRetry } from './service-retries';

/** First retry after a minute, then doubling: 1, 2, 4 ... minutes (with full jitter). */
export const RETRY_INTERVAL_SECONDS = 60;
export const RETRY_BACKOFF_RATE = 2;
/**
 * Errors another attempt may cure: the container exited non-zero or never started (Spot capacity
 * included). ECS refusing the call (throttling, 5xx) is retried first, and apart, as every service
 * call is (`transientRetry`).
 */
export const RETRIED_ERRORS = ['States.TaskFailed'];
/** How long a run that finds every slot taken waits before it tries again. */
export const LOCK_RETRY_SECONDS = 60;
/** Errors of the main machine's Fail states, for alerts and `status`. */
export const RUN_ERRORS = {
  failed: 'Pipeline.RunFailed',
  gaveUp: 'Pipeline.GaveUpWaiting',
  /** The task succeeded and a blocking data check failed on the partition it wrote. */
  checksFailed: 'Pipeline.ChecksFailed',
  /** The task succeeded and a dataset's check query could not run (Athena failed past its retries). */
  checksNotRun: 'Pipeline.ChecksNotRun',
} as const;

/**
 * The longest a whole run may last: the quiet window of a data run, waiting for the running one
 * (up to maxRuntimeMinutes), every attempt at its maximum, the waits between them, and a margin.
 * It is also the lifetime of a run's lock: an execution cannot outlive it, so a lock past it is free.
 */
export function executionTimeoutSeconds(pipeline: ResolvedPipeline): number {
  const attempts = pipeline.retries + 1;
  let waits = 0;
  for (let retry = 0; retry < pipeline.retries; retry += 1) waits += RETRY_INTERVAL_SECONDS * RETRY_BACKOFF_RATE ** retry;
  const quiet = (pipeline.orchestration.onData?.quietMinutes ?? 0) * 60;
  const waitingForLock = pipeline.maxRuntimeMinutes * 60 + LOCK_RETRY_SECONDS;
  // Each dataset's check query, at its longest, and its calls' retries.
  const checks = datasetsWithChecks(pipeline.datasets).length * (CHECK_QUERY_TIMEOUT_SECONDS + 120);
  return quiet + waitingForLock + attempts * pipeline.maxRuntimeMinutes * 60 + waits + checks + 300;
}

export interface JobDefinitionInput {
  readonly pipeline: ResolvedPipeline;
  readonly partition: string;
  readonly clusterArn: string;
  readonly taskDefinitionArn: string;
  /** The task's security groups: the shared one (HTTPS), then the pipeline's own (its declared egress). */
  readonly securityGroupIds: readonly string[];
  /** The shared contract's comma-separated subnet ids (a Terraform reference). */
  readonly subnetIdsText: string;
  readonly runsTableName: string;
  /**
   * The datasets whose checks run after the task succeeded, and the platform's Athena workgroup.
   * @default - no checks: the run succeeds when its task does
   */
  readonly checks?: { readonly datasets: readonly CheckedDataset[]; readonly workgroup: string };
}

/** The key of run slot `n` (1-based) in the runs table: `lock#<n>`. */
export const SLOT_KEY_PREFIX = 'lock#';

const INPUT = '$states.context.Execution.Input';
const NAME = '$states.context.Execution.Name';
const expr = (jsonata: string) => `{% ${jsonata} %}`;

/**
 * The main state machine of a job, in JSONata: record the run in the run ledger (RUNNING) → [wait
 * for the quiet window of a data run] → take a run slot (a conditional PutItem; wait a minute and
 * try again while another run holds every slot, up to maxRuntimeMinutes, then give up) → run the
 * task with the data interval of its input, retried with backoff, each attempt bounded → free the
 * slot → record the outcome → succeed; every failure frees the slot, records its outcome and ends
 * in a Fail state whose Error and Cause say what happened to which interval. A ledger write that
 * fails past its retries is passed over: the run's outcome is the same with or without it.
 */
export function jobDefinition(input: JobDefinitionInput): Record<string, unknown> {
  const { pipeline, partition } = input;
  const { names, environment, orchestration } = pipeline;
  const slots = orchestration.concurrency;
  const lifetimeSeconds = executionTimeoutSeconds(pipeline);
  const lockKey = { [RUNS_TABLE_KEY]: { S: expr(`'${SLOT_KEY_PREFIX}' & $string($slot)`) } };
  const interval = `${INPUT}.interval.start & ' to ' & ${INPUT}.interval.end`;
  const describe = `'Run ' & ${NAME} & ' of ${pipeline.name} (${environment.name}), data interval ' & ${interval}`;

  const capacity = pipeline.spot
    ? {
        // Spot first; any retry (no Spot capacity, or Spot reclaimed the task) runs on Fargate.
        CapacityProviderStrategy: expr(
          `$states.context.State.RetryCount = 0 ? [{ "CapacityProvider": "FARGATE_SPOT", "Weight": 1 }] : [{ "CapacityProvider": "FARGATE", "Weight": 1 }]`,
        ),
      }
    : { LaunchType: 'FARGATE' };

  const record = (next: string, end?: RunEnd) => recordState({ pipeline, partition, timeoutSeconds: lifetimeSeconds, next, ...(end ? { end } : {}) });

  const states: Record<string, Record<string, unknown>> = {};
  states.RecordStart = record(orchestration.onData ? 'WaitForQuietWindow' : 'Prepare');
  if (orchestration.onData) {
    states.WaitForQuietWindow = {
      Type: 'Wait',
      Comment: 'A data run starts when its quiet window has ended, so one run takes the whole burst',
      Timestamp: expr(`${INPUT}.trigger.kind = 'data' ? ${INPUT}.interval.end : $states.context.Execution.StartTime`),
      Next: 'Prepare',
    };
  }
  states.Prepare = {
    Type: 'Pass',
    // What the run's record reads when it ends: no attempt and no task yet; the data checks, when the
    // job has any, leave their results in $checks.
    Assign: { slot: 1, waitingSince: expr('$millis()'), attempts: 0, task: {}, checks: [] },
    Next: 'TakeRunSlot',
  };
  states.TakeRunSlot = {
    Type: 'Task',
    Comment: `One of ${slots} run slot(s), held until this run ends and at most ${lifetimeSeconds} seconds (the execution timeout)`,
    Resource: `arn:${partition}:states:::dynamodb:putItem`,
    Arguments: {
      TableName: input.runsTableName,
      Item: {
        ...lockKey,
        runId: { S: expr(NAME) },
        [RUNS_TABLE_EXPIRY]: { N: expr(`$string($floor($millis() / 1000) + ${lifetimeSeconds})`) },
      },
      ConditionExpression: `attribute_not_exists(${RUNS_TABLE_KEY}) OR ${RUNS_TABLE_EXPIRY} < :now OR runId = :me`,
      ExpressionAttributeValues: { ':now': { N: expr('$string($floor($millis() / 1000))') }, ':me': { S: expr(NAME) } },
    },
    // A retried write that had landed finds the slot held by this same run (`runId = :me`): taken.
    Retry: [transientRetry('dynamodb')],
    Catch: [
      { ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'RunSlotTaken' },
      { ErrorEquals: ['States.ALL'], Assign: ASSIGN_ERROR, Next: 'RecordSlotUnavailable' },
    ],
    Next: 'RunTask',
  };
  const slotUnavailable = `${describe} & ' never ran: it could not take a run slot in its runs table (' & $error & ': ' & $substring($replace($cause, '"', "'"), 0, 600) & '). Run it again.'`;
  states.RecordSlotUnavailable = record('RunSlotUnavailable', { outcome: 'FAILED', error: RUN_ERRORS.failed, cause: slotUnavailable });
  states.RunSlotUnavailable = {
    Type: 'Fail',
    Comment: 'DynamoDB failed past its retries: the run never started (a slot it may hold is freed when the run ends)',
    Error: RUN_ERRORS.failed,
    Cause: expr(slotUnavailable),
  };
  states.RunSlotTaken = {
    Type: 'Choice',
    Choices: [
      ...(slots > 1 ? [{ Condition: expr(`$slot < ${slots}`), Assign: { slot: expr('$slot + 1') }, Next: 'TakeRunSlot' }] : []),
      {
        Condition: expr(`$millis() - $waitingSince < ${pipeline.maxRuntimeMinutes * 60_000}`),
        Assign: { slot: 1 },
        Next: 'WaitForRunningOne',
      },
    ],
    Default: 'RecordGaveUp',
  };
  states.WaitForRunningOne = { Type: 'Wait', Seconds: LOCK_RETRY_SECONDS, Next: 'TakeRunSlot' };
  const gaveUp = `${describe} & ' gave up: another run held ${slots === 1 ? 'the run slot' : `all ${slots} run slots`} for ${pipeline.maxRuntimeMinutes} minutes (its maxRuntimeMinutes). It never ran; run it again when the other run has ended.'`;
  states.RecordGaveUp = record('GaveUpWaiting', { outcome: 'GAVE_UP', error: RUN_ERRORS.gaveUp, cause: gaveUp });
  states.GaveUpWaiting = {
    Type: 'Fail',
    Error: RUN_ERRORS.gaveUp,
    Cause: expr(gaveUp),
  };
  states.RunTask = {
    Type: 'Task',
    Comment: `One attempt, stopped after ${pipeline.maxRuntimeMinutes} minutes`,
    Resource: `arn:${partition}:states:::ecs:runTask.sync`,
    Arguments: {
      Cluster: input.clusterArn,
      TaskDefinition: input.taskDefinitionArn,
      ...capacity,
      PlatformVersion: 'LATEST',
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          // A list only Terraform knows cannot sit in a JSON string: take the contract's comma-separated
          // text and split it when the run starts, so that the definition stays plain JSON (which the
          // policy checks read) with nothing but a reference in it.
          Subnets: expr(`$split('${input.subnetIdsText}', ',')`),
          SecurityGroups: [...input.securityGroupIds],
          AssignPublicIp: environment.networkMode === 'public-dev' ? 'ENABLED' : 'DISABLED',
        },
      },
      EnableExecuteCommand: pipeline.enableExecuteCommand,
      PropagateTags: 'TASK_DEFINITION',
      // ECS allows 36 characters here; the whole run name is the task's RUN_ID.
      StartedBy: expr(`$substring(${NAME}, 0, 36)`),
      Overrides: {
        ContainerOverrides: [{
          Name: names.container,
          Environment: [
            { Name: 'DATA_INTERVAL_START', Value: expr(`${INPUT}.interval.start`) },
            { Name: 'DATA_INTERVAL_END', Value: expr(`${INPUT}.interval.end`) },
            { Name: 'RUN_ID', Value: expr(NAME) },
          ],
        }],
      },
    },
    TimeoutSeconds: pipeline.maxRuntimeMinutes * 60,
    Retry: [
      transientRetry('ecs'),
      ...(pipeline.retries > 0
        ? [{
            ErrorEquals: RETRIED_ERRORS,
            IntervalSeconds: RETRY_INTERVAL_SECONDS,
            BackoffRate: RETRY_BACKOFF_RATE,
            MaxAttempts: pipeline.retries,
            JitterStrategy: 'FULL',
          }]
        : []),
    ],
    Assign: assignTaskSucceeded(names.container),
    Catch: [{ ErrorEquals: ['States.ALL'], Assign: { ...ASSIGN_ERROR, ...ASSIGN_TASK_FAILED }, Next: 'FreeRunSlotAfterFailure' }],
    Next: input.checks ? 'PrepareChecks' : 'FreeRunSlot',
  };
  if (input.checks) {
    const { datasets, workgroup } = input.checks;
    Object.assign(states, checkStates({
      partition,
      workgroup,
      datasets,
      warningSource: checkWarningSource(names.base.replace(/^dp-/, '')),
      about: { pipeline: pipeline.name, environment: environment.name, owner: pipeline.owner },
      next: {
        passed: 'FreeRunSlot',
        ...(datasets.some((d) => d.dataset.checks.some((check) => check.blocking)) ? { failed: 'FreeRunSlotAfterCheckFailure' } : {}),
        notRun: 'FreeRunSlotAfterChecksNotRun',
      },
    }).states);
  }
  // Freeing is conditioned on this run holding the slot: a slot already gone (expired and taken by
  // another run) is not this run's failure. A delete that fails past its retries is left to the
  // slot release, which frees the slot of every run that ended (see slot-release.ts).
  const freeSlot = (next: string) => ({
    Type: 'Task',
    Resource: `arn:${partition}:states:::dynamodb:deleteItem`,
    Arguments: {
      TableName: input.runsTableName,
      Key: lockKey,
      ConditionExpression: 'runId = :me',
      ExpressionAttributeValues: { ':me': { S: expr(NAME) } },
    },
    Retry: [transientRetry('dynamodb')],
    Catch: [{ ErrorEquals: ['States.ALL'], Next: next }],
    Next: next,
  });
  states.FreeRunSlot = freeSlot('RecordSucceeded');
  states.RecordSucceeded = record('Succeeded', { outcome: 'SUCCEEDED' });
  states.Succeeded = { Type: 'Succeed' };
  // A run that fails after its task started: free its slot, record its end, then fail with the cause.
  const failAfterTask = (fail: string, end: { readonly free: string; readonly record: string; readonly error: string; readonly cause: string; readonly comment?: string }) => {
    states[end.free] = freeSlot(end.record);
    states[end.record] = record(fail, { outcome: 'FAILED', error: end.error, cause: end.cause });
    states[fail] = { Type: 'Fail', ...(end.comment ? { Comment: end.comment } : {}), Error: end.error, Cause: expr(end.cause) };
  };
  if (input.checks) {
    const { datasets } = input.checks;
    if (datasets.some((d) => d.dataset.checks.some((check) => check.blocking))) {
      failAfterTask('ChecksFailed', {
        free: 'FreeRunSlotAfterCheckFailure',
        record: 'RecordChecksFailed',
        error: RUN_ERRORS.checksFailed,
        cause: `${describe} & ' wrote data that failed its blocking checks, so its downstreams do not start: ' & ${failingChecksText(datasets, '$checks[blocking and $not(passed)]')} & '. Fix the data or the code, then rerun the interval.'`,
        comment: 'The task succeeded and wrote data that a blocking check refuses: its downstreams do not start (no SUCCEEDED event)',
      });
    }
    failAfterTask('ChecksNotRun', {
      free: 'FreeRunSlotAfterChecksNotRun',
      record: 'RecordChecksNotRun',
      error: RUN_ERRORS.checksNotRun,
      cause:
        `${describe} & ' wrote its data, but the checks of dataset ' & $checkedDataset & ' could not run (' & $error & ': ' & $substring($replace($string($cause), '"', "'"), 0, 600) & '), so its downstreams do not start. Rerun the interval once the cause is fixed.'`,
      comment: 'The task succeeded but a check query failed past its retries: the data is unverified, so the run fails',
    });
  }
  failAfterTask('RunFailed', {
    free: 'FreeRunSlotAfterFailure',
    record: 'RecordFailed',
    error: RUN_ERRORS.failed,
    cause:
      `${describe} & ' failed' & ($error = 'States.Timeout' ? ': an attempt outlived maxRuntimeMinutes (${pipeline.maxRuntimeMinutes}) and was stopped' : ` +
      `' after ' & $string($attempts) & ' attempt(s)') & ' (' & $error & ': ' & $substring($replace($string($cause), '"', "'"), 0, 600) & ')'`,
  });

  const trigger = [
    pipeline.schedule ? `${pipeline.schedule.expression} ${pipeline.schedule.timezone}` : '',
    orchestration.after.length ? `after ${orchestration.after.join(', ')}` : '',
    orchestration.onData ? `on data under ${orchestration.onData.prefixes.join(', ')}` : '',
  ].filter((t) => t !== '');
  return {
    Comment: `Runs of pipeline ${pipeline.name} (${environment.name}): ${trigger.join('; ')}`,
    QueryLanguage: 'JSONata',
    StartAt: 'RecordStart',
    TimeoutSeconds: lifetimeSeconds,
    States: states,
  };
}
