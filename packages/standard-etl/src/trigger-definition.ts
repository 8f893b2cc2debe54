import { standardEtlErrors as errors, type ErrorSite } from './errors';
import type { ResolvedPipeline } from './resolve-config';
import { RUNS_TABLE_EXPIRY, RUNS_TABLE_KEY } from './runs-table';
import { scheduleJsonata } from './schedule-jsonata';
import { transientRetry } from './service-retries';

export interface TriggerDefinitionInput {
  readonly pipeline: ResolvedPipeline;
  readonly partition: string;
  /** The main state machine's ARN (derived from its name). */
  readonly stateMachineArn: string;
  readonly runsTableName: string;
  /** For error messages. */
  readonly site: ErrorSite;
}

/** How long a record of upstream successes for one interval is kept: a downstream waits at most this long for the last upstream. */
export const UPSTREAM_RECORD_DAYS = 8;

const COMPACT = "'[Y0001][M01][D01]T[H01][m01]Z'";
/**
 * Epoch ms of a compact UTC time (`20261201T0905Z`), read by hand: jsonata 2.0.6, the version Step
 * Functions runs, parses it with the COMPACT picture as 2026-12-04T18:05Z (2.2 reads it right), so
 * the text is rebuilt as ISO-8601, which every version reads alike.
 */
const COMPACT_TO_MILLIS =
  "function($c) { $toMillis($substring($c, 0, 4) & '-' & $substring($c, 4, 2) & '-' & $substring($c, 6, 2) & 'T' & $substring($c, 9, 2) & ':' & $substring($c, 11, 2) & ':00Z') }";
const ISO = "'[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01]Z'";
const expr = (jsonata: string) => `{% ${jsonata} %}`;

/** The main state machine name of an upstream pipeline in the same environment. */
export function upstreamStateMachineName(upstream: string, environment: string): string {
  return `dp-${upstream}-${environment}`;
}

/**
 * The Express trigger machine of a job: it reads what happened (a Scheduler event, an upstream's
 * success, an object created in the lake), computes the run's data interval, and starts the main
 * machine with the run name of that interval, so duplicates collapse onto one run: an open
 * execution with the same name and input is returned as is, a closed one is refused with
 * ExecutionAlreadyExists, which the trigger takes as "already done".
 */
