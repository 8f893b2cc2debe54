import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ledgerItem, RUN_LEDGER_KEYS, runLedgerTableName, type LedgerRecord, type RunOutcome } from '@data-platform/core';
import type { FakeAws, ScriptedExecution } from './fake-aws';

/** The run ledger's table in the loopback endpoint, keyed as the shared stack creates it. */
export function addLedgerTable(aws: FakeAws, environment = 'dev'): string {
  const table = runLedgerTableName(environment);
  aws.addTable(table, {
    hashKey: RUN_LEDGER_KEYS.partition,
    rangeKey: RUN_LEDGER_KEYS.sort,
    indexes: { [RUN_LEDGER_KEYS.startedIndex]: { hashKey: RUN_LEDGER_KEYS.partition, rangeKey: RUN_LEDGER_KEYS.startedIndexSort } },
  });
  return table;
}

const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '').slice(0, 13) + 'Z';
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** One run of a pipeline as the runs record it, for an interval `[startMs, endMs)`; the rest defaults to a scheduled run that succeeded a few minutes after the interval ended. */
export function ledgerRun(
  pipeline: string,
  interval: { readonly startMs: number; readonly endMs: number },
  outcome: RunOutcome,
  changes: Partial<LedgerRecord> = {},
  environment = 'dev',
): LedgerRecord {
  const kind = changes.triggerKind ?? 'schedule';
  const run = changes.run ?? `${kind}-${compact(iso(interval.startMs))}-${compact(iso(interval.endMs))}`;
  const startedMs = interval.endMs + 60_000;
  const running = outcome === 'RUNNING';
  const failed = outcome !== 'SUCCEEDED' && !running;
  return {
    pipeline,
    run,
    executionArn: `arn:aws:states:eu-west-1:111111111111:execution:dp-${pipeline}-${environment}:${run}`,
    intervalStart: iso(interval.startMs),
    intervalEnd: iso(interval.endMs),
    triggerKind: kind,
    trigger: { kind, scheduledTime: iso(interval.endMs) },
    outcome,
    startedAt: new Date(startedMs).toISOString(),
    ...(running ? {} : { endedAt: new Date(startedMs + 4 * 60_000).toISOString() }),
    deadline: new Date(startedMs + 4 * 3_600_000).toISOString(),
    ...(running ? {} : { attempts: failed ? 3 : 1 }),
    ...(failed ? { error: 'Pipeline.RunFailed', cause: `Run ${run} of ${pipeline} (${environment}) failed after 3 attempt(s) (States.TaskFailed: exit 2)` } : {}),
    ...(running ? {} : { taskArn: `arn:aws:ecs:eu-west-1:111111111111:task/data-platform-${environment}/${compact(iso(interval.startMs)).toLowerCase()}`, exitCode: failed ? 2 : 0 }),
    recordedBy: 'run',
    ...changes,
  };
}

/** Writes records into the ledger through the loopback endpoint, as the runs would, with the real SDK client (BatchWriteItem, 25 at a time). */
export async function seedLedger(records: readonly LedgerRecord[], environment = 'dev', region = 'eu-west-1'): Promise<void> {
  const client = new DynamoDBClient({ region });
  try {
    for (let i = 0; i < records.length; i += 25) {
      const batch = records.slice(i, i + 25).map((record) => ({ PutRequest: { Item: ledgerItem(record) as never } }));
      await client.send(new BatchWriteItemCommand({ RequestItems: { [runLedgerTableName(environment)]: batch } }));
    }
  } finally {
    client.destroy();
  }
}

/**
 * Makes the loopback endpoint's scripted executions record themselves in the run ledger, as the
 * job's machines do: RUNNING when one starts, its outcome when it ends (straight into the fake's
 * table: this is the runs writing, not a command).
 */
export function runsRecordThemselves(aws: FakeAws, pipeline: string, environment = 'dev'): void {
  aws.onExecution = (execution: ScriptedExecution) => {
    if (!aws.tables.has(runLedgerTableName(environment))) return;
    const input = JSON.parse(execution.input) as { interval: { start: string; end: string }; trigger?: { kind?: string } };
    const ended = execution.status !== 'RUNNING';
    const record: LedgerRecord = {
      pipeline,
      run: execution.name,
      executionArn: execution.executionArn,
      intervalStart: input.interval.start,
      intervalEnd: input.interval.end,
      triggerKind: input.trigger?.kind ?? execution.name.split('-')[0]!,
      ...(input.trigger ? { trigger: input.trigger } : {}),
      outcome: (execution.status === 'FAILED' && execution.error === 'Pipeline.GaveUpWaiting' ? 'GAVE_UP' : execution.status) as RunOutcome,
      startedAt: new Date(execution.startDate * 1000).toISOString(),
      ...(ended && execution.stopDate !== undefined ? { endedAt: new Date(execution.stopDate * 1000).toISOString() } : {}),
      deadline: new Date(execution.startDate * 1000 + 4 * 3_600_000).toISOString(),
      ...(ended ? { attempts: 1 } : {}),
      ...(execution.error ? { error: execution.error } : {}),
      ...(execution.cause ? { cause: execution.cause } : {}),
      recordedBy: 'run',
    };
    aws.putItem(runLedgerTableName(environment), ledgerItem(record) as Record<string, Record<string, unknown>>);
  };
}
