import { SLOT_KEY_PREFIX } from './job-definition';
import type { ResolvedPipeline } from './resolve-config';
import { RUNS_TABLE_KEY } from './runs-table';
import { transientRetry } from './service-retries';

export interface SlotReleaseDefinitionInput {
  readonly pipeline: ResolvedPipeline;
  readonly partition: string;
  readonly runsTableName: string;
}

const expr = (jsonata: string) => `{% ${jsonata} %}`;

/**
 * The Express machine that frees the run slot of a run that ended, started by the rule on the main
 * machine's status events (SUCCEEDED, FAILED, TIMED_OUT, ABORTED). Its input is that event: it
 * deletes each slot of the runs table on the condition that the ended run (`detail.name`) still
 * holds it, and stops at the one it held. A slot another run holds is never touched, so a late or
 * repeated event is harmless. Fails (an alarm) only when DynamoDB fails past its retries; the
 * slot's expiry is then the last resort.
 */
export function slotReleaseDefinition(input: SlotReleaseDefinitionInput): Record<string, unknown> {
  const { pipeline, partition } = input;
  const slots = pipeline.orchestration.concurrency;
  return {
    Comment: `Frees the run slot of a run of pipeline ${pipeline.name} (${pipeline.environment.name}) that ended, whatever ended it`,
    QueryLanguage: 'JSONata',
    StartAt: 'Prepare',
    States: {
      Prepare: {
        Type: 'Pass',
        Assign: { run: expr('$states.input.detail.name'), slot: 1 },
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
      Freed: { Type: 'Succeed', Comment: 'The slot the run held is free' },
      HeldNone: { Type: 'Succeed', Comment: 'The run held no slot any more: it freed it itself, or it expired' },
    },
  };
}
