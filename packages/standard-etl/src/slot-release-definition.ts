import { SLOT_KEY_PREFIX } from './job-definition';
import type { ResolvedPipeline } from './resolve-config';
import { recordedByTheRun, recordFromEventArguments } from './run-ledger-writes';
import { RUNS_TABLE_KEY } from './runs-table';
import { transientRetry } from './service-retries';

export interface SlotReleaseDefinitionInput {
  readonly pipeline: ResolvedPipeline;
  readonly partition: string;
  readonly runsTableName: string;
  /** The main machine's execution timeout: a run's record carries its deadline. */
  readonly executionTimeoutSeconds: number;
  /** The errors of the main machine's own Fail states: a run that ended with one of them (or succeeded) recorded its end itself. */
  readonly runErrors: readonly string[];
}

/** Errors of the run-ended machine's own Fail states, for its alarm and the harness. */
export const RUN_ENDED_ERRORS = {
  /** Writing the ended run's record failed past its retries: the ledger says RUNNING, or nothing, for it. */
  notRecorded: 'Ledger.NotRecorded',
  /** The run could not record its own end (its write failed past its retries); written from its status event instead. */
  recordedFromEvent: 'Ledger.RecordedFromEvent',
} as const;

const expr = (jsonata: string) => `{% ${jsonata} %}`;

/**
 * The Express machine that finishes what a run that ended could not, started by the rule on the
 * main machine's status events (SUCCEEDED, FAILED, TIMED_OUT, ABORTED), with that event as input:
 * - it records the run's end in the run ledger where the run did not (no record, or its RUNNING
 *   one: a run stopped, timed out or crashed runs no state of its own), on that condition, so a
 *   record the run wrote is never replaced;
 * - it frees the run's slot: it deletes each slot of the runs table on the condition that the
 *   ended run (`detail.name`) still holds it, and stops at the one it held. A slot another run
 *   holds is never touched, so a late or repeated event is harmless.
 * It fails (an alarm) when DynamoDB fails past its retries, and when it had to write the end of a
 * run that should have written it itself (its write failed): the record is then complete, and
 * the alarm says a write failed. The slot's expiry stays the last resort.
 */
export function slotReleaseDefinition(input: SlotReleaseDefinitionInput): Record<string, unknown> {
  const { pipeline, partition } = input;
  const slots = pipeline.orchestration.concurrency;
  return {
    Comment:
      `Records the end of a run of pipeline ${pipeline.name} (${pipeline.environment.name}) that did not record it, and frees its run slot, whatever ended it`,
    QueryLanguage: 'JSONata',
    StartAt: 'Prepare',
    States: {
      Prepare: {
        Type: 'Pass',
        Assign: {
          run: expr('$states.input.detail.name'),
          ended: expr('{ "status": $states.input.detail.status, "error": $states.input.detail.error }'),
          slot: 1,
          recorded: 'by-the-run',
          ledgerError: 'none',
        },
        Next: 'RecordEnd',
      },
      RecordEnd: {
        Type: 'Task',
        Comment: 'Only where the run did not record its end itself',
        Resource: `arn:${partition}:states:::dynamodb:putItem`,
        Arguments: recordFromEventArguments(pipeline, input.executionTimeoutSeconds),
        Retry: [transientRetry('dynamodb')],
        Assign: { recorded: 'from-the-event' },
        Catch: [
          { ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'FreeSlot' },
          {
            ErrorEquals: ['States.ALL'],
            Assign: { recorded: 'no', ledgerError: expr("$states.errorOutput.Error & ($exists($states.errorOutput.Cause) ? ': ' & $string($states.errorOutput.Cause) : '')") },
            Next: 'FreeSlot',
          },
        ],
        Next: 'FreeSlot',
      },
      FreeSlot: {
        Type: 'Task',
        Comment: 'Only when the ended run still holds this slot',
        Resource: `arn:${partition}:states:::dynamodb:deleteItem`,
        Arguments: {
          TableName: input.runsTableName,
          Key: { [RUNS_TABLE_KEY]: { S: expr(`'${SLOT_KEY_PREFIX}' & $string($slot)`) } },
          ConditionExpression: 'runId = :run',
          ExpressionAttributeValues: { ':run': { S: expr('$run') } },
        },
        Retry: [transientRetry('dynamodb')],
        Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'NextSlot' }],
        Next: 'Freed',
      },
      NextSlot: {
        Type: 'Choice',
        Choices: [{ Condition: expr(`$slot < ${slots}`), Assign: { slot: expr('$slot + 1') }, Next: 'FreeSlot' }],
        Default: 'HeldNone',
      },
      Freed: { Type: 'Pass', Comment: 'The slot the run held is free', Next: 'Recorded' },
      HeldNone: { Type: 'Pass', Comment: 'The run held no slot any more: it freed it itself, or it expired', Next: 'Recorded' },
      Recorded: {
        Type: 'Choice',
        Choices: [
          { Condition: expr("$recorded = 'no'"), Next: 'NotRecorded' },
          {
            Condition: expr(`$recorded = 'from-the-event' and (${recordedByTheRun(input.runErrors)})`),
            Next: 'RecordedFromEvent',
          },
        ],
        Default: 'Done',
      },
      NotRecorded: {
        Type: 'Fail',
        Error: RUN_ENDED_ERRORS.notRecorded,
        Cause: expr(
          `'The end of run ' & $run & ' of ${pipeline.name} (${pipeline.environment.name}) could not be recorded in the run ledger: ' & $substring($ledgerError, 0, 600)`,
        ),
      },
      RecordedFromEvent: {
        Type: 'Fail',
        Error: RUN_ENDED_ERRORS.recordedFromEvent,
        Cause: expr(
          `'Run ' & $run & ' of ${pipeline.name} (${pipeline.environment.name}) could not record its end in the run ledger; it was recorded from its status event (without its attempts).'`,
        ),
      },
      Done: { Type: 'Succeed' },
    },
  };
}