export function triggerDefinition(input: TriggerDefinitionInput): Record<string, unknown> {
  const { pipeline, site } = input;
  const { orchestration, environment } = pipeline;
  const routes: Array<Record<string, unknown>> = [];
  const states: Record<string, Record<string, unknown>> = {};

  if (pipeline.schedule) {
    const generated = scheduleJsonata(pipeline.schedule.expression, pipeline.schedule.timezone);
    if ('refusal' in generated) throw errors.scheduleNotComputable(site, pipeline.schedule.expression, generated.refusal);
    routes.push({ Condition: expr(`$states.input.trigger.kind = 'schedule'`), Next: 'FromSchedule' });
    states.FromSchedule = {
      Type: 'Pass',
      Comment: `The period of ${pipeline.schedule.expression} (${pipeline.schedule.timezone}) that ends at the scheduled time`,
      Assign: {
        run: expr(
          `( $t := $toMillis($states.input.trigger.scheduledTime); $i := ${generated.jsonata}; ` +
            `{ "kind": "schedule", "start": $i.start, "end": $i.end, "trigger": $states.input.trigger } )`,
        ),
      },
      Next: 'StartRun',
    };
  }

  if (orchestration.after.length > 0) {
    const byMachine = Object.fromEntries(orchestration.after.map((u) => [upstreamStateMachineName(u, environment.name), u]));
    routes.push({ Condition: expr(`$states.input.source = 'aws.states'`), Next: 'FromUpstream' });
    states.FromUpstream = {
      Type: 'Pass',
      Comment: "The upstream run's data interval: from its input, or from its name when the event dropped an input over 248 KB",
      Assign: {
        run: expr(
          '( $d := $states.input.detail; ' +
            '$given := $d.input ? $parse($d.input).interval : undefined; ' +
            `$named := $split($d.name, '-'); ` +
            `$compact := ${COMPACT_TO_MILLIS}; ` +
            `$start := $exists($given.start) ? $toMillis($given.start) : $compact($named[1]); ` +
            `$end := $exists($given.end) ? $toMillis($given.end) : $compact($named[2]); ` +
            `$upstream := $lookup(${JSON.stringify(byMachine)}, $split($d.stateMachineArn, ':')[6]); ` +
            '{ "kind": "after", "start": $start, "end": $end, "upstream": $upstream, ' +
            '"trigger": { "kind": "after", "upstreams": [{ "pipeline": $upstream, "execution": $d.executionArn }] } } )',
        ),
      },
      Next: orchestration.after.length === 1 ? 'StartRun' : 'RecordUpstream',
    };
    if (orchestration.after.length > 1) {
      states.RecordUpstream = {
        Type: 'Task',
        Comment: 'Adds this upstream to the set of those that succeeded for the interval',
        Resource: `arn:${input.partition}:states:::dynamodb:updateItem`,
        Arguments: {
          TableName: input.runsTableName,
          Key: { [RUNS_TABLE_KEY]: { S: expr(`'after#' & $string($run.start) & '#' & $string($run.end)`) } },
          UpdateExpression: `ADD upstreams :upstream, executions :execution SET ${RUNS_TABLE_EXPIRY} = :expiry`,
          ExpressionAttributeValues: {
            ':upstream': { SS: expr('[$run.upstream]') },
            ':execution': { SS: expr('[$run.trigger.upstreams[0].execution]') },
            ':expiry': { N: expr(`$string($floor($millis() / 1000) + ${UPSTREAM_RECORD_DAYS * 86_400})`) },
          },
          ReturnValues: 'ALL_NEW',
        },
        // Adding to a set twice leaves one member: a retried update that had landed changes nothing.
        Retry: [transientRetry('dynamodb')],
        Assign: {
          arrived: expr('$states.result.Attributes.upstreams.SS'),
          executions: expr('$states.result.Attributes.executions.SS'),
        },
        Next: 'AllUpstreamsSucceeded',
      };
      states.AllUpstreamsSucceeded = {
        Type: 'Choice',
        Choices: [{
          Condition: expr(`$count(${JSON.stringify(orchestration.after)}[$ in $arrived]) = ${orchestration.after.length}`),
          Assign: {
            run: expr(
              `$merge([$run, { "trigger": { "kind": "after", "upstreams": [$executions.{ "pipeline": $lookup(${JSON.stringify(byMachine)}, $split($, ':')[6]), "execution": $ }] } }])`,
            ),
          },
          Next: 'StartRun',
        }],
        Default: 'WaitingForOtherUpstreams',
      };
      states.WaitingForOtherUpstreams = { Type: 'Succeed', Comment: 'The last upstream to succeed for this interval starts the run' };
    }
  }

  if (orchestration.onData) {
    const quietMs = orchestration.onData.quietMinutes * 60_000;
    routes.push({ Condition: expr(`$states.input.source = 'aws.s3'`), Next: 'FromData' });
    states.FromData = {
      Type: 'Pass',
      Comment: `The ${orchestration.onData.quietMinutes}-minute window the object landed in: every object of the window makes the same run`,
      Assign: {
        run: expr(
          `( $s := $floor($toMillis($states.input.time) / ${quietMs}) * ${quietMs}; ` +
            `{ "kind": "data", "start": $s, "end": $s + ${quietMs}, "trigger": { "kind": "data", "prefixes": ${JSON.stringify(orchestration.onData.prefixes)} } } )`,
        ),
      },
      Next: 'StartRun',
    };
  }

  states.StartRun = {
    Type: 'Task',
    Resource: `arn:${input.partition}:states:::aws-sdk:sfn:startExecution`,
    Arguments: {
      StateMachineArn: input.stateMachineArn,
      Name: expr(`$run.kind & '-' & $fromMillis($run.start, ${COMPACT}) & '-' & $fromMillis($run.end, ${COMPACT})`),
      Input: expr(
        `$string({ "interval": { "start": $fromMillis($run.start, ${ISO}), "end": $fromMillis($run.end, ${ISO}) }, "trigger": $run.trigger })`,
      ),
    },
    // A retried start that had landed finds its own run open with the same input, and gets it back.
    Retry: [transientRetry('sfn')],
    Catch: [{ ErrorEquals: ['Sfn.ExecutionAlreadyExistsException'], Next: 'AlreadyRun' }],
    End: true,
  };
  states.AlreadyRun = { Type: 'Succeed', Comment: 'A run of this interval has already ended: a duplicate event' };
  states.UnknownEvent = { Type: 'Fail', Error: 'Trigger.UnknownEvent', Cause: 'The trigger received an event it does not handle.' };

  return {
    Comment: `Turns the triggers of pipeline ${pipeline.name} (${environment.name}) into runs with their data interval`,
    QueryLanguage: 'JSONata',
    StartAt: 'Route',
    States: { Route: { Type: 'Choice', Choices: routes, Default: 'UnknownEvent' }, ...states },
  };
}
