import { QueryCommand, type AttributeValue, type DynamoDBClient, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { LedgerItemError, readLedgerItem, RUN_LEDGER_KEYS, type LedgerRecord } from '@data-platform/core';
import { commandErrors } from '../errors';
import { awsErrorCode, describeAwsError } from './aws-errors';

/**
 * Reading the run ledger (`data-platform-runs-<env>`): a pipeline's runs by data interval, or by
 * start time, each in one Query (paged as DynamoDB pages, 1 MB at a time). The SDK retries a
 * throttled read (its standard retry mode); a read still refused, or a table that does not
 * exist, stops the command with one message naming the table.
 */

/** Where a read is: the table, and who reads for whom (for messages). */
export interface LedgerLocation {
  readonly table: string;
  /** The environment, for the message when the table is missing. */
  readonly environment: string;
  /** Who reads: `orders-dev`, `fleet dev`. */
  readonly reader: string;
}

type Page = { readonly items: ReadonlyArray<Record<string, AttributeValue>>; readonly last?: Record<string, AttributeValue> };

async function query(ddb: DynamoDBClient, where: LedgerLocation, input: QueryCommandInput): Promise<Page> {
  try {
    const page = await ddb.send(new QueryCommand(input));
    return { items: page.Items ?? [], ...(page.LastEvaluatedKey ? { last: page.LastEvaluatedKey } : {}) };
  } catch (error) {
    if (awsErrorCode(error) === 'ResourceNotFoundException') throw commandErrors.ledgerMissing(where.environment, where.table);
    throw commandErrors.ledgerUnreadable(where.reader, where.table, describeAwsError(error, 'Query'));
  }
}

function records(where: LedgerLocation, pipeline: string, items: ReadonlyArray<Record<string, AttributeValue>>): LedgerRecord[] {
  return items.map((item) => {
    try {
      return readLedgerItem(item);
    } catch (error) {
      if (!(error instanceof LedgerItemError)) throw error;
      const key = String((item[RUN_LEDGER_KEYS.sort] as { S?: string } | undefined)?.S ?? '?');
      throw commandErrors.ledgerBadItem(where.table, pipeline, key, error.message);
    }
  });
}

export interface ByIntervalQuery {
  /** Only runs whose interval starts at or after this time (`YYYY-MM-DDTHH:MM:SSZ`). */
  readonly from?: string;
  /** Only runs whose interval starts before this time. */
  readonly to?: string;
  /**
   * Newest interval first, and stop once this many distinct intervals are read.
   * @default - every run in the range, oldest first
   */
  readonly newestIntervals?: number;
}

const START_OF_SORT_KEY = (time: string) => `${time}#`;

/**
 * A pipeline's runs by data interval, from its partition of the ledger (strongly consistent: a run
 * recorded a moment ago is read). With `newestIntervals`, newest first, reading pages until that
 * many intervals are complete.
 */
export async function runsByInterval(ddb: DynamoDBClient, where: LedgerLocation, pipeline: string, range: ByIntervalQuery = {}): Promise<LedgerRecord[]> {
  const { partition, sort } = RUN_LEDGER_KEYS;
  const names = { '#pk': partition, '#sk': sort };
  const values: Record<string, AttributeValue> = { ':pipeline': { S: pipeline } };
  let condition = '#pk = :pipeline';
  if (range.from !== undefined && range.to !== undefined) {
    condition += ' AND #sk BETWEEN :from AND :to';
    values[':from'] = { S: START_OF_SORT_KEY(range.from) };
    // `#` sorts before every character of a run name: the last key of an interval starting before `to`.
    values[':to'] = { S: range.to };
  } else if (range.from !== undefined) {
    condition += ' AND #sk >= :from';
    values[':from'] = { S: START_OF_SORT_KEY(range.from) };
  } else if (range.to !== undefined) {
    condition += ' AND #sk < :to';
    values[':to'] = { S: range.to };
  }
  const newestFirst = range.newestIntervals !== undefined;
  const found: LedgerRecord[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await query(ddb, where, {
      TableName: where.table,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: !newestFirst,
      ConsistentRead: true,
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    found.push(...records(where, pipeline, page.items));
    start = page.last;
    // Enough once more than the wanted intervals are seen: the last one wanted is then complete.
    if (newestFirst && new Set(found.map((r) => r.intervalStart)).size > range.newestIntervals!) break;
  } while (start);
  if (!newestFirst) return found.filter((r) => range.to === undefined || r.intervalStart < range.to);
  const kept = [...new Set(found.map((r) => r.intervalStart))].slice(0, range.newestIntervals);
  return found.filter((r) => kept.includes(r.intervalStart));
}

/** A pipeline's last `limit` runs by start time, newest first (the ledger's start-time index). */
export async function runsByStart(ddb: DynamoDBClient, where: LedgerLocation, pipeline: string, limit: number): Promise<LedgerRecord[]> {
  const found: LedgerRecord[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await query(ddb, where, {
      TableName: where.table,
      IndexName: RUN_LEDGER_KEYS.startedIndex,
      KeyConditionExpression: '#pk = :pipeline',
      ExpressionAttributeNames: { '#pk': RUN_LEDGER_KEYS.partition },
      ExpressionAttributeValues: { ':pipeline': { S: pipeline } },
      ScanIndexForward: false,
      Limit: limit - found.length,
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    found.push(...records(where, pipeline, page.items));
    start = page.last;
  } while (start && found.length < limit);
  return found.slice(0, limit);
}

/**
 * What a record says now: its outcome, or `LOST` for a RUNNING record past its deadline (the run
 * ended, its execution timeout at the latest, and no end was recorded: its status event and its
 * own write were both lost).
 */
export function currentOutcome(record: LedgerRecord, nowMs: number): string {
  return record.outcome === 'RUNNING' && Date.parse(record.deadline) < nowMs ? 'LOST' : record.outcome;
}
